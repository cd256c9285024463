/**
 * Raw HTTPS client for the emulator's tests: trusts only the emulator's own certificate (`ca`),
 * never disables TLS checks. Not used by the portal.
 */
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Emulator } from './emulator';

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
