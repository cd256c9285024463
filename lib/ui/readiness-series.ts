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
  /** Milliseconds after the start; negative for a component already Ready before it (kept by an update). */
  afterMs: number;
  /** Ready components once this one is (the step line's height at this point). */
  readyCount: number;
  /** `cluster`: Kubernetes' own time (readySince); `observed`: when this page first saw it Ready. */
  source: 'cluster' | 'observed';
  /** Ready before the start (kept by an update, or clocks apart): drawn at its own time, left of the start. */
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
  /** Where the x axis begins, in ms from the start: 0, or the earliest point before the start. */
  fromMs: number;
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
      // Not clamped to 0: after an update the components it kept are Ready since before it, each
      // at its own time (piled up at 0 they read as one dot).
      afterMs: at - start,
      source: Number.isNaN(fromCluster) ? 'observed' : 'cluster',
      beforeStart: at < start,
    });
  }
  dated.sort((a, b) => a.afterMs - b.afterMs || a.name.localeCompare(b.name));
  const points = dated.map((p, i) => ({ ...p, readyCount: i + 1 }));
  const last = points.length > 0 ? Math.max(0, points[points.length - 1].afterMs) : 0;
  const fromMs = points.length > 0 ? Math.min(0, points[0].afterMs) : 0;
  const allReady = ready.length === input.components.length;
  const untilNow = Math.max(0, time(input.now) - start);
  const endMs = Math.max(MIN_EXTENT_MS, allReady || Number.isNaN(untilNow) ? last * (1 + END_PADDING) : Math.max(last, untilNow));
  return {
    total: input.components.length,
    ready: ready.length,
    points,
    undated,
    fromMs,
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

/**
 * Evenly spaced x ticks from `fromMs` (0, or negative when points precede the start) to at most
 * `endMs`, 0 always among them, at most `maxTicks` + 1 of them. Times before the start read "−5 min".
 */
export function timeTicks(endMs: number, maxTicks = 6, fromMs = 0): Array<{ ms: number; label: string }> {
  const extent = endMs - Math.min(0, fromMs);
  const step = TICK_STEPS.find((s) => extent / s <= maxTicks) ?? Math.ceil(extent / maxTicks / 86_400_000) * 86_400_000;
  const unit = UNITS.find((u) => step % u.ms === 0) ?? UNITS[UNITS.length - 1];
  const ticks: Array<{ ms: number; label: string }> = [];
  for (let ms = Math.ceil(Math.min(0, fromMs) / step) * step; ms <= endMs; ms += step) {
    ticks.push({ ms, label: ms === 0 ? '0' : `${ms < 0 ? '\u2212' : ''}${Math.abs(ms) / unit.ms} ${unit.short}` });
  }
  return ticks;
}

/** Up to this many components, a total with no even spacing (a prime: 11, 7) gets a tick per component. */
const EVERY_COUNT_UP_TO = 12;

/**
 * Whole-number y ticks from 0 to `total`, `total` always included ("N of N" is the line the eye
 * looks for), evenly spaced: the smallest step that divides the total into at most `maxTicks`
 * intervals (9: 0/3/6/9; 14: 0/7/14), else one tick per component up to {@link EVERY_COUNT_UP_TO}
 * (11: 0 to 11), else a round step with the total on top (not 0/5/11, whose last gap differs).
 */
export function countTicks(total: number, maxTicks = 5): number[] {
  if (total <= 0) return [0];
  const evenly = (step: number) => Array.from({ length: total / step + 1 }, (_, i) => i * step);
  for (let step = 1; step < total; step += 1) {
    if (total % step === 0 && total / step <= maxTicks) return evenly(step);
  }
  if (total <= EVERY_COUNT_UP_TO) return evenly(1);
  const step = [1, 2, 5, 10, 20, 50].find((s) => total / s <= maxTicks) ?? Math.ceil(total / maxTicks);
  const ticks: number[] = [];
  for (let n = 0; n < total; n += step) ticks.push(n);
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
