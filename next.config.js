// @ts-check

/**
 * Largest server action request: the wizard posts its form with two PEM files of at most 64 KiB
 * each (app/deploy/actions.ts MAX_PEM_CHARS), JSON-escaped; 256 KiB leaves room for both and the
 * settings. Next.js answers bigger posts itself, before any action code runs.
 */
const SERVER_ACTION_BODY_LIMIT = '256kb';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A self-contained server in .next/standalone (server.js and only the node_modules it needs), for
  // `npm start`, the Dockerfile and any server without `npm install`. Its static assets are copied
  // next to it by scripts/start.mjs and by the Dockerfile (Next.js leaves that step to us).
  output: 'standalone',
  // Trace from this folder, never from a parent holding another lockfile: the server stays at
  // .next/standalone/server.js, where scripts/start.mjs and the Dockerfile look for it.
  outputFileTracingRoot: __dirname,
  poweredByHeader: false,
  // The Azure SDKs and the sandbox emulator run only on the server; keep them out of the bundler
  // so their dynamic requires and Node built-ins resolve as in plain Node.
  serverExternalPackages: ['selfsigned', '@peculiar/x509', 'pkijs', 'better-sqlite3', 'pg'],
  experimental: {
    // allowedOrigins stays unset: only the portal's own host may post actions.
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT },
    // proxy.ts runs before the API routes, and Next.js buffers request bodies for it up to this
    // size (10 MB by default). Above every route's own limit (256 KiB, lib/api/read-json-body.ts),
    // so routes still see enough of an oversized body to answer 413, without 10 MB per request.
    proxyClientMaxBodySize: '1mb',
  },
  async headers() {
    // proxy.ts sets the security headers of pages and APIs; build assets skip the proxy.
    const assetHeaders = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    ];
    return [
      { source: '/_next/static/:path*', headers: assetHeaders },
      { source: '/_next/image', headers: assetHeaders },
    ];
  },
};

module.exports = nextConfig;
