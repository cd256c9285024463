/**
 * Test-only: reads a JWT's payload WITHOUT checking its signature, so tests can see which user a
 * sandbox token was issued to. Never for production code: unverified claims name whoever the
 * sender wants (see `labelOfToken` in `caller.ts`).
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
