import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';

import { MESSAGES } from '@/lib/i18n/messages';

import {
  asReadinessText,
  countTicks,
  formatDuration,
  MIN_EXTENT_MS,
  readinessSeries,
  readinessStart,
  recordObservedReady,
  summarizeReadiness,
  timeTicks,
  type ReadinessComponent,
} from './readiness-series';

const CREATED = '2026-03-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(CREATED) + seconds * 1000).toISOString();
const START = { at: CREATED, kind: 'install' as const };

const ready = (name: string, seconds: number | null, kind: ReadinessComponent['kind'] = 'Deployment'): ReadinessComponent => ({
  name,
  kind,
  state: 'Ready',
  readySince: seconds === null ? null : at(seconds),
});
const progressing = (name: string): ReadinessComponent => ({ name, kind: 'Deployment', state: 'Progressing', readySince: null });

describe('readinessStart', () => {
  it('counts from creation, or from the last modification when it is later (an update)', () => {
    expect(readinessStart(CREATED, CREATED)).toEqual({ at: CREATED, kind: 'install' });
    expect(readinessStart(CREATED, undefined)).toEqual({ at: CREATED, kind: 'install' });
    expect(readinessStart(CREATED, at(600))).toEqual({ at: at(600), kind: 'update' });
    expect(readinessStart(undefined, at(600))).toBeNull();
    expect(readinessStart('not a time', undefined)).toBeNull();
  });
});

describe('readinessSeries', () => {
  it('orders components by when Kubernetes says they became Ready, with the running count', () => {
    const series = readinessSeries({
      components: [ready('gateway', 95), ready('fluent-bit', 40, 'DaemonSet'), progressing('azureml-fe-v2'), ready('aml-operator', 40)],
      start: START,
      now: at(120),
    });
    expect(series.points.map((p) => [p.name, p.afterMs, p.readyCount, p.source])).toEqual([
      ['aml-operator', 40_000, 1, 'cluster'],
      ['fluent-bit', 40_000, 2, 'cluster'],
      ['gateway', 95_000, 3, 'cluster'],
    ]);
    expect(series).toMatchObject({ total: 4, ready: 3, undated: 0, usesObservations: false });
    // Not all Ready: the axis runs up to now, so the wait so far shows as a flat line.
    expect(series.endMs).toBe(120_000);
  });

  it('ends a little past the last point once every component is Ready, however late the page is read', () => {
    const series = readinessSeries({ components: [ready('a', 30), ready('b', 100)], start: START, now: at(86_400) });
    expect(series.endMs).toBeGreaterThan(100_000);
    expect(series.endMs).toBeLessThan(120_000);
    expect(readinessSeries({ components: [ready('a', 1)], start: START, now: at(2) }).endMs).toBe(MIN_EXTENT_MS);
  });

  it('draws a component Ready before the start (kept by an update) at its own time, left of the start', () => {
    const series = readinessSeries({ components: [ready('kept', -3_600), ready('new', 30)], start: { at: CREATED, kind: 'update' }, now: at(40) });
    expect(series.points[0]).toMatchObject({ name: 'kept', afterMs: -3_600_000, beforeStart: true, readyCount: 1 });
    expect(series.fromMs).toBe(-3_600_000);
    expect(summarizeReadiness(series, { at: CREATED, kind: 'update' })).toBe('2 of 2 components ready; last became ready 30 s after the update started');
  });

  it('falls back to the times this page observed, and says so', () => {
    const series = readinessSeries({
      components: [ready('gateway', null), ready('fluent-bit', 20, 'DaemonSet'), ready('never-seen', null)],
      start: START,
      observed: { 'Deployment/gateway': at(70) },
      now: at(80),
    });
    expect(series.points.map((p) => [p.name, p.afterMs, p.source])).toEqual([
      ['fluent-bit', 20_000, 'cluster'],
      ['gateway', 70_000, 'observed'],
    ]);
    expect(series).toMatchObject({ ready: 3, undated: 1, usesObservations: true });
    expect(summarizeReadiness(series, START)).toBe(
      '3 of 3 components ready; last became ready 1 min 10 s after the install started (times partly as observed by this page)',
    );
  });

  it('after an update that kept every component, spreads the dots over their own times instead of stacking them at 0', () => {
    const kept = Array.from({ length: 14 }, (_, i) => ready(`c${String(i).padStart(2, '0')}`, -600 + i * 30));
    const series = readinessSeries({ components: kept, start: { at: CREATED, kind: 'update' }, now: at(60) });
    expect(new Set(series.points.map((p) => p.afterMs)).size).toBe(14);
    expect(series.points.every((p) => p.beforeStart && p.afterMs < 0)).toBe(true);
    expect(series.fromMs).toBe(-600_000);
    expect(series.endMs).toBeGreaterThan(0);
    const ticks = timeTicks(series.endMs, 6, series.fromMs);
    expect(ticks.map((t) => t.label)).toEqual(['\u221210 min', '\u22128 min', '\u22126 min', '\u22124 min', '\u22122 min', '0']);
  });

  it('has no points before anything is Ready', () => {
    const series = readinessSeries({ components: [progressing('a'), progressing('b')], start: START, now: at(5) });
    expect(series.points).toEqual([]);
    expect(summarizeReadiness(series, START)).toBe('0 of 2 components ready yet');
  });
});

