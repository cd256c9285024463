import { describe, expect, it } from 'vitest';

import { baseSecurityHeaders, buildContentSecurityPolicy, createNonce, isLoopbackHost } from './security-headers';

/** `directive -> sources` of a policy string. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  const production = parse(buildContentSecurityPolicy({ nonce: 'abc123==', dev: false }));

  it('lets only nonce-carrying scripts run, and what they load', () => {
    expect(production.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
  });

  it('never allows inline or eval in production: styles by nonce, style attributes only inline', () => {
    expect(production.get('style-src')).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(production.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
    expect([...production.entries()].filter(([name, sources]) => name !== 'style-src-attr' && sources.some((s) => s.includes('unsafe')))).toEqual([]);
  });

  it('closes framing, plugins, base and form targets, and other origins', () => {
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'self'"]);
    expect(production.get('form-action')).toEqual(["'self'"]);
    expect(production.get('connect-src')).toEqual(["'self'"]);
    expect(production.get('img-src')).toEqual(["'self'", 'data:']);
    expect(production.get('default-src')).toEqual(["'self'"]);
  });

  it("adds 'unsafe-eval' to scripts and inline styles only in next dev", () => {
    const dev = parse(buildContentSecurityPolicy({ nonce: 'n', dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
    expect(production.get('script-src')).not.toContain("'unsafe-eval'");
  });
});

describe('baseSecurityHeaders', () => {
  it('always sends nosniff, a referrer policy and DENY framing; HSTS only when asked', () => {
    const local = baseSecurityHeaders({ hsts: false });
    expect(local).toEqual({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin', 'X-Frame-Options': 'DENY' });
    expect(baseSecurityHeaders({ hsts: true })['Strict-Transport-Security']).toMatch(/^max-age=31536000/);
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'localhost:3108', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST', 'portal.localhost:80'])('%s is loopback (no HSTS)', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['portal.contoso.com', 'portal.contoso.com:443', '10.0.0.4:3000', 'localhost.evil.example', '127.0.0.1.nip.io'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('createNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
