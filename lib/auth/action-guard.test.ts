import { describe, expect, it } from 'vitest';

import { assertSameOrigin, checkSameOrigin, ForeignOriginError } from './action-guard';

const h = (init: Record<string, string>) => new Headers(init);

describe('checkSameOrigin', () => {
  it('accepts a post from the portal’s own page', () => {
    expect(checkSameOrigin(h({ origin: 'http://localhost:3108', host: 'localhost:3108', 'sec-fetch-site': 'same-origin' }))).toEqual({ ok: true });
  });

  it('refuses a server action posted from a foreign origin', () => {
    expect(checkSameOrigin(h({ origin: 'https://evil.example', host: 'portal.contoso.com' }))).toEqual({ ok: false, reason: 'foreign-origin' });
  });

  it('refuses a post without Origin, which Next.js itself would let through', () => {
    expect(checkSameOrigin(h({ host: 'portal.contoso.com' }))).toEqual({ ok: false, reason: 'missing-origin' });
  });

  it('refuses the opaque origin "null" and a browser-declared cross-site fetch', () => {
    expect(checkSameOrigin(h({ origin: 'null', host: 'localhost' }))).toEqual({ ok: false, reason: 'opaque-origin' });
    expect(checkSameOrigin(h({ origin: 'https://portal.contoso.com', host: 'portal.contoso.com', 'sec-fetch-site': 'cross-site' }))).toEqual({
      ok: false,
      reason: 'cross-site-fetch',
    });
  });

  it('tells a different port or a look-alike host from the same host', () => {
    expect(checkSameOrigin(h({ origin: 'http://localhost:3000', host: 'localhost:3108' })).ok).toBe(false);
    expect(checkSameOrigin(h({ origin: 'https://portal.contoso.com.evil.example', host: 'portal.contoso.com' })).ok).toBe(false);
    expect(checkSameOrigin(h({ origin: 'https://PORTAL.contoso.com', host: 'portal.contoso.com:443' })).ok).toBe(true);
  });

  it('uses the first X-Forwarded-Host and -Proto only when TRUST_FORWARDED_HEADERS=true', () => {
    const trusted = { TRUST_FORWARDED_HEADERS: 'true' };
    const behindProxy = { origin: 'https://portal.contoso.com', host: '10.0.0.4:3000', 'x-forwarded-host': 'portal.contoso.com, internal', 'x-forwarded-proto': 'https' };
    expect(checkSameOrigin(h(behindProxy), trusted).ok).toBe(true);
    expect(checkSameOrigin(h({ ...behindProxy, origin: 'http://10.0.0.4:3000' }), trusted).ok).toBe(false);
    expect(checkSameOrigin(h({ ...behindProxy, origin: 'http://portal.contoso.com' }), trusted).ok).toBe(false);
    // Not trusted: a forged X-Forwarded-Host cannot make a foreign Origin match.
    expect(checkSameOrigin(h({ origin: 'https://evil.example', host: 'portal.contoso.com', 'x-forwarded-host': 'evil.example' }), {}).ok).toBe(false);
  });

  it('compares scheme, host and port with PORTAL_BASE_URL when set', () => {
    const env = { PORTAL_BASE_URL: 'https://portal.contoso.com' };
    expect(checkSameOrigin(h({ origin: 'https://portal.contoso.com', host: '10.0.0.4:3000' }), env).ok).toBe(true);
    expect(checkSameOrigin(h({ origin: 'http://portal.contoso.com', host: 'portal.contoso.com' }), env).ok).toBe(false);
  });

  it('refuses a request with no host to compare against, and an Origin that is not a web origin', () => {
    expect(checkSameOrigin(h({ origin: 'https://portal.contoso.com' }))).toEqual({ ok: false, reason: 'missing-host' });
    expect(checkSameOrigin(h({ origin: 'file://portal.contoso.com', host: 'portal.contoso.com' })).ok).toBe(false);
    expect(checkSameOrigin(h({ origin: 'not a url', host: 'portal.contoso.com' })).ok).toBe(false);
  });
});

describe('assertSameOrigin', () => {
  it('throws a 403 ForeignOriginError naming the reason, and passes a same-origin request', () => {
    expect(() => assertSameOrigin(h({ origin: 'https://evil.example', host: 'localhost:3108' }))).toThrow(ForeignOriginError);
    try {
      assertSameOrigin(h({ host: 'localhost:3108' }));
      expect.unreachable('a post without Origin must be refused');
    } catch (err) {
      expect(err).toMatchObject({ status: 403, code: 'AuthorizationFailed', reason: 'missing-origin' });
    }
    expect(() => assertSameOrigin(h({ origin: 'http://localhost:3108', host: 'localhost:3108' }))).not.toThrow();
  });
});
