/**
 * The data of the status page's readiness chart (components/readiness-chart.tsx): how many of the
 * extension's components were Ready how long after the install (or the last update) started.
 * Pure, so the chart draws what these functions say and the tests check them without a browser.
 */
import { createTranslator } from 'use-intl/core';

import type { ComponentHealth } from '@/lib/domain/component-health';
import enStatus from '@/lib/i18n/messages/en/status.json';

/**
 * The chart's words (`status.readiness` in lib/i18n/messages/<language>/status.json) in one
 * language: the chart passes the reader's (`useTranslations('status.readiness')` through
 * {@link asReadinessText}); English by default, for tests and any other caller.
 */
export type ReadinessText = (key: keyof typeof enStatus.readiness, values?: Record<string, string | number>) => string;

/** Wraps a use-intl translator of `status.readiness` as a {@link ReadinessText}. */
export function asReadinessText(translate: (key: never, values?: never) => string): ReadinessText {
  return (key, values) => translate(key as never, values as never);
}

const englishText: ReadinessText = asReadinessText(createTranslator({ locale: 'en', messages: enStatus, namespace: 'readiness' }) as never);

/** The fields of a component the chart needs. */
export type ReadinessComponent = Pick<ComponentHealth, 'name' | 'kind' | 'state' | 'readySince'>;

/** When this page first saw each component Ready (ISO 8601), by {@link componentKey}. */
export type ObservedReady = Readonly<Record<string, string>>;

/** What the x axis counts from. */
export interface ReadinessStart {
  /** ISO 8601. */
  at: string;
  /** `update` when ARM's lastModifiedAt is later than createdAt: an update restarts the clock. */
  kind: 'install' | 'update';
}

/** One component becoming Ready: a marker on the chart, a row of its table. */
export interface ReadinessPoint {
  name: string;
  kind: ComponentHealth['kind'];
  /** Milliseconds after the start; 0 for a component that was already Ready when it began. */
  afterMs: number;
  /** Ready components once this one is (the step line's height at this point). */
  readyCount: number;
  /** `cluster`: Kubernetes' own time (readySince); `observed`: when this page first saw it Ready. */
  source: 'cluster' | 'observed';
  /** Ready before the start (kept by an update, or clocks apart): drawn at 0. */
  beforeStart: boolean;
}

/** The whole chart. */
export interface ReadinessSeries {
  /** Components on the table (expected ones, then any other workload found): the y axis' top. */
  total: number;
  /** Components Ready now. */
  ready: number;
  /** Components Ready now, in the order they became Ready (ties by name). */
  points: ReadinessPoint[];
  /** Ready components whose time is unknown (no readySince, never observed): in `ready`, not drawn. */
  undated: number;
  /** The x axis' extent in ms: past the last point, and up to now while some are not Ready. */
  endMs: number;
  /** True when at least one point comes from this page's observations. */
  usesObservations: boolean;
}

/** A component's identity across polls. */
export const componentKey = (c: Pick<ComponentHealth, 'name' | 'kind'>): string => `${c.kind}/${c.name}`;

/** Room left after the last point of a finished series, as a share of its time. */
const END_PADDING = 0.08;
/** The shortest x axis, so a near-instant install still draws a readable staircase. */
export const MIN_EXTENT_MS = 10_000;

const time = (iso: string | null | undefined): number => (iso ? Date.parse(iso) : Number.NaN);

/**
 * What the x axis counts from: the latest ARM write, since an update (Helm upgrade) replaces pods
 * and they become Ready again after it. Null without a valid createdAt.
 */
export function readinessStart(createdAt: string | undefined, lastModifiedAt: string | undefined): ReadinessStart | null {
  const created = time(createdAt);
  if (Number.isNaN(created)) return null;
  const modified = time(lastModifiedAt);
  return !Number.isNaN(modified) && modified > created
    ? { at: new Date(modified).toISOString(), kind: 'update' }
    : { at: new Date(created).toISOString(), kind: 'install' };
}

/**
 * Adds the components that are Ready in this poll and were not before, at `observedAt` (when the
 * portal read them). Returns `previous` itself when nothing is new, so React skips a render.
 * Components that stop being Ready are forgotten, so a recovery is dated again.
 */
export function recordObservedReady(previous: ObservedReady, components: ReadonlyArray<ReadinessComponent>, observedAt: string): ObservedReady {
  const readyKeys = new Set(components.filter((c) => c.state === 'Ready').map(componentKey));
  const next: Record<string, string> = {};
  let changed = false;
  for (const [key, at] of Object.entries(previous)) {
    if (readyKeys.has(key)) next[key] = at;
    else changed = true;
  }
  for (const key of readyKeys) {
    if (next[key] !== undefined) continue;
    next[key] = observedAt;
    changed = true;
  }
  return changed ? next : previous;
}

/**
 * The step line and markers: one point per Ready component at the time it became Ready, from
 * `readySince` (Kubernetes' time) or else from `observed` (this page's), in time order with the
 * running count. `now` (the latest read, ISO) stretches the axis while components are still coming.
 */
