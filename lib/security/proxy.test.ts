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
