/**
 * The sandbox ARM emulator: an HTTPS server on 127.0.0.1 that answers the ARM calls the portal's
 * Azure SDK clients make, from an in-memory world (see README.md). Started in-process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { applyRequestFaults } from './faults';
import { ArmError, type ApiResponse, type RequestContext } from './http';
import { Router } from './router';
import { registerConnectedClusterRoutes } from './routes/connected-clusters';
import { removeSandboxKubeconfigs, writeSandboxKubeconfigs } from './kubeconfigs';
import { registerExtensionRoutes } from './routes/extensions';
import { registerKubeApiRoutes } from './routes/kube-api';
import { registerManagedClusterRoutes } from './routes/managed-clusters';
import { registerProviderRoutes } from './routes/providers';
import { registerRelayRoutes } from './routes/relay';
import { registerResourceGraphRoutes } from './routes/resource-graph';
import { registerRunCommandRoutes } from './routes/run-command';
import { ADMIN_PREFIX, registerSandboxAdminRoutes } from './routes/sandbox-admin';
import { registerSubscriptionRoutes } from './routes/subscriptions';
import { SandboxState } from './state';
import { SEEDED_WORLD } from './world';
import type { World } from './world-types';

export interface EmulatorOptions {
  /** Default: `SANDBOX_ARM_PORT`, else 0 (ephemeral). */
  port?: number;
  /** How long an extension install takes. Default: `SANDBOX_PROVISIONING_MS`, else 20 000. */
  provisioningMs?: number;
  /** Default: the seeded world (deep-cloned; state is per emulator instance). */
  world?: World;
}

export interface Emulator {
  /** e.g. `https://127.0.0.1:41234` (no trailing slash). */
  endpoint: string;
  /** PEM of the server's self-signed certificate: pass it as `tlsOptions.ca`. */
  ca: string;
  /** Folder of `<cluster-name>.yaml` kubeconfigs for the Arc clusters' emulated Kubernetes APIs. */
  kubeconfigDir: string;
  close(): Promise<void>;
}

/** Request bodies above this are refused: the portal never sends more than a few KB. */
const MAX_BODY_BYTES = 1_048_576;
const CERT_LIFETIME_MS = 86_400_000;

async function createCertificate(): Promise<{ cert: string; key: string }> {
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
  return { status: e.status, body: { error: { code: e.code, message: e.message } }, headers: e.headers };
}

/** Starts an emulator; each instance owns its own copy of the world. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const provisioningMs = options.provisioningMs ?? (Number(process.env.SANDBOX_PROVISIONING_MS) || 20_000);
  const port = options.port ?? (Number(process.env.SANDBOX_ARM_PORT) || 0);
  const world = options.world ?? SEEDED_WORLD;
  let state = new SandboxState(world, provisioningMs);

  const router = new Router();
  registerSandboxAdminRoutes(router, () => {
    state.dispose();
    state = new SandboxState(world, provisioningMs);
  });
  registerSubscriptionRoutes(router);
  registerProviderRoutes(router);
  registerManagedClusterRoutes(router);
  registerRunCommandRoutes(router);
  registerConnectedClusterRoutes(router);
  registerExtensionRoutes(router);
  registerResourceGraphRoutes(router);
  registerRelayRoutes(router);
  // Kubernetes API tokens are not ARM tokens: one random token per instance, in its kubeconfigs.
  const kubeToken = randomBytes(24).toString('hex');
  registerKubeApiRoutes(router, kubeToken);

  const { cert, key } = await createCertificate();
  let endpoint = '';

  async function handle(req: IncomingMessage): Promise<ApiResponse> {
    const host = req.headers.host ?? '';
    const actualPort = endpoint.slice(endpoint.lastIndexOf(':') + 1);
    // Links go back to the host name the client used, so TLS and any host-bound logic agree.
    const origin = host === `localhost:${actualPort}` ? `https://${host}` : endpoint;
    const url = new URL(req.url ?? '/', origin);
    const raw = await readBody(req);
    const isAdmin = url.pathname.startsWith(ADMIN_PREFIX);
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
      await applyRequestFaults(state, url.pathname);
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
    };
    return route.handler(ctx);
  }

  const server: Server = createServer({ cert, key }, (req, res) => {
    const requestId = randomUUID();
    const clientRequestId = req.headers['x-ms-client-request-id'];
    const correlationId = typeof clientRequestId === 'string' ? clientRequestId : requestId;
    handle(req).then(
      (r) => send(res, requestId, correlationId, r),
      (e: unknown) => {
        if (e instanceof ArmError) return send(res, requestId, correlationId, errorResponse(e));
        // Only the message: request bodies may carry protected settings and must never be logged.
        console.error(`[sandbox-arm] ${req.method} ${req.url?.split('?')[0]} failed: ${e instanceof Error ? e.message : String(e)}`);
        send(res, requestId, correlationId, errorResponse(new ArmError(500, 'InternalServerError', 'The sandbox failed to process the request.')));
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.dispose();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).finally(() => removeSandboxKubeconfigs(kubeconfigDir)),
  };
}
