import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';

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
    const body = await this.get(`/_sandbox/protected-hashes?extensionId=${encodeURIComponent(extensionId)}`);
    return (JSON.parse(body) as { value: Record<string, string> }).value;
  }

  /** GET on the emulator, trusting only its own certificate (never a disabled TLS check). */
  private get(pathAndQuery: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(new URL(pathAndQuery, this.endpoint), { method: 'GET', ca: this.ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 400) reject(new Error(`emulator answered ${res.statusCode} for ${pathAndQuery}: ${text}`));
          else resolve(text);
        });
      });
      req.on('error', reject);
      req.end();
    });
  }
}
