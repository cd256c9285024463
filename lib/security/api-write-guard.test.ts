import { describe, expect, it } from 'vitest';

import { checkApiWrite, type ApiWriteRequest } from './api-write-guard';

const PORTAL = 'http://localhost:3108';
const BODY = { 'content-length': '42' };
const JSON_BODY = { ...BODY, 'content-type': 'application/json' };

const write = (headers: Record<string, string>, init: Partial<Omit<ApiWriteRequest, 'headers'>> = {}): ApiWriteRequest => ({
  method: 'POST',
  pathname: '/api/v1/extensions',
  portalOrigin: PORTAL,
  hasSessionCookie: true,
  ...init,
  headers: new Headers(headers),
});

describe('checkApiWrite', () => {
  it.each([
    // The two attacks of issue 13: a page on another port of the same host.
    ['fetch no-cors text/plain from another port', write({ ...BODY, 'content-type': 'text/plain', origin: 'http://localhost:4000', 'sec-fetch-site': 'same-site' }), 403],
    ['<form enctype=text/plain> from another site', write({ ...BODY, 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), 403],
    ['cookie write without Origin', write(JSON_BODY), 403],
    ['Origin with another scheme', write({ ...JSON_BODY, origin: 'https://localhost:3108' }), 403],
    ['Origin with another port', write({ ...JSON_BODY, origin: 'http://localhost:3109' }), 403],
    ['opaque Origin "null"', write({ ...JSON_BODY, origin: 'null' }), 403],
    ['same Origin but Sec-Fetch-Site: same-site', write({ ...JSON_BODY, origin: PORTAL, 'sec-fetch-site': 'same-site' }), 403],
    ['same-origin fetch with JSON', write({ ...JSON_BODY, origin: PORTAL, 'sec-fetch-site': 'same-origin' }), 200],
    ['same Origin, default port written out', write({ ...JSON_BODY, origin: 'https://portal.contoso.com' }, { portalOrigin: 'https://portal.contoso.com:443' }), 200],
    ['same-origin fetch with a text body', write({ ...BODY, 'content-type': 'text/plain', origin: PORTAL }), 415],
    ['same-origin JSON with a charset', write({ ...BODY, 'content-type': 'Application/JSON; charset=utf-8', origin: PORTAL }), 200],
    ['bearer without Origin', write({ ...JSON_BODY, authorization: 'Bearer abc.def' }, { hasSessionCookie: false }), 200],
    ['bearer and cookie without Origin (the bearer is the caller)', write({ ...JSON_BODY, authorization: 'Bearer abc.def' }), 200],
    ['bearer with a form body', write({ ...BODY, 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer abc' }, { hasSessionCookie: false }), 415],
    ['no cookie, no bearer, text body', write({ ...BODY, 'content-type': 'text/plain' }, { hasSessionCookie: false }), 415],
    ['DELETE without a body', write({ origin: PORTAL }, { method: 'DELETE' }), 200],
    ['DELETE from another origin', write({ origin: 'http://localhost:4000' }, { method: 'DELETE' }), 403],
    ['chunked body without a type', write({ 'transfer-encoding': 'chunked', origin: PORTAL }), 415],
    ['GET from another site is a read', write({ origin: 'https://evil.example' }, { method: 'GET' }), 200],
    ['a page post (server action) is not the API', write({ origin: 'https://evil.example' }, { pathname: '/deploy' }), 200],
  ])('%s', (_name, request, expected) => {
    const verdict = checkApiWrite(request);
    expect(verdict.ok ? 200 : verdict.status).toBe(expected);
    if (!verdict.ok) expect(verdict.code).toBe(expected === 403 ? 'CrossOriginRefused' : 'UnsupportedMediaType');
  });
});
