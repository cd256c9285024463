/**
 * Goals of issue 8 and the readable table: one line per figure with its goal and a verdict, and
 * for a goal not met, the reason the bench can see (which ARM surface the calls went to, which
 * errors the pollers got).
 */
import type { FleetHealthCost } from './fleet-health';
import type { FleetResult, LoadResult, PlanTiming, StatusFanIn } from './measure';
import type { MemoryResult } from './memory';
import type { PageLoad } from './wizard';

/** The benchmark goals for this machine (issue 8). */
export const GOALS = {
  fanInRatioMax: 1.1,
  fleetArmCallsMax: 3,
  fleetP50MsMax: 1500,
  /** The Health column's refresh: in-cluster reads (runCommand on AKS) per cluster per five-minute window, at most. */
  fleetHealthInClusterReadsPerClusterMax: 1,
  /** ... and a listing within the window reads no cluster. */
  fleetHealthSecondListingRunCommandsMax: 0,
  planP50MsMax: 100,
  deployFirstLoadJsKbMax: 200,
  loadErrorsMax: 0,
  /** RSS growth from rest to after the first round of distinct pollers (issue 13, item 8). */
  memoryGrowthMbMax: 150,
  /** ... and from the first round to the second: "flat after". */
  memorySecondRoundGrowthMbMax: 50,
} as const;

/** Everything one run measured; a section is absent when it could not run (see `failures`). */
export interface BenchResults {
  statusFanIn?: StatusFanIn;
  /** The same at the page's settled cadence (SETTLED_POLL_MS), with the runCommand count. */
  statusFanInSettled?: StatusFanIn;
  fleet?: FleetResult;
  plan?: PlanTiming;
  wizard?: { pages: PageLoad[] };
  load?: LoadResult;
  memory?: MemoryResult;
  /** Sections that threw, with the message. */
  failures: Record<string, string>;
}

/** One line of the table. */
export interface Verdict {
  metric: string;
  value: string;
  goal: string;
  met: boolean | null;
  reason?: string;
}

function topSurfaces(bySurface: Record<string, number>): string {
  return Object.entries(bySurface)
    .sort((a, b) => b[1] - a[1])
    .map(([surface, n]) => `${surface} ${n}`)
    .join(', ');
}

function fleetVerdicts(fleet: FleetResult): Verdict[] {
  return [
    {
      metric: `fleet armCalls (${fleet.extensions} ext / ${fleet.subscriptions} subs)`,
      value: String(fleet.armCalls),
      goal: `<= ${GOALS.fleetArmCallsMax}`,
      met: fleet.armCalls <= GOALS.fleetArmCallsMax,
      reason: `calls by surface: ${topSurfaces(fleet.armCallsBySurface)}`,
    },
    { metric: 'fleet p50 / p95', value: `${fleet.p50Ms} / ${fleet.p95Ms} ms`, goal: `p50 <= ${GOALS.fleetP50MsMax} ms`, met: fleet.p50Ms <= GOALS.fleetP50MsMax },
    ...fleetHealthVerdicts(fleet.health),
  ];
}

function fleetHealthVerdicts(health: FleetHealthCost): Verdict[] {
  const { refresh, secondListing } = health;
  const perCluster = Math.round((refresh.runCommands / Math.max(1, health.rows)) * 100) / 100;
  return [
    {
      metric: `fleet health refresh (${health.rows} rows, ${health.firstListingChecking} checking at first)`,
      value: `${refresh.armCalls} ARM calls (${health.refreshArmCallsPerRow}/row), ${refresh.runCommands} runCommands + ${refresh.kubeApiCalls} Kubernetes API calls, all known in ${refresh.seconds} s`,
      goal: `<= ${GOALS.fleetHealthInClusterReadsPerClusterMax} in-cluster read per cluster, every row known`,
      met: perCluster <= GOALS.fleetHealthInClusterReadsPerClusterMax && refresh.rowsLeftChecking === 0,
      reason: `${refresh.rowsLeftChecking} rows still checking; by surface: ${topSurfaces(refresh.bySurface)}; levels: ${JSON.stringify(health.levels)}`,
    },
    {
      metric: 'fleet health, a second listing within 5 min',
      value: `${secondListing.armCalls} ARM calls (${topSurfaces(secondListing.bySurface)}), ${secondListing.runCommands} runCommands, ${secondListing.checking} rows checking`,
      goal: `${GOALS.fleetHealthSecondListingRunCommandsMax} runCommands, <= ${GOALS.fleetArmCallsMax} ARM calls`,
      met: secondListing.runCommands <= GOALS.fleetHealthSecondListingRunCommandsMax && secondListing.armCalls <= GOALS.fleetArmCallsMax && secondListing.checking === 0,
    },
  ];
}

