import { describe, expect, it } from 'vitest';

import type { FleetHealth } from '@/lib/domain/fleet-query';
import type { HealthLevel } from '@/lib/domain/health-summary';

import { compareHealth, FLEET_CHECKING_MAX_REREADS, FLEET_CHECKING_REREAD_MS, hasCheckingRows, HEALTH_SORT_ORDER, nextFleetReadMs } from './fleet-health';

const known = (level: HealthLevel, checkedAt = '2026-12-03T12:00:00.000Z'): { health: FleetHealth } => ({
  health: { state: 'known', checkedAt, summary: { level, provisioningState: 'Succeeded', ready: 1, total: 1, componentsAvailable: true, problems: [] } },
});
const checking: { health: FleetHealth } = { health: { state: 'checking' } };
const levelOf = (row: { health: FleetHealth }) => (row.health.state === 'known' ? row.health.summary.level : 'checking');

describe('the Health column', () => {
  it('sorts worst first: failed, degraded, unknown, progressing, healthy, then rows still checking', () => {
    const rows = [known('healthy'), checking, known('progressing'), known('failed'), known('unknown'), known('degraded')];
    expect([...rows].sort(compareHealth).map(levelOf)).toEqual([...HEALTH_SORT_ORDER, 'checking']);
  });

  it('sorts rows of one level by when they were checked, oldest first', () => {
    const rows = [known('degraded', '2026-12-03T12:04:00.000Z'), known('degraded', '2026-12-03T12:01:00.000Z')];
    expect([...rows].sort(compareHealth).map((row) => row.health.state === 'known' && row.health.checkedAt)).toEqual(['2026-12-03T12:01:00.000Z', '2026-12-03T12:04:00.000Z']);
  });
});

describe('reading the listing again while rows are checked', () => {
  it('reads again soon while a row is checking, a bounded number of times in a row, then at the usual interval', () => {
    expect(hasCheckingRows([known('healthy'), checking])).toBe(true);
    expect(nextFleetReadMs([known('healthy'), checking], 0, 30_000)).toBe(FLEET_CHECKING_REREAD_MS);
    expect(nextFleetReadMs([checking], FLEET_CHECKING_MAX_REREADS - 1, 30_000)).toBe(FLEET_CHECKING_REREAD_MS);
    expect(nextFleetReadMs([checking], FLEET_CHECKING_MAX_REREADS, 30_000)).toBe(30_000);
    expect(nextFleetReadMs([known('healthy')], 0, 30_000)).toBe(30_000);
    expect(nextFleetReadMs([], 0, 30_000)).toBe(30_000);
  });
});
