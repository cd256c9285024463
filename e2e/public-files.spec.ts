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

  test('favicon.ico is served for browsers that ask for it by name, and pages still name app/icon.svg', async ({ request }) => {
    const response = await request.get('/favicon.ico', { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    // An ICO file's header: reserved 0, type 1 (icon).
    expect([...(await response.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

    // The page's icon stays Next's app/icon.svg (its link carries a content hash), public/ adds only the legacy name.
    const iconLink = (await (await request.get('/signin')).text()).match(/<link rel="icon"[^>]*>/)?.[0];
    expect(iconLink).toMatch(/href="\/icon\.svg\?[^"]+"/);
    expect(iconLink).toContain('type="image/svg+xml"');
  });
});
