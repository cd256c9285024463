import 'server-only';

import type { TokenCredential } from '@azure/core-auth';
import { createHash } from 'node:crypto';

import { describeCaller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';

/**
 * Idempotency-Key for the portal's creating writes (an extension install, an attach): the same
 * caller repeating the same request under the same key within {@link IDEMPOTENCY_WINDOW_MS} (even
 * while the first is in flight) gets the first result without a second write; the same key with a
 * different request is refused (422 `IdempotencyKeyReused`, as Stripe and the IETF Idempotency-Key
 * draft answer); a call that threw is forgotten so it can be retried.
 *
 * Per server process (a double-click reaches the same process), keyed by kind of write, caller AND
 * key: one caller's key never replays another caller's answer, and an attach never replays an install.
 */

/** A second write with the same Idempotency-Key within this time returns the first result. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;
/** Remembered keys at most; the oldest is forgotten first (a double-click needs only seconds). */
export const IDEMPOTENCY_MAX_ENTRIES = 1_000;

interface Remembered {
  at: number;
  /** SHA-256 of the request the key first came with: a different body under the key is refused. */
  requestHash: string;
  result: Promise<unknown>;
}

const remembered = new Map<string, Remembered>();

function forgetExpired(now: number): void {
  for (const [key, entry] of remembered) {
    if (now - entry.at < IDEMPOTENCY_WINDOW_MS) break; // insertion order = age order
    remembered.delete(key);
  }
  while (remembered.size >= IDEMPOTENCY_MAX_ENTRIES) {
    const oldest = remembered.keys().next().value;
    if (oldest === undefined) break;
    remembered.delete(oldest);
  }
}

/** Canonical JSON (object keys sorted at every level) of a request, hashed: every value counts, and none is kept. */
export function requestHash(request: unknown): string {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
      : Array.isArray(value)
        ? value.map(canonical)
        : value;
  return createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
}

/**
 * Runs `write` once per (kind, caller, key) within the window: see the module comment. Without an
 * `idempotencyKey`, simply runs it.
 */
export async function oncePerIdempotencyKey<T>(
  kind: 'create-extension' | 'attach-compute',
  credential: TokenCredential,
  idempotencyKey: string | undefined,
  request: unknown,
  write: () => Promise<T>,
): Promise<T> {
  if (!idempotencyKey) return write();
  const key = `${kind}\n${(await describeCaller(credential)).id}\n${idempotencyKey}`;
  const hash = requestHash(request);
  const now = Date.now();
  forgetExpired(now);
  const previous = remembered.get(key);
  if (previous && now - previous.at < IDEMPOTENCY_WINDOW_MS) {
    if (previous.requestHash !== hash) throw new AppError({ code: 'IdempotencyKeyReused', status: 422, userText: { key: 'api.idempotencyKeyReused' } });
    return previous.result as Promise<T>;
  }
  const result = write();
  remembered.set(key, { at: now, requestHash: hash, result });
  result.catch(() => remembered.delete(key));
  return result;
}

/** For tests: forget every idempotency key. */
export function resetIdempotencyForTests(): void {
  remembered.clear();
}
