/**
 * The fleet's Health column's ARM cost on a generated world (issue 15, item 4): what one listing
 * costs, what the background refresh costs until every row is known (by surface), and that a
 * second listing within the five-minute window costs no in-cluster read. The listing's surfaces
 * (subscriptions, Resource Graph) and the refresh's (extensions, runCommand, clusters, the Arc
 * clusters' Kubernetes API) do not overlap, so the listings the bench makes while it waits are
 * told apart from the refresh by surface.
 */
import type { RequestStatsSnapshot } from '@/lib/sandbox/routes/sandbox-admin';

import { BENCH_TOKEN, sleep, type BenchServer } from './server';

const AUTH = { authorization: `Bearer ${BENCH_TOKEN}` };
/** The surfaces one fleet listing calls (lib/api/fleet.ts): nothing else. */
export const LISTING_SURFACES: readonly string[] = ['subscriptions', 'resource-graph'];
/** How often the bench reads the listing while it waits for every row to be known (the page: 5 s). */
const WAIT_POLL_MS = 2_000;
/** Longest wait for the refresh (1,000 clusters, 4 at a time). */
const REFRESH_TIMEOUT_MS = 10 * 60_000;

interface Row {
  health?: { state: 'known'; summary: { level: string } } | { state: 'checking' };
}

async function listing(server: BenchServer): Promise<Row[]> {
  const response = await fetch(`${server.baseUrl}/api/v1/extensions`, { headers: AUTH });
  const body = (await response.json()) as { value?: Row[] };
  if (response.status !== 200 || !Array.isArray(body.value)) throw new Error(`GET /api/v1/extensions answered ${response.status}`);
  return body.value;
}

const checking = (rows: readonly Row[]) => rows.filter((row) => row.health?.state !== 'known').length;

/** Requests by surface (every surface, the Kubernetes API included), and the runCommand POSTs (one per in-cluster read on AKS). */
function split(stats: RequestStatsSnapshot, keep: (surface: string) => boolean): { bySurface: Record<string, number>; armCalls: number; runCommands: number; kubeApiCalls: number } {
  const bySurface: Record<string, number> = {};
  let armCalls = 0;
  for (const c of stats.counts) {
    if (c.surface === 'identity' || !keep(c.surface)) continue;
    bySurface[c.surface] = (bySurface[c.surface] ?? 0) + c.count;
    if (c.surface !== 'kube-api') armCalls += c.count;
  }
  const runCommands = stats.counts.filter((c) => c.surface === 'run-command' && c.method === 'POST').reduce((n, c) => n + c.count, 0);
  return { bySurface, armCalls, runCommands, kubeApiCalls: bySurface['kube-api'] ?? 0 };
}

/** What the `fleet` section reports of health. */
export interface FleetHealthCost {
  rows: number;
  /** Rows the first listing answered `checking` (none remembered on a fresh portal: all). */
  firstListingChecking: number;
  /** ARM calls of the background refresh until every row was known, by surface (the Kubernetes API of Arc clusters is not ARM, listed apart). */
  refresh: { armCalls: number; bySurface: Record<string, number>; runCommands: number; kubeApiCalls: number; seconds: number; listingsWhileWaiting: number; rowsLeftChecking: number };
  /** The refresh's ARM calls per row. */
  refreshArmCallsPerRow: number;
  /** Levels once every row was known. */
  levels: Record<string, number>;
  /** A listing right after, within the window: every ARM call (by surface), its runCommands and rows still checking. */
  secondListing: { armCalls: number; bySurface: Record<string, number>; runCommands: number; checking: number };
}

/**
 * On a fresh portal (nothing remembered): one listing, then listings every 2 s until no row is
 * `checking`, then one more listing with the counters reset.
 */
export async function measureFleetHealth(server: BenchServer): Promise<FleetHealthCost> {
  await server.emulator.resetStats();
  const started = performance.now();
  const first = await listing(server);
  let rows = first;
  let listings = 1;
  const deadline = Date.now() + REFRESH_TIMEOUT_MS;
  while (checking(rows) > 0 && Date.now() < deadline) {
    await sleep(WAIT_POLL_MS);
    rows = await listing(server);
    listings += 1;
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const refresh = split(await server.emulator.stats(), (surface) => !LISTING_SURFACES.includes(surface));
  const levels: Record<string, number> = {};
  for (const row of rows) {
    const level = row.health?.state === 'known' ? row.health.summary.level : 'checking';
    levels[level] = (levels[level] ?? 0) + 1;
  }

  await server.emulator.resetStats();
  const second = await listing(server);
  // Anything the second listing started after its response would show here.
  await sleep(WAIT_POLL_MS);
  const secondCost = split(await server.emulator.stats(), () => true);
  return {
    rows: first.length,
    firstListingChecking: checking(first),
    refresh: { ...refresh, seconds, listingsWhileWaiting: listings, rowsLeftChecking: checking(rows) },
    refreshArmCallsPerRow: Math.round((refresh.armCalls / Math.max(1, first.length)) * 100) / 100,
    levels,
    secondListing: { armCalls: secondCost.armCalls, bySurface: secondCost.bySurface, runCommands: secondCost.runCommands, checking: checking(second) },
  };
}
