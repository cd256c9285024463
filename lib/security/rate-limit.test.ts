import { describe, expect, it } from 'vitest';

import { perMinuteFromEnv, RateLimiter } from './rate-limit';

function limiter(capacity: number, maxClients = 100) {
  const clock = { t: 0 };
  return { clock, limiter: new RateLimiter({ capacity, windowMs: 60_000, maxClients, now: () => clock.t }) };
}

describe('RateLimiter', () => {
  it('refuses after the budget, with the seconds until one request is back, and recovers', () => {
    const { clock, limiter: l } = limiter(3);
    expect([l.take('a'), l.take('a'), l.take('a')].every((d) => d.ok)).toBe(true);
    expect(l.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    // Other clients have their own bucket.
    expect(l.take('b').ok).toBe(true);
    clock.t = 19_000;
    expect(l.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.t = 20_000;
    expect(l.take('a').ok).toBe(true);
    clock.t = 200_000;
    expect([l.take('a'), l.take('a'), l.take('a')].every((d) => d.ok)).toBe(true);
    expect(l.take('a').ok).toBe(false);
  });

  it('never remembers more than maxClients, forgetting the least recently seen', () => {
    const { limiter: l } = limiter(1, 50);
    for (let i = 0; i < 10_000; i += 1) l.take(`client-${i}`);
    expect(l.size).toBe(50);
    // The newest client is still remembered (refused); the first one was forgotten (full again).
    expect(l.take('client-9999').ok).toBe(false);
    expect(l.take('client-0').ok).toBe(true);
  });

  it('reads a budget override from the environment, ignoring nonsense', () => {
    expect(perMinuteFromEnv('5', 60)).toBe(5);
    expect(perMinuteFromEnv(undefined, 60)).toBe(60);
    expect(perMinuteFromEnv('-1', 60)).toBe(60);
    expect(perMinuteFromEnv('1.5', 60)).toBe(60);
  });
});
