import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { RequestStatsSnapshot } from '../../lib/sandbox/routes/sandbox-admin';
import { clusterResourceId } from '../../lib/sandbox/ids';
import { SEEDED_WORLD } from '../../lib/sandbox/world';
import type { FaultScenario } from '../../lib/sandbox/world-types';

/**
 * The portal's data directory in end-to-end runs. playwright.config.ts exports it to the runner
 * and its workers as `E2E_PORTAL_DATA_DIR` and gives it to the server as `PORTAL_DATA_DIR`.
 */
export function e2eDataDir(): string {
  const dir = process.env.E2E_PORTAL_DATA_DIR?.trim();
  if (!dir) throw new Error('E2E_PORTAL_DATA_DIR is not set: playwright.config.ts must export the portal data directory it starts the server with.');
  return dir;
}

/** The server's stdout and stderr, which playwright.config.ts writes to this file. */
export function e2eServerLogFile(): string {
  return path.join(e2eDataDir(), 'server.log');
}

/**
 * The embedded ARM emulator of the portal under test, through its sandbox-only admin routes
 * (lib/sandbox/README.md). Where it listens comes from `sandbox.json`, which the portal writes
 * in its data directory when the emulator starts.
 */
export class SandboxEmulator {
  private constructor(
    private readonly endpoint: string,
    private readonly ca: string,
  ) {}

  static fromDataDir(dir: string = e2eDataDir()): SandboxEmulator {
    const info = JSON.parse(readFileSync(path.join(dir, 'sandbox.json'), 'utf8')) as { endpoint: string; ca: string };
    return new SandboxEmulator(info.endpoint, info.ca);
  }

  /** SHA-256 (hex) of each protected setting the emulator holds for an extension, by ARM key. */
  async protectedHashes(extensionId: string): Promise<Record<string, string>> {
    const body = await this.send('GET', `/_sandbox/protected-hashes?extensionId=${encodeURIComponent(extensionId)}`);
    return (JSON.parse(body) as { value: Record<string, string> }).value;
  }

  /** Puts a seeded cluster into a fault scenario from now on (null: behaves normally). */
  async setScenario(clusterName: string, scenario: FaultScenario | null): Promise<void> {
    await this.send('PUT', `/_sandbox/clusters/${encodeURIComponent(clusterName)}/scenario`, { scenario });
  }

  /** Gives a cluster back the scenario it was seeded with, so later specs find it as the seed left it. */
  async restoreScenario(clusterName: string): Promise<void> {
    await this.setScenario(clusterName, seededCluster(clusterName).scenario);
  }

  /** The requests the emulator answered since its last stats reset (lib/sandbox/README.md). */
  async stats(): Promise<EmulatorStats> {
    return new EmulatorStats(JSON.parse(await this.send('GET', '/_sandbox/stats')) as RequestStatsSnapshot);
  }

  /** Azure goes away: the emulator stops listening for `downForMs`, then comes back on the same address by itself. */
  async restart(downForMs: number): Promise<void> {
    await this.send('POST', '/_sandbox/restart', { downForMs });
  }

  /** One admin request, trusting only the emulator's own certificate (never a disabled TLS check). */
  private send(method: 'GET' | 'PUT' | 'POST', pathAndQuery: string, body?: unknown): Promise<string> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) };
    return new Promise((resolve, reject) => {
      const req = httpsRequest(new URL(pathAndQuery, this.endpoint), { method, ca: this.ca, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 400) reject(new Error(`emulator answered ${res.statusCode} for ${method} ${pathAndQuery}: ${text}`));
          else resolve(text);
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/** One snapshot of `GET /_sandbox/stats`: what ARM served, to count writes and faults. */
export class EmulatorStats {
  constructor(private readonly snapshot: RequestStatsSnapshot) {}

  /** PUT/PATCH/DELETE that ARM accepted (2xx): writes that really happened. */
  get armWritesAccepted(): number {
    return this.snapshot.armWritesAccepted;
  }

  /** Extension PUTs that ARM accepted: installs that really happened. */
  get acceptedExtensionPuts(): number {
    return this.count((c) => c.method === 'PUT' && c.surface === 'extensions' && c.status < 300);
  }

  /** Requests of any method and surface answered with `status` (429, 500: the faults served). */
  answered(status: number): number {
    return this.count((c) => c.status === status);
  }

  private count(where: (c: RequestStatsSnapshot['counts'][number]) => boolean): number {
    return this.snapshot.counts.filter(where).reduce((total, c) => total + c.count, 0);
  }
}

/** A cluster of the seeded world (lib/sandbox/world.ts), by name. */
export function seededCluster(name: string) {
  const cluster = SEEDED_WORLD.clusters.find((candidate) => candidate.name === name);
  if (!cluster) throw new Error(`the seeded world has no cluster named ${name}`);
  return { ...cluster, id: clusterResourceId(cluster) };
}
