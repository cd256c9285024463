/**
 * A token bucket per client, in a map of bounded size: each client may spend `capacity` requests
 * at once and gets them back at `capacity` per `windowMs`. Pure apart from the map it owns; the
 * clock is injected, so tests move time by hand.
 */

/** Most clients remembered at once; past it the least recently seen is forgotten (it starts full again). */
export const RATE_LIMIT_MAX_CLIENTS = 10_000;

/** Defaults, per client per minute: far above what a person or the e2e suite sends. */
export const DEFAULT_API_WRITES_PER_MINUTE = 60;
export const DEFAULT_SIGN_INS_PER_MINUTE = 30;

const MINUTE_MS = 60_000;

export interface RateLimiterOptions {
  capacity: number;
  windowMs?: number;
  maxClients?: number;
  now?: () => number;
}

/** Allowed, or refused with the whole seconds to wait (for `Retry-After`). */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor({ capacity, windowMs = MINUTE_MS, maxClients = RATE_LIMIT_MAX_CLIENTS, now = Date.now }: RateLimiterOptions) {
    this.capacity = capacity;
    this.refillPerMs = capacity / windowMs;
    this.maxClients = maxClients;
    this.now = now;
  }

  /** How many clients are remembered (never more than `maxClients`). */
  get size(): number {
    return this.buckets.size;
  }

  /** Spends one request of `client`'s budget, or says how long to wait. */
  take(client: string): RateDecision {
    const now = this.now();
    const previous = this.buckets.get(client);
    const tokens = previous ? Math.min(this.capacity, previous.tokens + (now - previous.at) * this.refillPerMs) : this.capacity;
    // Delete then set: the map's order is then least recently seen first, which eviction relies on.
    this.buckets.delete(client);
    if (tokens < 1) {
      this.buckets.set(client, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000)) };
    }
    this.buckets.set(client, { tokens: tokens - 1, at: now });
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return { ok: true };
  }
}

/** A per-minute budget from an environment variable (a positive integer), else the default. */
export function perMinuteFromEnv(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