describe('recordObservedReady', () => {
  it('dates components the first time they are seen Ready and keeps the same object when nothing changed', () => {
    const first = recordObservedReady({}, [ready('a', null), progressing('b')], at(10));
    expect(first).toEqual({ 'Deployment/a': at(10) });
    const same = recordObservedReady(first, [ready('a', null), progressing('b')], at(12));
    expect(same).toBe(first);
    const second = recordObservedReady(first, [ready('a', null), ready('b', null)], at(14));
    expect(second).toEqual({ 'Deployment/a': at(10), 'Deployment/b': at(14) });
  });

  it('forgets a component that stops being Ready, so a recovery is dated again', () => {
    const seen = recordObservedReady({}, [ready('a', null)], at(10));
    const lost = recordObservedReady(seen, [progressing('a')], at(20));
    expect(lost).toEqual({});
    expect(recordObservedReady(lost, [ready('a', null)], at(30))).toEqual({ 'Deployment/a': at(30) });
  });
});

describe('labels and ticks', () => {
  it('formats durations with the two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3 * 3_600_000 + 10 * 60_000 + 5_000)).toBe('3 hours 10 min');
    expect(formatDuration(86_400_000)).toBe('1 day');
  });

  it('spaces time ticks evenly in one unit, from zero', () => {
    expect(timeTicks(125_000).map((t) => t.label)).toEqual(['0', '30 s', '60 s', '90 s', '120 s']);
    expect(timeTicks(20 * 60_000).map((t) => t.label)).toEqual(['0', '5 min', '10 min', '15 min', '20 min']);
    expect(timeTicks(10_000).length).toBeLessThanOrEqual(7);
  });

  it('counts from 0 to the total, the total always a tick', () => {
    expect(countTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(9)).toEqual([0, 3, 6, 9]);
    expect(countTicks(14)).toEqual([0, 7, 14]);
    expect(countTicks(16)).toEqual([0, 4, 8, 12, 16]);
    // No even step: one tick per component, never 0/5/11.
    expect(countTicks(11)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(countTicks(0)).toEqual([0]);
    for (let total = 1; total <= 40; total += 1) {
      const ticks = countTicks(total);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBe(total);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});

describe('the chart words in Brazilian Portuguese', () => {
  const portuguese = asReadinessText(createTranslator({ locale: 'pt-BR', messages: MESSAGES['pt-BR'], namespace: 'status.readiness' }) as never);

  it('writes durations with Portuguese units and plurals', () => {
    expect(formatDuration(0, portuguese)).toBe('0 s');
    expect(formatDuration(125_000, portuguese)).toBe('2 min 5 s');
    expect(formatDuration(3 * 3_600_000 + 10 * 60_000, portuguese)).toBe('3 horas 10 min');
    expect(formatDuration(86_400_000, portuguese)).toBe('1 dia');
  });

  it('summarises the chart in Portuguese', () => {
    const series = readinessSeries({ components: [ready('a', 30), ready('b', 70), progressing('c')], start: START, now: at(80) });
    expect(summarizeReadiness(series, START, portuguese)).toBe('2 de 3 componentes prontos; o último ficou pronto 1 min 10 s após o início da instalação');
    const update = readinessSeries({ components: [ready('kept', -60)], start: { at: CREATED, kind: 'update' }, now: at(10) });
    expect(summarizeReadiness(update, { at: CREATED, kind: 'update' }, portuguese)).toBe(
      '1 de 1 componente pronto; o último ficou pronto antes do início da atualização',
    );
    const none = readinessSeries({ components: [progressing('a')], start: START, now: at(5) });
    expect(summarizeReadiness(none, START, portuguese)).toBe('0 de 1 componente pronto até agora');
  });
});