export function readinessSeries(input: {
  components: ReadonlyArray<ReadinessComponent>;
  start: ReadinessStart;
  observed?: ObservedReady;
  now: string;
}): ReadinessSeries {
  const start = time(input.start.at);
  const ready = input.components.filter((c) => c.state === 'Ready');
  const dated: Array<Omit<ReadinessPoint, 'readyCount'>> = [];
  let undated = 0;
  for (const c of ready) {
    const fromCluster = time(c.readySince);
    const fromPage = time(input.observed?.[componentKey(c)]);
    const at = Number.isNaN(fromCluster) ? fromPage : fromCluster;
    if (Number.isNaN(at)) {
      undated += 1;
      continue;
    }
    dated.push({
      name: c.name,
      kind: c.kind,
      afterMs: Math.max(0, at - start),
      source: Number.isNaN(fromCluster) ? 'observed' : 'cluster',
      beforeStart: at < start,
    });
  }
  dated.sort((a, b) => a.afterMs - b.afterMs || a.name.localeCompare(b.name));
  const points = dated.map((p, i) => ({ ...p, readyCount: i + 1 }));
  const last = points.length > 0 ? points[points.length - 1].afterMs : 0;
  const allReady = ready.length === input.components.length;
  const untilNow = Math.max(0, time(input.now) - start);
  const endMs = Math.max(MIN_EXTENT_MS, allReady || Number.isNaN(untilNow) ? last * (1 + END_PADDING) : Math.max(last, untilNow));
  return {
    total: input.components.length,
    ready: ready.length,
    points,
    undated,
    endMs,
    usesObservations: points.some((p) => p.source === 'observed'),
  };
}

/**
 * Duration units, largest first: `short` is the axis' unit symbol (the same in both languages),
 * `long` the message that writes an amount of it in words.
 */
const UNITS = [
  { ms: 86_400_000, short: 'd', long: 'days' },
  { ms: 3_600_000, short: 'h', long: 'hours' },
  { ms: 60_000, short: 'min', long: 'minutes' },
  { ms: 1_000, short: 's', long: 'seconds' },
] as const;

/** "45 s", "2 min 5 s", "3 hours 10 min", "2 days": the two largest units, for labels and summaries, in `text`'s language. */
export function formatDuration(ms: number, text: ReadinessText = englishText): string {
  let rest = Math.max(0, Math.round(ms / 1000)) * 1000;
  if (rest === 0) return text('seconds', { count: 0 });
  const parts: string[] = [];
  for (const unit of UNITS) {
    const n = Math.floor(rest / unit.ms);
    if (n === 0) {
      if (parts.length > 0) break;
      continue;
    }
    parts.push(text(unit.long, { count: n }));
    rest -= n * unit.ms;
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Tick spacings the x axis may use, in ms. */
const TICK_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
].map((s) => s * 1000);

/** Evenly spaced x ticks from 0 to at most `endMs`, at most `maxTicks` + 1 of them. */
export function timeTicks(endMs: number, maxTicks = 6): Array<{ ms: number; label: string }> {
  const step = TICK_STEPS.find((s) => endMs / s <= maxTicks) ?? Math.ceil(endMs / maxTicks / 86_400_000) * 86_400_000;
  const unit = UNITS.find((u) => step % u.ms === 0) ?? UNITS[UNITS.length - 1];
  const ticks: Array<{ ms: number; label: string }> = [];
  for (let ms = 0; ms <= endMs; ms += step) ticks.push({ ms, label: ms === 0 ? '0' : `${ms / unit.ms} ${unit.short}` });
  return ticks;
}

/** Whole-number y ticks from 0 to `total`, at most about `maxTicks` of them, `total` always included. */
export function countTicks(total: number, maxTicks = 5): number[] {
  if (total <= 0) return [0];
  const step = [1, 2, 5, 10, 20, 50].find((s) => total / s <= maxTicks) ?? Math.ceil(total / maxTicks);
  const ticks: number[] = [];
  for (let n = 0; n < total; n += step) ticks.push(n);
  // The top tick is the total itself: "N of N" is the line the eye looks for.
  if (ticks.length > 1 && total - ticks[ticks.length - 1] <= step / 2) ticks.pop();
  ticks.push(total);
  return ticks;
}

/**
 * One sentence for the chart's accessible name: "7 of 9 components ready; last became ready
 * 2 min 5 s after the install started", in `text`'s language.
 */
export function summarizeReadiness(series: ReadinessSeries, start: ReadinessStart, text: ReadinessText = englishText): string {
  const counts = { ready: series.ready, total: series.total };
  const last = series.points[series.points.length - 1];
  if (!last) return text(series.ready === 0 ? 'summaryNoneYet' : 'summaryUndated', counts);
  const when = last.beforeStart
    ? text('beforeStart', { kind: start.kind })
    : text('afterStart', { duration: formatDuration(last.afterMs, text), kind: start.kind });
  return text(series.usesObservations ? 'summaryObserved' : 'summary', { ...counts, when });
}
