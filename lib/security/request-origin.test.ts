import { describe, expect, it } from 'vitest';

import { isForeignActionOrigin, requestOrigin, signInOrigin, trustsForwardedHeaders } from './request-origin';

const LISTENING = 'http://localhost:3108/deploy';

describe('requestOrigin', () => {
  it.each([
    ['Host with the listening scheme', { host: 'localhost:3108' }, false, 'http://localhost:3108'],
    ['forwarded headers ignored when not trusted', { host: 'localhost:3108', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }, false, 'http://localhost:3108'],
    ['forwarded headers used when trusted', { host: '10.0.0.4:3000', 'x-forwarded-host': 'portal.contoso.com, proxy', 'x-forwarded-proto': 'https' }, true, 'https://portal.contoso.com'],
    ['an unknown forwarded scheme falls back to the listening one', { host: 'a.example', 'x-forwarded-proto': 'gopher' }, true, 'http://a.example'],
    ['a Host with a path is refused', { host: 'evil.example/x' }, false, null],
  ])('%s', (_name, headers, trusted, expected) => {
    expect(requestOrigin(new Headers(headers), LISTENING, trusted)).toBe(expected);
  });

  it('trusts forwarded headers only on TRUST_FORWARDED_HEADERS=true', () => {
    expect(trustsForwardedHeaders({})).toBe(false);
    expect(trustsForwardedHeaders({ TRUST_FORWARDED_HEADERS: '1' })).toBe(false);
    expect(trustsForwardedHeaders({ TRUST_FORWARDED_HEADERS: 'TRUE' })).toBe(true);
  });
});

describe('isForeignActionOrigin', () => {
  const PORTAL = 'http://localhost:3108';
  it.each([
    ['same origin', { origin: PORTAL }, false],
    ['no Origin (left to the action guard)', {}, false],
    ['another host', { origin: 'http://evil.example' }, true],
    ['another scheme, same host and port', { origin: 'https://localhost:3108' }, true],
    ['another port', { origin: 'http://localhost:4000' }, true],
    ['opaque origin', { origin: 'null' }, true],
    ['same Origin but a same-site fetch', { origin: PORTAL, 'sec-fetch-site': 'same-site' }, true],
  ])('%s', (_name, headers, foreign) => {
    expect(isForeignActionOrigin(new Headers(headers), PORTAL)).toBe(foreign);
  });
});

describe('signInOrigin', () => {
  it.each([
    ['loopback Host', { host: 'localhost:3108' }, {}, 'http://localhost:3108'],
    ['loopback IP', { host: '127.0.0.1:3108' }, {}, 'http://127.0.0.1:3108'],
    ['forged Host falls back to localhost:PORT', { host: 'evil.example' }, { PORT: '3108' }, 'http://localhost:3108'],
    ['forged X-Forwarded-Host without trust', { host: 'localhost:3108', 'x-forwarded-host': 'evil.example' }, {}, 'http://localhost:3108'],
    ['trusted reverse proxy', { host: '10.0.0.4:3000', 'x-forwarded-host': 'portal.contoso.com', 'x-forwarded-proto': 'https' }, { TRUST_FORWARDED_HEADERS: 'true' }, 'https://portal.contoso.com'],
    ['PORTAL_BASE_URL wins over any Host', { host: 'evil.example' }, { PORTAL_BASE_URL: 'https://portal.contoso.com/' }, 'https://portal.contoso.com'],
  ])('%s', (_name, headers, env, expected) => {
    expect(signInOrigin(new Headers(headers), 'http://localhost:3108/auth/signin', env)).toBe(expected);
  });
});
