/**
 * The sandbox ARM emulator: an HTTPS server on 127.0.0.1 that answers the ARM calls the portal's
 * Azure SDK clients make, from an in-memory world (see README.md). Started in-process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { isArmPath, requireSupportedApiVersion } from './api-versions';
import { applyRequestFaults, rejectExpiredToken } from './faults';
import { ArmError, type ApiResponse, type RequestContext } from './http';
import { decideAccess, visibleSubscriptions, type SandboxIdentity } from './identities';
import { Router, type Handler } from './router';
import { registerConnectedClusterRoutes } from './routes/connected-clusters';
import { removeSandboxKubeconfigs, writeSandboxKubeconfigs } from './kubeconfigs';
import { registerExtensionRoutes } from './routes/extensions';
import { DEFAULT_ACCESS_TOKEN_LIFETIME_S, IdentityProvider, type Principal } from './routes/identity';
import { registerKubeApiRoutes } from './routes/kube-api';
import { registerMachineLearningRoutes } from './routes/machine-learning';
import { registerManagedClusterRoutes } from './routes/managed-clusters';
import { registerPermissionRoutes } from './routes/permissions';
import { registerProviderRoutes } from './routes/providers';
import { registerRelayRoutes } from './routes/relay';
import { registerResourceGraphRoutes } from './routes/resource-graph';
import { registerRunCommandRoutes } from './routes/run-command';
import { ADMIN_PREFIX, registerSandboxAdminRoutes, registerSandboxRestartRoute, registerSandboxStatsRoutes, RequestStats } from './routes/sandbox-admin';
import { registerSubscriptionRoutes } from './routes/subscriptions';
import { SandboxState } from './state';
import { SEEDED_WORLD } from './world';
import { worldFromEnvironment } from './world-generator';
import type { World } from './world-types';

export interface EmulatorOptions {
  /** Default: `SANDBOX_ARM_PORT`, else 0 (ephemeral). */
  port?: number;
  /** How long an extension install takes. Default: `SANDBOX_PROVISIONING_MS`, else 20 000. */
  provisioningMs?: number;
  /** Default: `SANDBOX_WORLD` (world-generator.ts), else the seeded world (deep-cloned; state is per emulator instance). */
  world?: World;
  /**
   * TLS certificate and key (PEM). Default: a fresh self-signed one. Passing the same pair to a
   * second emulator on the same port makes it a restart clients still trust (tests).
   */
  certificate?: EmulatorCertificate;
  /** Lifetime of the access tokens the sign-in authority issues. Default 3600 s; tests shorten it. */
  accessTokenLifetimeS?: number;
}

export interface Emulator {
  /** e.g. `https://127.0.0.1:41234` (no trailing slash). */
  endpoint: string;
  /** PEM of the server's self-signed certificate: pass it as `tlsOptions.ca`. */
  ca: string;
  /** Folder of `<cluster-name>.yaml` kubeconfigs for the Arc clusters' emulated Kubernetes APIs. */
  kubeconfigDir: string;
  /** Requests answered since start or the last reset (also `GET /_sandbox/stats`). */
  stats: RequestStats;
  close(): Promise<void>;
}

/** Request bodies above this are refused: the portal never sends more than a few KB. */
const MAX_BODY_BYTES = 1_048_576;
const CERT_LIFETIME_MS = 86_400_000;

/** An emulator's TLS certificate and private key, PEM. */
export interface EmulatorCertificate {
  cert: string;
  key: string;
}

/** A self-signed certificate for `localhost` and `127.0.0.1`, valid one day. */
export async function createEmulatorCertificate(): Promise<EmulatorCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    // A minute of slack so small clock differences never make it "not yet valid".
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + CERT_LIFETIME_MS),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ArmError(413, 'RequestEntityTooLarge', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, requestId: string, correlationId: string, r: ApiResponse): void {
  const headers: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': correlationId,
    ...r.headers,
  };
  if (r.body === undefined) {
    res.writeHead(r.status, { ...headers, 'Content-Length': '0' });
    res.end();
    return;
  }
  const payload = JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

function errorResponse(e: ArmError): ApiResponse {
  return { status: e.status, body: e.body(), headers: e.headers };
}

/**
 * Tenant-level reads show a signed-in user only the subscriptions their roles cover, as ARM
 * does: the subscription list is filtered and Resource Graph queries only visible ones.
 */
