import { createHash } from 'node:crypto';

/**
 * Pure: who is asking, for the rate limiter. The bearer token or a cookie's value when present
 * (hashed: the limiter's map never holds a credential), else the client address from
 * `X-Forwarded-For` when a trusted proxy sets it. Null when nothing tells callers apart: Next.js
 * gives the proxy no socket address, so such requests are not limited here.
 */
export function rateLimitClientKey(headers: Headers, cookieValues: readonly (string | undefined)[], trustForwarded: boolean): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization')?.trim() ?? '')?.[1];
  const secret = bearer ?? cookieValues.find((value) => value);
  if (secret) return `t:${createHash('sha256').update(secret).digest('base64url')}`;
  const forwardedFor = trustForwarded ? headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwardedFor ? `ip:${forwardedFor}` : null;
}
