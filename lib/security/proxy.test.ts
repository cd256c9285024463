import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';

import { SESSION_COOKIE_NAME } from '@/lib/auth/session-cookie';
import { proxy } from '@/proxy';

const request = (path: string, init: { method?: string; cookie?: boolean; host?: string } = {}) =>
  new NextRequest(`http://${init.host ?? 'localhost:3108'}${path}`, {
    method: init.method ?? 'GET',
    headers: { host: init.host ?? 'localhost:3108', ...(init.cookie ? { cookie: `${SESSION_COOKIE_NAME}=opaque` } : {}) },
  });

/** The nonce in a policy's script-src. */
const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

describe('proxy', () => {
  it('sends a page visitor without a session to sign-in, keeping path and query', () => {
    const response = proxy(request('/deploy?clusterId=abc'));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://localhost:3108/signin?returnTo=%2Fdeploy%3FclusterId%3Dabc');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets a signed-in page through with a fresh nonce in both the response CSP and the request Next renders', () => {
    const first = proxy(request('/fleet', { cookie: true }));
    const second = proxy(request('/fleet', { cookie: true }));
    expect(first.status).toBe(200);
    const nonce = nonceOf(first.headers.get('content-security-policy'));
    expect(nonce).toBeTruthy();
    expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonce);
    // NextResponse.next({ request }) forwards overridden request headers this way.
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(nonceOf(first.headers.get('x-middleware-request-content-security-policy'))).toBe(nonce);
  });

  it('never redirects sign-in, APIs or server-action posts; APIs get the non-document policy', () => {
    expect(proxy(request('/signin?returnTo=%2F')).status).toBe(200);
    expect(proxy(request('/sandbox/authorize')).status).toBe(200);
    const api = proxy(request('/api/v1/clusters'));
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(proxy(request('/deploy', { method: 'POST' })).status).toBe(200);
  });

  it('adds HSTS for a real host only', () => {
    expect(proxy(request('/api/health')).headers.get('strict-transport-security')).toBeNull();
    expect(proxy(request('/api/health', { host: 'portal.contoso.com' })).headers.get('strict-transport-security')).toMatch(/max-age=/);
  });
});

describe('proxy: API writes (CSRF)', () => {
  const post = (headers: Record<string, string>) =>
    new NextRequest('http://localhost:3108/api/v1/extensions', {
      method: 'POST',
      body: 'x=1',
      headers: { host: 'localhost:3108', cookie: `${SESSION_COOKIE_NAME}=opaque`, 'content-length': '3', ...headers },
    });

  it('refuses a cookie write from another port with 403 CrossOriginRefused, translated, with the security headers', async () => {
    const response = proxy(post({ 'content-type': 'text/plain', origin: 'http://localhost:4000', 'accept-language': 'pt-BR' }));
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CrossOriginRefused');
    expect(body.error.message).toMatch(/página do portal/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('answers 415 to a same-origin body that is not JSON, and lets JSON through', async () => {
    const refused = proxy(post({ 'content-type': 'text/plain', origin: 'http://localhost:3108' }));
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UnsupportedMediaType');
    expect(proxy(post({ 'content-type': 'application/json', origin: 'http://localhost:3108' })).status).toBe(200);
  });
});

describe('proxy: server actions and forwarded headers', () => {
  const action = (headers: Record<string, string>) =>
    new NextRequest('http://localhost:3108/deploy', { method: 'POST', headers: { host: 'localhost:3108', 'next-action': 'abc', ...headers } });

  it('answers 403 (not the 500 Next.js throws) to a server action from a foreign origin or scheme', () => {
    for (const origin of ['http://evil.example', 'https://localhost:3108']) {
      const response = proxy(action({ origin }));
      expect(response.status).toBe(403);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(proxy(action({ origin: 'http://localhost:3108' })).status).toBe(200);
  });

  it('does not let an untrusted X-Forwarded-Host make a foreign Origin look like the portal', () => {
    expect(proxy(action({ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' })).status).toBe(403);
  });
});

describe('proxy: malformed addresses', () => {
  it('answers 400 with the security headers to a path whose percent-escape does not decode', () => {
    const response = proxy(new NextRequest('http://localhost:3108/resource/%E0%A4%A', { headers: { host: 'localhost:3108', cookie: `${SESSION_COOKIE_NAME}=opaque` } }));
    expect(response.status).toBe(400);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('proxy: rate limit', () => {
  it('answers 429 with Retry-After once a client spent its API write budget, per client', async () => {
    const write = (token: string) =>
      new NextRequest('http://localhost:3108/api/v1/plan', { method: 'POST', headers: { host: 'localhost:3108', authorization: `Bearer ${token}` } });
    const statuses = Array.from({ length: 61 }, () => proxy(write('rate-limit-test')).status);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    const refused = proxy(write('rate-limit-test'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'Throttled', message: expect.stringMatching(/try again in \d+ seconds?/) });
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect(proxy(write('another-client')).status).toBe(200);
  });
});