async function scopedToUser(ctx: RequestContext, handler: Handler, user: SandboxIdentity): Promise<ApiResponse> {
  const visible = visibleSubscriptions(user, ctx.state.world.subscriptions.map((s) => s.subscriptionId));
  const path = ctx.url.pathname.replace(/\/+$/, '').toLowerCase();
  if (path === '/providers/microsoft.resourcegraph/resources' && ctx.body && typeof ctx.body === 'object') {
    const body = ctx.body as { subscriptions?: unknown };
    const asked = Array.isArray(body.subscriptions) ? body.subscriptions.filter((s): s is string => typeof s === 'string') : visible;
    ctx = { ...ctx, body: { ...body, subscriptions: visibleSubscriptions(user, asked) } };
  }
  const response = await handler(ctx);
  if (path === '/subscriptions' && ctx.method === 'GET') {
    const body = response.body as { value?: Array<{ subscriptionId?: string }> };
    return { ...response, body: { ...body, value: (body.value ?? []).filter((s) => visible.includes(s.subscriptionId ?? '')) } };
  }
  return response;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Attempts to listen again after a restart, should the port be briefly taken. */
const RELISTEN_ATTEMPTS = 20;
const RELISTEN_RETRY_MS = 250;

/**
 * `POST /_sandbox/restart`: closes the listener and every connection, then listens again on the
 * same port after the outage. One restart at a time; `stop()` (the emulator closing) cancels a
 * pending listen so a closed emulator never comes back.
 */
class Restarter {
  #pending = false;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  schedule(downForMs: number): false | (() => void) {
    if (this.#pending || this.#stopped) return false;
    this.#pending = true;
    return () => this.#goDown(downForMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #goDown(downForMs: number): void {
    if (this.#stopped) return;
    this.server.close();
    this.server.closeAllConnections();
    this.#timer = setTimeout(() => void this.#comeBack(1), downForMs);
  }

  async #comeBack(attempt: number): Promise<void> {
    if (this.#stopped) return;
    try {
      await listen(this.server, this.port);
      this.#pending = false;
    } catch (e) {
      console.error(`[sandbox-arm] could not listen again on port ${this.port}: ${e instanceof Error ? e.message : String(e)}`);
      if (attempt < RELISTEN_ATTEMPTS) this.#timer = setTimeout(() => void this.#comeBack(attempt + 1), RELISTEN_RETRY_MS);
    }
  }
}

/** Starts an emulator; each instance owns its own copy of the world. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const provisioningMs = options.provisioningMs ?? (Number(process.env.SANDBOX_PROVISIONING_MS) || 20_000);
  const port = options.port ?? (Number(process.env.SANDBOX_ARM_PORT) || 0);
  const world = options.world ?? worldFromEnvironment(process.env.SANDBOX_WORLD) ?? SEEDED_WORLD;
  const stats = new RequestStats();
  let state = new SandboxState(world, provisioningMs);

  const router = new Router();
  registerSandboxAdminRoutes(router, () => {
    state.dispose();
    state = new SandboxState(world, provisioningMs);
  });
  registerSandboxStatsRoutes(router, stats);
  // Bound below, once the server exists.
  registerSandboxRestartRoute(router, (downForMs) => restarter.schedule(downForMs));
  registerSubscriptionRoutes(router);
  registerProviderRoutes(router);
  registerManagedClusterRoutes(router);
  registerRunCommandRoutes(router);
  registerConnectedClusterRoutes(router);
  registerExtensionRoutes(router);
  registerResourceGraphRoutes(router);
  registerRelayRoutes(router);
  registerPermissionRoutes(router);
  registerMachineLearningRoutes(router);
  // Kubernetes API tokens are not ARM tokens: one random token per instance, in its kubeconfigs.
  const kubeToken = randomBytes(24).toString('hex');
  registerKubeApiRoutes(router, kubeToken);
  // Identity state survives `/_sandbox/reset`: resetting the world must not sign everyone out.
  const identity = new IdentityProvider(options.accessTokenLifetimeS ?? DEFAULT_ACCESS_TOKEN_LIFETIME_S);
  identity.register(router);

  const { cert, key } = options.certificate ?? (await createEmulatorCertificate());
  let endpoint = '';

  async function handle(req: IncomingMessage): Promise<ApiResponse> {
    const host = req.headers.host ?? '';
    const actualPort = endpoint.slice(endpoint.lastIndexOf(':') + 1);
    // Links go back to the host name the client used, so TLS and any host-bound logic agree.
    const origin = host === `localhost:${actualPort}` ? `https://${host}` : endpoint;
    const url = new URL(req.url ?? '/', origin);
    const raw = await readBody(req);
    // The sign-in authority's token endpoint is OAuth, not ARM: form body, no bearer token.
    if (req.method === 'POST' && IdentityProvider.isTokenPath(url.pathname)) return identity.token(url.pathname, origin, raw);
    const isAdmin = url.pathname.startsWith(ADMIN_PREFIX);
    let principal: Principal = { kind: 'opaque' };
    if (!isAdmin) {
      const auth = req.headers.authorization ?? '';
      const match = /^Bearer\s+(\S.*)$/i.exec(auth);
      if (!match) {
        throw new ArmError(
          401,
          'AuthenticationFailed',
          "Authentication failed. The 'Authorization' header is missing or is not a bearer token.",
          { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"' },
        );
      }
      rejectExpiredToken(match[1].trim());
      principal = await identity.principalOf(match[1].trim());
      if (principal.kind === 'invalid') {
        throw new ArmError(401, 'InvalidAuthenticationToken', `The access token is invalid: ${principal.reason}`, {
          'WWW-Authenticate': 'Bearer error="invalid_token"',
        });
      }
      // ARM refuses a missing or unsupported api-version before the resource provider sees it.
      if (isArmPath(url.pathname)) requireSupportedApiVersion(url);
      if (principal.kind === 'user') {
        const decision = decideAccess(principal.user, req.method ?? 'GET', url.pathname);
        if (!decision.allowed) throw new ArmError(403, 'AuthorizationFailed', decision.message);
      }
      const clientRequestId = req.headers['x-ms-client-request-id'];
      await applyRequestFaults(state, url.pathname, typeof clientRequestId === 'string' ? clientRequestId : undefined);
    }
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
      }
    }
    const route = router.match(req.method ?? 'GET', url.pathname);
    if (route.kind === 'not-found') {
      throw new ArmError(404, 'NotFound', `The sandbox has no route for ${req.method} ${url.pathname}.`);
    }
    if (route.kind === 'method-not-allowed') {
      throw new ArmError(405, 'MethodNotAllowed', `The sandbox does not support ${req.method} on ${url.pathname}.`);
    }
    const ctx: RequestContext = {
      method: req.method ?? 'GET',
      url,
      origin,
      headers: req.headers,
      body,
      params: route.params,
      state,
      provisioningMs,
      ...(principal.kind === 'user' ? { caller: principal.user } : {}),
    };
    if (principal.kind !== 'user') return route.handler(ctx);
    return scopedToUser(ctx, route.handler, principal.user);
  }

  const server: Server = createServer({ cert, key }, (req, res) => {
    const requestId = randomUUID();
    const clientRequestId = req.headers['x-ms-client-request-id'];
    const correlationId = typeof clientRequestId === 'string' ? clientRequestId : requestId;
    const path = (req.url ?? '/').split('?')[0];
    // Counted when answered (faults included): the figures are what ARM would have served.
    const answer = (r: ApiResponse) => {
      if (!path.startsWith(ADMIN_PREFIX)) stats.record(req.method ?? 'GET', path, r.status);
      send(res, requestId, correlationId, r);
      const after = r.afterResponse;
      if (after) {
        if (req.socket.destroyed) after();
        else req.socket.once('close', after);
      }
    };
    handle(req).then(
      (r) => answer(r),
      (e: unknown) => {
        if (e instanceof ArmError) return answer(errorResponse(e));
        // Only the message: request bodies may carry protected settings and must never be logged.
        console.error(`[sandbox-arm] ${req.method} ${req.url?.split('?')[0]} failed: ${e instanceof Error ? e.message : String(e)}`);
        answer(errorResponse(new ArmError(500, 'InternalServerError', 'The sandbox failed to process the request.')));
      },
    );
  });

  await listen(server, port);
  const boundPort = (server.address() as AddressInfo).port;
  endpoint = `https://127.0.0.1:${boundPort}`;
  const restarter = new Restarter(server, boundPort);
  const kubeconfigDir = await writeSandboxKubeconfigs({
    endpoint,
    ca: cert,
    token: kubeToken,
    clusterNames: world.clusters.filter((c) => c.kind === 'connectedClusters').map((c) => c.name),
  });

  return {
    endpoint,
    ca: cert,
    kubeconfigDir,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.dispose();
        restarter.stop();
        // Down in the middle of a restart: nothing is listening, so nothing to close.
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).finally(() => removeSandboxKubeconfigs(kubeconfigDir)),
  };
}
