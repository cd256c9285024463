/**
 * Pure: does this raw path hold a percent-escape that does not decode (`%E0%A4%A`, `%zz`, a lone
 * `%`, bytes that are not UTF-8)? Next.js decodes route parameters and throws on such a path, a
 * bare 500 without the security headers; `proxy.ts` answers 400 first.
 */
export function hasMalformedPercentEncoding(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return false;
  } catch {
    return true;
  }
}
