/**
 * Where to send someone after sign-in. Only paths of this portal are accepted: an attacker who
 * crafts `/signin?returnTo=https://evil.example` must not get a redirect to their site with the
 * portal's name on it (open redirect). Pure, so it is tested without a server.
 */

/** Where sign-in lands when the requested place is missing or refused. */
export const DEFAULT_RETURN_TO = '/';
/** Longer than any page path of the portal; longer values are refused rather than trimmed. */
const MAX_RETURN_TO_LENGTH = 2048;
/** Decoding rounds before giving up: each round peels one layer of `%25`-style re-encoding. */
const MAX_DECODE_ROUNDS = 3;
/** A throwaway origin to resolve against: only a value that stays on it is a local path. */
const PROBE_ORIGIN = 'http://portal.invalid';
/** Pages that would loop back into sign-in. */
const SIGN_IN_PATHS = /^\/(signin|auth|sandbox\/authorize)(\/|$|\?)/i;

/** True when `value`, read as a browser would, names a path on our own origin. */
function isLocalPath(value: string): boolean {
  // `/\evil` and `\\evil` are read as `//evil` by browsers; control characters (tab, newline) are
  // dropped by URL parsers, so `/\t/evil` would become `//evil`.
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return false;
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    return new URL(value, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Pure: `candidate` when it is a same-origin path (with query and fragment), else
 * {@link DEFAULT_RETURN_TO}. Refuses absolute and protocol-relative URLs (`https://evil`, `//evil`,
 * `/\evil`), schemes (`javascript:`), control characters, and the same tricks percent-encoded one
 * or more times (`%2F%2Fevil`, `/%5Cevil`, `%252F%252Fevil`): every decoded form must be local too,
 * because a later redirect or router may decode it again. Sign-in pages fall back to the default
 * so a stale link cannot loop.
 */
export function safeReturnTo(candidate: unknown): string {
  if (typeof candidate !== 'string' || !candidate || candidate.length > MAX_RETURN_TO_LENGTH) return DEFAULT_RETURN_TO;
  let current = candidate;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round += 1) {
    if (!isLocalPath(current)) return DEFAULT_RETURN_TO;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return DEFAULT_RETURN_TO;
    }
    if (decoded === current) break;
    if (round === MAX_DECODE_ROUNDS) return DEFAULT_RETURN_TO;
    current = decoded;
  }
  return SIGN_IN_PATHS.test(candidate) ? DEFAULT_RETURN_TO : candidate;
}

/** The sign-in page's URL for someone who wanted `returnTo`. */
export function signInPath(returnTo: string, reason?: 'expired' | 'signed-out' | 'failed'): string {
  const params = new URLSearchParams({ returnTo: safeReturnTo(returnTo) });
  if (reason) params.set('reason', reason);
  return `/signin?${params.toString()}`;
}
