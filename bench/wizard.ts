/**
 * What a browser pays to show `/` and `/deploy`: Chromium (the Playwright set-up of
 * playwright.config.ts) with an empty cache per page, the gzip size of every script it
 * downloaded until the network went quiet, time to first byte, and time until React has
 * hydrated the page (the first moment its buttons answer clicks).
 */
import { gzipSync } from 'node:zlib';

import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

import playwrightConfig from '../playwright.config';

/** Figures for one page. */
export interface PageLoad {
  path: string;
  firstLoadJsKb: number;
  scripts: number;
  ttfbMs: number;
  ttiMs: number;
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Signs in the way the e2e set-up does: when a page sends the browser to `/signin`, the first
 * sandbox user's button. Returns the cookies to reuse, so measured loads start signed in but with
 * a cold cache.
 */
async function signIn(browser: Browser, baseUrl: string): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto('/deploy');
  if (new URL(page.url()).pathname.startsWith('/signin')) {
    // As e2e/auth.setup.ts does: click the first sandbox user, then wait until the redirects
    // (authorize page, callback) have landed back on the page asked for, signed in.
    const from = page.url();
    await page.getByRole('button', { name: /^Sign in as / }).first().click();
    await page.waitForURL((url) => url.href !== from && url.pathname === '/deploy', { timeout: 30_000 });
    await page.waitForLoadState('load');
  }
  if (new URL(page.url()).pathname.startsWith('/signin')) throw new Error(`still on ${page.url()} after signing in`);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Resolves with `performance.now()` at the first frame where a React-managed button exists. */
function hydrated(page: Page): Promise<number> {
  return page
    .waitForFunction(
      () => {
        const hydratedNode = [...document.querySelectorAll('button, a, h1')].some((el) => Object.keys(el).some((k) => k.startsWith('__reactProps$')));
        return hydratedNode ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

async function loadOnce(browser: Browser, baseUrl: string, state: StorageState, path: string): Promise<PageLoad> {
  const context = await browser.newContext({ baseURL: baseUrl, storageState: state });
  const page = await context.newPage();
  const scriptSizes: Array<Promise<number>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    // gzip of the body at the default level: what a compressing server sends, whatever this one did.
    scriptSizes.push(response.body().then((body) => gzipSync(body).length, () => 0));
  });
  await page.goto(path, { waitUntil: 'commit' });
  if (new URL(page.url()).pathname.startsWith('/signin')) throw new Error(`${path} sent a signed-in browser to /signin`);
  const ttiMs = await hydrated(page);
  await page.waitForLoadState('networkidle');
  const ttfbMs = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return nav ? nav.responseStart : Number.NaN;
  });
  const sizes = await Promise.all(scriptSizes);
  await context.close();
  return {
    path,
    firstLoadJsKb: Math.round((sizes.reduce((a, b) => a + b, 0) / 1024) * 10) / 10,
    scripts: sizes.length,
    ttfbMs: Math.round(ttfbMs),
    ttiMs: Math.round(ttiMs),
  };
}

/**
 * Each path `runs` times from a cold cache; JS size from the first run (it does not vary),
 * times as medians.
 */
export async function measureWizard(portalUrl: string, paths: readonly string[] = ['/', '/deploy'], runs = 3): Promise<PageLoad[]> {
  // `localhost`, as the e2e runs use: sign-in cookies and redirect URIs are bound to the host name.
  const baseUrl = portalUrl.replace('//127.0.0.1:', '//localhost:');
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    const state = await signIn(browser, baseUrl);
    const results: PageLoad[] = [];
    for (const path of paths) {
      const loads: PageLoad[] = [];
      for (let i = 0; i < runs; i += 1) loads.push(await loadOnce(browser, baseUrl, state, path));
      results.push({ ...loads[0], ttfbMs: median(loads.map((l) => l.ttfbMs)), ttiMs: median(loads.map((l) => l.ttiMs)) });
    }
    return results;
  } finally {
    await browser.close();
  }
}