function fanInVerdicts(fanIn: StatusFanIn, label: string): Verdict[] {
  const lines: Verdict[] = [
    {
      metric: `${label} ratio (${fanIn.viewers} viewers vs 1 every ${fanIn.pollIntervalMs / 1000} s, ${fanIn.windowSeconds} s)`,
      value: `${fanIn.ratio} (${fanIn.armReads} vs ${fanIn.singleViewerArmReads} ARM reads)`,
      goal: `<= ${GOALS.fanInRatioMax}`,
      met: fanIn.ratio <= GOALS.fanInRatioMax && fanIn.errors === 0,
      reason: fanIn.errors > 0 ? `${fanIn.errors} status polls failed` : `all ARM requests: ${fanIn.armRequests} vs ${fanIn.singleViewerArmRequests}`,
    },
  ];
  if (fanIn.runCommandBudget !== undefined) {
    lines.push({
      metric: `${label} runCommands (${fanIn.viewers} viewers vs 1)`,
      value: `${fanIn.runCommands} vs ${fanIn.singleViewerRunCommands}`,
      goal: `<= ${fanIn.runCommandBudget} (one per read window)`,
      met: fanIn.runCommands <= fanIn.runCommandBudget,
    });
  }
  return lines;
}

function memoryVerdicts(m: MemoryResult): Verdict[] {
  const first = m.afterFirstRoundMb - m.startMb;
  const second = m.afterSecondRoundMb - m.afterFirstRoundMb;
  return [
    {
      metric: `memory RSS (${m.pollers} distinct pollers, ${m.seconds} s)`,
      value: `${m.startMb} -> ${m.afterFirstRoundMb} MB (+${first})`,
      goal: `<= +${GOALS.memoryGrowthMbMax} MB`,
      met: first <= GOALS.memoryGrowthMbMax && m.errors === 0,
      reason: m.errors > 0 ? `${m.errors} of ${m.requests} polls failed` : undefined,
    },
    {
      metric: 'memory RSS, second round',
      value: `${m.afterFirstRoundMb} -> ${m.afterSecondRoundMb} MB (${second >= 0 ? '+' : ''}${second})`,
      goal: `<= +${GOALS.memorySecondRoundGrowthMbMax} MB (flat)`,
      met: second <= GOALS.memorySecondRoundGrowthMbMax,
    },
  ];
}

/** The verdict lines for `results` (sections that failed to run are reported as not met). */
export function verdicts(results: BenchResults): Verdict[] {
  const lines: Verdict[] = [];
  const { statusFanIn: fanIn, statusFanInSettled: settled, fleet, plan, wizard, load } = results;
  if (fanIn) lines.push(...fanInVerdicts(fanIn, 'statusFanIn'));
  if (settled) lines.push(...fanInVerdicts(settled, 'statusFanIn settled'));
  if (fleet) lines.push(...fleetVerdicts(fleet));
  if (plan) {
    lines.push({ metric: 'plan p50 / p95', value: `${plan.p50Ms} / ${plan.p95Ms} ms`, goal: `p50 <= ${GOALS.planP50MsMax} ms`, met: plan.p50Ms <= GOALS.planP50MsMax, reason: `${plan.armCallsPerPlan} ARM calls per plan` });
  }
  for (const page of wizard?.pages ?? []) {
    const isDeploy = page.path === '/deploy';
    lines.push({
      metric: `wizard ${page.path} first-load JS (gzip)`,
      value: `${page.firstLoadJsKb} KiB in ${page.scripts} scripts`,
      goal: isDeploy ? `<= ${GOALS.deployFirstLoadJsKbMax} KiB` : '(reference)',
      met: isDeploy ? page.firstLoadJsKb <= GOALS.deployFirstLoadJsKbMax : null,
    });
    lines.push({ metric: `wizard ${page.path} TTFB / TTI`, value: `${page.ttfbMs} / ${page.ttiMs} ms`, goal: '(reference)', met: null });
  }
  if (load) {
    lines.push({
      metric: `load (${load.pollers} pollers, ${load.seconds} s)`,
      value: `${load.requests} req, ${load.errors} errors, p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms`,
      goal: `${GOALS.loadErrorsMax} errors`,
      met: load.errors <= GOALS.loadErrorsMax,
      reason: load.errorSamples.length > 0 ? `errors: ${load.errorSamples.join('; ')}` : undefined,
    });
  }
  if (results.memory) lines.push(...memoryVerdicts(results.memory));
  for (const [section, message] of Object.entries(results.failures)) {
    lines.push({ metric: section, value: 'did not run', goal: '-', met: false, reason: message });
  }
  return lines;
}

/** The table as text: metric, value, goal, verdict; reasons under the lines that missed. */
export function formatTable(lines: readonly Verdict[]): string {
  const verdictText = (v: Verdict) => (v.met === null ? '-' : v.met ? 'MET' : 'NOT MET');
  const rows = [['metric', 'value', 'goal', 'verdict'], ...lines.map((v) => [v.metric, v.value, v.goal, verdictText(v)])];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const format = (r: string[]) => r.map((cell, col) => cell.padEnd(widths[col])).join('  ').trimEnd();
  const out = [format(rows[0]), widths.map((w) => '-'.repeat(w)).join('  ')];
  lines.forEach((v, i) => {
    out.push(format(rows[i + 1]));
    if (v.reason && v.met !== true) out.push(`    why: ${v.reason}`);
  });
  return out.join('\n');
}
