import { describe, expect, it } from 'vitest';

import { isNavigationMethod, routeKind, signInRedirectPath } from './page-access';

describe('routeKind', () => {
  it.each([
    '/',
    '/deploy',
    '/fleet',
    '/audit',
    // A resource group may contain dots: still a page.
    '/resource/subscriptions/s/resourceGroups/rg.ml.prod/providers/Microsoft.ContainerService/managedClusters/aks',
    '/signinx',
    '/iconography',
    '/apix',
  ])('%s is a page that needs a session', (path) => {
    expect(routeKind(path)).toBe('page');
  });

  it.each(['/signin', '/signin/callback', '/auth', '/auth/callback', '/auth/signout', '/sandbox/authorize'])('%s is a public page', (path) => {
    expect(routeKind(path)).toBe('public-page');
  });

  it.each(['/api/health', '/api/v1/extensions', '/_next/static/chunks/a.js', '/_next/image', '/favicon.ico', '/icon.svg', '/icon', '/robots.txt', '/logo.png'])(
    '%s is not a page',
    (path) => {
      expect(routeKind(path)).toBe('not-a-page');
    },
  );
});

describe('signInRedirectPath', () => {
  it('returns to the path and query the visitor asked for, encoded', () => {
    expect(signInRedirectPath('/deploy', '?clusterId=/subscriptions/a&x=1')).toBe('/signin?returnTo=%2Fdeploy%3FclusterId%3D%2Fsubscriptions%2Fa%26x%3D1');
    expect(signInRedirectPath('/', '')).toBe('/signin?returnTo=%2F');
  });
});

describe('isNavigationMethod', () => {
  it('redirects GET and HEAD, never a POST (server actions answer for themselves)', () => {
    expect(isNavigationMethod('GET')).toBe(true);
    expect(isNavigationMethod('HEAD')).toBe(true);
    expect(isNavigationMethod('POST')).toBe(false);
  });
});
