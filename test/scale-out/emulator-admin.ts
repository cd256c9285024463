/** The standalone emulator's unauthenticated admin routes (lib/sandbox/README.md), over its CA only. */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

export class EmulatorAdmin {
  readonly #ca: string;

  constructor(
    private readonly endpoint: string,
    caFile: string,
  ) {
    this.#ca = readFileSync(caFile, 'utf8');
  }

  call(method: string, pathname: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const req = request(`${this.endpoint}${pathname}`, { method, ca: this.#ca, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** ARM writes the emulator accepted since the last reset of its counters. */
  async writesAccepted(): Promise<number> {
    return ((await this.call('GET', '/_sandbox/stats')).json as { armWritesAccepted: number }).armWritesAccepted;
  }

  async resetStats(): Promise<void> {
    await this.call('POST', '/_sandbox/stats/reset');
  }
}
