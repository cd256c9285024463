/**
 * Two portal replicas sharing one PostgreSQL database and one standalone emulator, as an
 * organisation runs the portal behind a load balancer. Everything is started fresh per run (a new
 * database, a new emulator, free ports) and removed afterwards, so the test depends on nothing
 * left over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { Client } from 'pg';

const root = path.resolve(__dirname, '../..');
const STANDALONE_SERVER = path.join(root, '.next/standalone/server.js');
/** Short installs so a lifecycle fits in seconds; the reconciler runs every second. */
const PROVISIONING_MS = '1500';
const RECONCILE_INTERVAL_MS = '1000';
/** How old an open row must be before the reconciler looks at it (10 minutes by default). */
const RECONCILE_GRACE_MS = '2000';
const START_TIMEOUT_MS = 60_000;

export interface Replica {
  name: string;
  origin: string;
  /** Its PORTAL_DATA_DIR (sandbox.json). */
  dataDir: string;
  process: ChildProcess;
  /** SIGKILL, as a node dies: no shutdown hook runs. */
  kill(): Promise<void>;
}

export interface ScaleOut {
  emulator: { endpoint: string; caFile: string };
  databaseUrl: string;
  replicas: [Replica, Replica];
  /** Runs SQL on the shared database (assertions read the audit trail there). */
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${origin} exited with ${child.exitCode} before it was healthy`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${origin} was not healthy within ${START_TIMEOUT_MS} ms`);
}

/** `npm run sandbox` on a free port; resolves with the JSON line it prints once listening. */
async function startEmulator(dir: string): Promise<{ child: ChildProcess; endpoint: string; caFile: string }> {
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const child = spawn(process.execPath, [tsx, 'scripts/sandbox.ts', '--port', '0', '--ca-file', path.join(dir, 'ca.pem')], {
    cwd: root,
    env: { ...process.env, SANDBOX_PROVISIONING_MS: PROVISIONING_MS },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`npm run sandbox exited with ${code}`)));
  });
  const info = JSON.parse(first) as { endpoint: string; caFile: string };
  return { child, endpoint: info.endpoint, caFile: info.caFile };
}

function startReplica(name: string, port: number, env: Record<string, string> & { PORTAL_DATA_DIR: string }): Replica {
  const child = spawn(process.execPath, [STANDALONE_SERVER], {
    cwd: path.dirname(STANDALONE_SERVER),
    env: { ...process.env, ...env, PORT: String(port), HOSTNAME: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    name,
    origin: `http://127.0.0.1:${port}`,
    dataDir: env.PORTAL_DATA_DIR,
    process: child,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** Starts the emulator, a fresh database and two replicas; throws (after cleaning up) if one fails. */
export async function startScaleOut(adminDatabaseUrl: string): Promise<ScaleOut> {
  if (!existsSync(STANDALONE_SERVER)) throw new Error('No production build: run `npm run build` first.');
  // The standalone server serves the build's static assets from beside itself (scripts/start.mjs).
  cpSync(path.join(root, '.next/static'), path.join(root, '.next/standalone/.next/static'), { recursive: true });

  const dir = mkdtempSync(path.join(tmpdir(), 'azureml-portal-scale-out-'));
  const database = `portal_scaleout_${process.pid}`;
  const admin = new Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();

  const emulator = await startEmulator(dir);
  const shared = {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AZURE_TENANT_ID: '',
    AZURE_CLIENT_ID: '',
    DATABASE_URL: databaseUrl,
    SANDBOX_ARM_ENDPOINT: emulator.endpoint,
    SANDBOX_ARM_CA_FILE: emulator.caFile,
    // One key for every replica: a cookie sealed by one opens on the other.
    SESSION_SECRET: randomBytes(32).toString('base64'),
    TOKEN_CACHE_KEY: randomBytes(32).toString('base64'),
    AUDIT_RECONCILE_INTERVAL_MS: RECONCILE_INTERVAL_MS,
    AUDIT_RECONCILE_GRACE_MS: RECONCILE_GRACE_MS,
  };
  const replicas: Replica[] = [];
  const stop = async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    emulator.child.kill('SIGTERM');
    await exited(emulator.child);
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One after the other: both would otherwise run the same migrations at the same instant,
    // which is its own test (the store's), not this one.
    for (const name of ['replica-a', 'replica-b']) {
      const replica = startReplica(name, await freePort(), { ...shared, PORTAL_DATA_DIR: path.join(dir, name) });
      replicas.push(replica);
      await waitForHealth(replica.origin, replica.process);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    emulator: { endpoint: emulator.endpoint, caFile: emulator.caFile },
    databaseUrl,
    replicas: replicas as [Replica, Replica],
    query: async <T extends object>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[],
    stop,
  };
}
