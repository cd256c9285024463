/**
 * Raw HTTPS client for the emulator's tests: trusts only the emulator's own certificate (`ca`),
 * never disables TLS checks. Not used by the portal.
 */
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startEmulator, type Emulator, type EmulatorOptions } from './emulator';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  text: string;
}

export interface RawRequestOptions {
  body?: unknown;
  /** Bearer token; `null` sends no Authorization header. Default `sandbox-user`. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** Sends one request to `pathOrUrl` (a path on the emulator, or an absolute URL it handed out). */
export function armRequest(
  emu: Pick<Emulator, 'endpoint' | 'ca'>,
  method: string,
  pathOrUrl: string,
  opts: RawRequestOptions = {},
): Promise<RawResponse> {
  const url = new URL(pathOrUrl, emu.endpoint);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const token = opts.token === undefined ? 'sandbox-user' : opts.token;
  const headers: Record<string, string> = { ...opts.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: emu.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Polls `fn` until `done(value)` or `timeoutMs`; returns the last value. */
export async function pollUntil<T>(fn: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 5000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await fn();
  while (!done(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    v = await fn();
  }
  return v;
}

/** Narrowing helper for JSON bodies in tests. */
export function asRecord(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

/** Puts the emulator's world back to its seed (`POST /_sandbox/reset`, which needs no token). */
export async function resetEmulator(emu: Pick<Emulator, 'endpoint' | 'ca'>): Promise<void> {
  const { status } = await armRequest(emu, 'POST', '/_sandbox/reset', { token: null });
  if (status !== 204) throw new Error(`POST /_sandbox/reset answered ${status}, not 204`);
}

/**
 * One emulator for a test file: started with `options` before its tests, put back to its seeded
 * world before each test (so none sees another's writes), closed after them. Call at the top of
 * the file; the function it returns gives the running emulator, inside tests and hooks.
 */
export function emulatorPerFile(options: EmulatorOptions = {}): () => Emulator {
  let started: Emulator | undefined;
  const emu = () => {
    if (!started) throw new Error('The emulator starts in beforeAll: use it inside a test or a hook.');
    return started;
  };
  beforeAll(async () => {
    started = await startEmulator(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(async () => {
    await resetEmulator(emu());
  });
  return emu;
}
