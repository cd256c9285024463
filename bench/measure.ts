/**
 * The API measurements: status fan-in (ARM reads for 100 viewers vs 1), the fleet listing, the
 * plan route, and a bounded load of status pollers. Each talks to a running portal over loopback
 * HTTP exactly as a client would, and reads ARM traffic from the emulator's request counters.
 */
import { seedScenarios } from '@/lib/domain/fixtures/seed-scenarios';
import { SETTLED_READ_WINDOW_MS } from '@/lib/domain/watch-cadence';
import { FAST_POLL_MS, SETTLED_POLL_MS } from '@/lib/ui/extension-polling';
import { PRODUCTION_SUBSCRIPTION_ID } from '@/lib/sandbox/world';

import { measureFleetHealth, type FleetHealthCost } from './fleet-health';
import { BENCH_TOKEN, sleep, type BenchServer } from './server';

/** The seeded, installed extension every viewer watches. */
export const WATCHED_EXTENSION_ID = `/subscriptions/${PRODUCTION_SUBSCRIPTION_ID}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;

const AUTH = { authorization: `Bearer ${BENCH_TOKEN}` };

/**
 * Pause between fan-in phases: longer than the portal's longest status coalescing window (the
 * settled in-cluster read's, SETTLED_READ_WINDOW_MS; lib/azure/extension-status.ts is server-only
 * and so not importable here), so one phase never starts on the other's cached reads.
 */
const PHASE_GAP_MS = Math.max(6_000, SETTLED_READ_WINDOW_MS + 1_000);

/** The pth percentile (0-100) of `values`, nearest-rank; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] * 10) / 10;
}

interface PollOutcome {
  latencies: number[];
  errors: number;
  /** The first few distinct failures, for the report. */
  errorSamples: string[];
}

async function pollStatus(baseUrl: string, outcome: PollOutcome): Promise<void> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/v1/extensions/status?id=${encodeURIComponent(WATCHED_EXTENSION_ID)}`, { headers: AUTH });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    outcome.latencies.push(performance.now() - started);
  } catch (err) {
    outcome.errors += 1;
    const text = err instanceof Error ? err.message : String(err);
    if (outcome.errorSamples.length < 5 && !outcome.errorSamples.includes(text)) outcome.errorSamples.push(text);
  }
}

/**
 * `viewers` status pages polling every `intervalMs` for `seconds`, as the page does (fixed rate,
 * each viewer starting at a random moment of the first interval: viewers do not open the page
 * in lockstep). Returns once every poll has answered.
 */
async function runPollers(baseUrl: string, viewers: number, seconds: number, intervalMs: number): Promise<PollOutcome> {
  const outcome: PollOutcome = { latencies: [], errors: 0, errorSamples: [] };
  const end = Date.now() + seconds * 1000;
  // The first viewer opens the page at once, so one viewer and many cover the same window.
  const viewer = async (_: unknown, index: number) => {
    if (index > 0) await sleep(Math.random() * intervalMs);
    for (let next = Date.now(); next < end; next += intervalMs) {
      await sleep(Math.max(0, next - Date.now()));
      await pollStatus(baseUrl, outcome);
    }
  };
  await Promise.all(Array.from({ length: viewers }, viewer));
  return outcome;
}

/** What `statusFanIn` reports (once at the fast cadence, once at the settled one). */
export interface StatusFanIn {
  viewers: number;
  windowSeconds: number;
  /** Each viewer's poll interval: FAST_POLL_MS, or SETTLED_POLL_MS for the settled phase. */
  pollIntervalMs: number;
  /** runCommand POSTs (in-cluster reads of the AKS cluster) with 100 viewers, and with 1. */
  runCommands: number;
  singleViewerRunCommands: number;
  /** In-cluster reads allowed in the window: one per SETTLED_READ_WINDOW_MS window it touches (settled phase only). */
  runCommandBudget?: number;
  armReads: number;
  singleViewerArmReads: number;
  ratio: number;
  armRequests: number;
  singleViewerArmRequests: number;
  errors: number;
}

/**
 * Read windows the settled phase lasts at least. A phase of n windows overlaps n + 1 of them
 * (it starts and ends inside one), and 100 viewers at random moments read in every window they
 * touch, while one viewer polling once a window reads in about n: over 3 windows (45 s) that edge
 * alone made the ratio 4 / 3 = 1.33, over 10 (150 s) it is about 11 / 10.
 */
export const SETTLED_FAN_IN_WINDOWS = 10;

/**
 * The settled phase: the page's slow cadence (SETTLED_POLL_MS) over at least
 * {@link SETTLED_FAN_IN_WINDOWS} read windows (SETTLED_READ_WINDOW_MS), so the ratio measures the
 * sharing, not the edge window.
 */
export function measureSettledStatusFanIn(server: BenchServer, viewers = 100, seconds = 30): Promise<StatusFanIn> {
  return measureStatusFanIn(server, viewers, Math.max(seconds, (SETTLED_FAN_IN_WINDOWS * SETTLED_READ_WINDOW_MS) / 1000), SETTLED_POLL_MS);
}

/**
 * ARM GETs the emulator served while 1, then 100, viewers polled one extension's status for the
 * same window. The phases are apart by more than the longest coalescing window so the second
 * does not start on the first's cached reads.
 */
