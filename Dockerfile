# syntax=docker/dockerfile:1
# The portal as a container: `docker build -t azureml-portal .` then
# `docker run -p 3000:3000 -v portal-data:/data azureml-portal` (sandbox mode; README.md "Deploy").
# The image runs the standalone server (next.config.js `output: 'standalone'`), the same
# .next/standalone/server.js `npm start` runs; test/deploy/dockerfile.test.ts keeps the two in step.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Dependencies. better-sqlite3 downloads a prebuilt binary when one matches the platform; the
#    toolchain is its fallback, compiling against the image's own Node headers (no headers download).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The production build. public/ may be empty, and git keeps no empty folder: make sure it exists.
FROM ${NODE_IMAGE} AS builder
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN mkdir -p public && npm run build

# 3. The runtime: the traced server and only the node_modules it needs, no npm install, no compiler.
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
# NODE_OPTIONS and MALLOC_ARENA_MAX: the heap ceiling and malloc arenas npm start gives the server
# (scripts/start.mjs SERVER_NODE_FLAGS, SERVER_ENV_DEFAULTS; bench/README.md "Memory"). Set
# NODE_OPTIONS to change them, e.g. --max-old-space-size=512 for a fleet far larger than the bench's.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    PORTAL_DATA_DIR=/data \
    NODE_OPTIONS=--max-old-space-size=256 \
    MALLOC_ARENA_MAX=2
# A system user without a shell or home. The code stays root-owned (read-only to the portal); it
# writes only its data directory, the framework's cache and, in sandbox mode, kubeconfigs in /tmp.
RUN groupadd --system --gid 10001 portal \
 && useradd --system --uid 10001 --gid portal --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin portal \
 && mkdir -p /data \
 && chown portal:portal /data
COPY --from=builder /app/.next/standalone ./
COPY --from=builder /app/.next/static ./.next/static
COPY --from=builder /app/public ./public
RUN mkdir -p .next/cache && chown portal:portal .next/cache
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
# The slim image has no curl: Node's own fetch asks the liveness route.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
