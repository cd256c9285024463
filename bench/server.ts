/**
 * The portal under benchmark: `scripts/start.mjs` (which builds first when there is no build or
 * sources are newer) on a free loopback port, in its own process group so everything it started
 * stops together, with the sandbox emulator on a second free port. The emulator's CA is read
 * from the kubeconfigs it writes (their documented trust anchor), never by turning TLS checks off.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { RequestStatsSnapshot } from '@/lib/sandbox/routes/sandbox-admin';

/** The bearer token every API call sends: the emulator accepts opaque tokens with full rights. */
export const BENCH_TOKEN = 'sandbox';
/** How long a build plus start may take before the bench gives up. */
const START_TIMEOUT_MS = 300_000;
const STOP_GRACE_MS = 5_000;

/** A free TCP port on 127.0.0.1 (closed again at once; a race with another process is unlikely). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A running portal and the emulator inside it. */
export interface BenchServer {
  /** e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** The emulator's admin routes (stats) over HTTPS trusting only its own CA. */
  emulator: EmulatorAdmin;
  /** Process group of the portal (start.mjs and server.js), for its memory figures. */
  pgid: number;
  stop(): Promise<void>;
}

/** `GET /_sandbox/stats` and its reset, on the emulator inside the portal process. */
export interface EmulatorAdmin {
  stats(): Promise<RequestStatsSnapshot>;
  resetStats(): Promise<void>;
}

function emulatorAdmin(armPort: number, ca: string): EmulatorAdmin {
  const call = (method: string, route: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: armPort, path: route, method, ca }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve(body) : reject(new Error(`${method} ${route}: ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  return {
    stats: async () => JSON.parse(await call('GET', '/_sandbox/stats')) as RequestStatsSnapshot,
    resetStats: async () => void (await call('POST', '/_sandbox/stats/reset')),
  };
}

/** The CA of the emulator, from any kubeconfig it wrote under `dir` (its temp folder). */
function findEmulatorCa(dir: string): string | null {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of readdirSync(path.join(dir, entry.name))) {
      if (!file.endsWith('.yaml')) continue;
      const match = /certificate-authority-data: "([^"]+)"/.exec(readFileSync(path.join(dir, entry.name, file), 'utf8'));
      if (match) return Buffer.from(match[1], 'base64').toString('utf8');
    }
  }
  return null;
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode} before it answered`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the portal did not answer ${baseUrl}/api/health within ${START_TIMEOUT_MS / 1000} s`);
}

/** Kills the whole process group: start.mjs, the standalone server.js and anything they spawned. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_GRACE_MS).then(() => true)]);
  if (timedOut) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * How `npm start` runs the server (`scripts/start.mjs --print-plan`): its Node flags, unless
 * BENCH_SERVER_NODE_FLAGS (space-separated, `none` for none) says otherwise, to measure others.
 */
function serverPlan(root: string): { server: string; nodeFlags: string[]; env: Record<string, string> } {
  const plan = JSON.parse(execFileSync(process.execPath, ['scripts/start.mjs', '--print-plan'], { cwd: root, encoding: 'utf8' })) as {
    server: string;
    nodeFlags: string[];
    env: Record<string, string>;
  };
  const override = process.env.BENCH_SERVER_NODE_FLAGS?.trim();
  if (override) plan.nodeFlags = override === 'none' ? [] : override.split(/\s+/);
  return plan;
}

/**
 * Starts the production portal in sandbox mode. `world` is `SANDBOX_WORLD` (e.g. `fleet:10:1000`),
 * empty for the seeded world; `env` is added to the portal's environment (the memory probe).
 * Output goes to the bench's stderr, prefixed, so a failed build shows.
 */
export async function startPortal(options: { world?: string; label: string; env?: Record<string, string> }): Promise<BenchServer> {
  const [port, armPort] = [await freePort(), await freePort()];
  const scratch = mkdtempSync(path.join(tmpdir(), 'azureml-bench-'));
  // BENCH_NO_BUILD=1 serves the build that exists (.next/standalone) as it is, without start.mjs's
  // rebuild when sources are newer: for API sections on a shared checkout that others are editing.
  // Static assets are not copied then, so the wizard section needs the default.
  const root = path.resolve(import.meta.dirname, '..');
  const noBuild = process.env.BENCH_NO_BUILD === '1';
  // Without start.mjs, the bench gives server.js the flags and environment start.mjs would.
  const plan = noBuild ? serverPlan(root) : undefined;
  const args = plan ? [...plan.nodeFlags, plan.server] : ['scripts/start.mjs'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...plan?.env,
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // What start.mjs derives from HOST for server.js, for BENCH_NO_BUILD.
      HOSTNAME: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      SANDBOX_ARM_PORT: String(armPort),
      SANDBOX_PROVISIONING_MS: '1500',
      SANDBOX_WORLD: options.world ?? '',
      // The emulator writes its kubeconfigs (and so its CA) under the temp folder: ours.
      TMPDIR: scratch,
      PORTAL_DATA_DIR: path.join(scratch, 'data'),
      AZURE_TENANT_ID: '',
      AZURE_CLIENT_ID: '',
      ...options.env,
    },
  });
  const prefix = (line: string) => `[${options.label}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      for (const line of text.split('\n')) if (line.trim()) process.stderr.write(`${prefix(line)}\n`);
    });
  }
  const stop = async () => {
    await stopGroup(child);
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl, child);
    let ca = findEmulatorCa(scratch);
    for (let i = 0; !ca && i < 80; i += 1) {
      await sleep(250);
      ca = findEmulatorCa(scratch);
    }
    if (!ca) throw new Error('the sandbox emulator wrote no kubeconfig, so its CA is unknown (is the portal in sandbox mode?)');
    return { baseUrl, emulator: emulatorAdmin(armPort, ca), pgid: child.pid ?? 0, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