export async function measureStatusFanIn(server: BenchServer, viewers = 100, seconds = 30, intervalMs = FAST_POLL_MS): Promise<StatusFanIn> {
  const phase = async (count: number) => {
    await sleep(PHASE_GAP_MS);
    await server.emulator.resetStats();
    const outcome = await runPollers(server.baseUrl, count, seconds, intervalMs);
    const stats = await server.emulator.stats();
    const runCommands = stats.counts.filter((c) => c.surface === 'run-command' && c.method === 'POST').reduce((n, c) => n + c.count, 0);
    return { outcome, stats, runCommands };
  };
  const single = await phase(1);
  const many = await phase(viewers);
  return {
    viewers,
    windowSeconds: seconds,
    pollIntervalMs: intervalMs,
    runCommands: many.runCommands,
    singleViewerRunCommands: single.runCommands,
    ...(intervalMs === SETTLED_POLL_MS ? { runCommandBudget: Math.ceil((seconds * 1000) / SETTLED_READ_WINDOW_MS) + 1 } : {}),
    armReads: many.stats.armReads,
    singleViewerArmReads: single.stats.armReads,
    ratio: Math.round((many.stats.armReads / Math.max(1, single.stats.armReads)) * 100) / 100,
    armRequests: many.stats.armRequests,
    singleViewerArmRequests: single.stats.armRequests,
    errors: single.outcome.errors + many.outcome.errors,
  };
}

/** What `fleet` reports. */
export interface FleetResult {
  extensions: number;
  subscriptions: number;
  armCalls: number;
  /** ARM calls of one listing by surface, e.g. `{ 'resource-graph': 1, 'managed-clusters': 150 }`. */
  armCallsBySurface: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  runs: number;
  /** The Health column's cost: the background refresh of every row, then a listing within the window. */
  health: FleetHealthCost;
}

/**
 * `GET /api/v1/extensions` (the fleet) on a portal whose emulator serves a generated world: first
 * the Health column's cost on the fresh portal (fleet-health.ts), then, every row known, the
 * listing's own calls and timings (no background refresh then to add calls of its own).
 */
export async function measureFleet(server: BenchServer, expected: { subscriptions: number; extensions: number }, runs = 10): Promise<FleetResult> {
  const health = await measureFleetHealth(server);
  const list = async () => {
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/api/v1/extensions`, { headers: AUTH });
    const body = (await response.json()) as { value?: unknown[]; subscriptions?: unknown[] };
    if (response.status !== 200) throw new Error(`GET /api/v1/extensions answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
    return { ms: performance.now() - started, extensions: body.value?.length ?? 0, subscriptions: body.subscriptions?.length ?? 0 };
  };
  await server.emulator.resetStats();
  const first = await list();
  const stats = await server.emulator.stats();
  if (first.extensions !== expected.extensions || first.subscriptions !== expected.subscriptions) {
    throw new Error(`the fleet listed ${first.extensions} extensions in ${first.subscriptions} subscriptions, expected ${expected.extensions} in ${expected.subscriptions}`);
  }
  const bySurface: Record<string, number> = {};
  for (const c of stats.counts) if (c.surface !== 'kube-api' && c.surface !== 'identity') bySurface[c.surface] = (bySurface[c.surface] ?? 0) + c.count;
  const times = [first.ms];
  for (let i = 1; i < runs; i += 1) times.push((await list()).ms);
  return {
    extensions: first.extensions,
    subscriptions: first.subscriptions,
    armCalls: stats.armRequests,
    armCallsBySurface: bySurface,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    runs,
    health,
  };
}

/** What `plan` reports. */
export interface PlanTiming {
  p50Ms: number;
  p95Ms: number;
  runs: number;
  armCallsPerPlan: number;
}

/** `POST /api/v1/plan` with the seed's scenario 1 (AKS, two nodes), after a short warm-up. */
export async function measurePlan(server: BenchServer, runs = 40): Promise<PlanTiming> {
  // Scenario 1 uses no PEMs; the placeholders are never read.
  const body = JSON.stringify(seedScenarios({ cert: '', key: '' })[0].request);
  const plan = async () => {
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/api/v1/plan`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`POST /api/v1/plan answered ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i += 1) await plan();
  await server.emulator.resetStats();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await plan());
  const stats = await server.emulator.stats();
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), runs, armCallsPerPlan: Math.round((stats.armRequests / runs) * 10) / 10 };
}

/** What `load` reports. */
export interface LoadResult {
  pollers: number;
  seconds: number;
  pollIntervalMs: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  errorSamples: string[];
}

/** `pollers` status pollers at the page's fast interval for `seconds`, on loopback. */
export async function measureLoad(server: BenchServer, pollers: number, seconds: number, intervalMs = FAST_POLL_MS): Promise<LoadResult> {
  const outcome = await runPollers(server.baseUrl, pollers, seconds, intervalMs);
  return {
    pollers,
    seconds,
    pollIntervalMs: intervalMs,
    requests: outcome.latencies.length + outcome.errors,
    errors: outcome.errors,
    p50Ms: percentile(outcome.latencies, 50),
    p95Ms: percentile(outcome.latencies, 95),
    errorSamples: outcome.errorSamples,
  };
}
