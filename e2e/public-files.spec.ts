import { expect, test } from '@playwright/test';

/**
 * The static files of public/: served as files by the standalone server, with no session and no
 * redirect to sign-in (lib/security/page-access.ts counts them as not pages).
 */
test.describe('public files without a session', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('robots.txt keeps the whole portal out of search indexes', async ({ request }) => {
    const response = await request.get('/robots.txt', { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/plain/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect((await response.text()).split(/\r?\n/).filter(Boolean)).toEqual(['User-agent: *', 'Disallow: /']);
  });
});
