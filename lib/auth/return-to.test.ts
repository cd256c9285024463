import { describe, expect, it } from 'vitest';

import { DEFAULT_RETURN_TO, safeReturnTo, signInPath } from './return-to';

describe('safeReturnTo', () => {
  it.each(['/', '/fleet', '/deploy?clusterId=%2Fsubscriptions%2Fabc', '/resource/subscriptions/s/x#top', '/audit?cursor=a%3Db'])('keeps the local path %s', (path) => {
    expect(safeReturnTo(path)).toBe(path);
  });

  it.each([
    '//evil.example',
    '//evil.example/path',
    'https://evil.example',
    'http://evil.example/fleet',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '%252F%252Fevil.example',
    '/%252F%252Fevil.example',
    '/%25252F%25252Fevil.example',
    '/\t/evil.example',
    '/%09/evil.example',
    '/%0a/evil.example',
    'fleet',
    '',
    '/%E0%A4%A',
  ])('refuses %j', (candidate) => {
    expect(safeReturnTo(candidate)).toBe(DEFAULT_RETURN_TO);
  });

  it('refuses non-strings, overlong values and sign-in pages (no loops)', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(['/fleet'])).toBe('/');
    expect(safeReturnTo(`/${'a'.repeat(3000)}`)).toBe('/');
    expect(safeReturnTo('/signin?returnTo=/fleet')).toBe('/');
    expect(safeReturnTo('/auth/callback?code=x')).toBe('/');
    expect(safeReturnTo('/signing-policy')).toBe('/signing-policy');
  });
});

describe('signInPath', () => {
  it('carries a safe return path and the reason', () => {
    expect(signInPath('/fleet?x=1', 'expired')).toBe('/signin?returnTo=%2Ffleet%3Fx%3D1&reason=expired');
    expect(signInPath('https://evil.example')).toBe('/signin?returnTo=%2F');
  });
});
