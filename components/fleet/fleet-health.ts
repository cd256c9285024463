/**
 * The fleet's Health column rules: how rows sort by health, and how soon the page reads the
 * listing again while some rows are still being checked. Pure: the table, the refresh hook and
 * their unit test call them.
 */
import type { FleetHealth, FleetItem } from '@/lib/domain/fleet-query';
import type { HealthLevel } from '@/lib/domain/health-summary';

/** Worst first, so sorting the column ascending puts what needs attention on top; `checking` last. */
export const HEALTH_SORT_ORDER: readonly HealthLevel[] = ['failed', 'degraded', 'unknown', 'progressing', 'healthy'];

/** A row's place in {@link HEALTH_SORT_ORDER}; rows still being checked come after every level. */
export function healthRank(health: FleetHealth | undefined): number {
  return health?.state === 'known' ? HEALTH_SORT_ORDER.indexOf(health.summary.level) : HEALTH_SORT_ORDER.length;
}

/** The Health column's comparator: by level, then by the time checked (oldest first). */
export function compareHealth(a: Pick<FleetItem, 'health'>, b: Pick<FleetItem, 'health'>): number {
  const byRank = healthRank(a.health) - healthRank(b.health);
  if (byRank !== 0) return byRank;
  const checkedAt = (item: Pick<FleetItem, 'health'>) => (item.health?.state === 'known' ? item.health.checkedAt : '');
  return checkedAt(a).localeCompare(checkedAt(b));
}

/** While rows are being checked, the page reads the listing again after this (one Resource Graph query each). */
export const FLEET_CHECKING_REREAD_MS = 5_000;
/** ... this many times in a row at most (a minute); then the ordinary cadence (a large fleet takes longer). */
export const FLEET_CHECKING_MAX_REREADS = 12;

/** True when some row's health is still being read. */
export function hasCheckingRows(rows: readonly Pick<FleetItem, 'health'>[]): boolean {
  return rows.some((row) => row.health?.state !== 'known');
}

/**
 * When to read the listing next: soon while rows are `checking` and fewer than
 * {@link FLEET_CHECKING_MAX_REREADS} such reads were made in a row, else `intervalMs`.
 */
export function nextFleetReadMs(rows: readonly Pick<FleetItem, 'health'>[], checkingRereads: number, intervalMs: number): number {
  return hasCheckingRows(rows) && checkingRereads < FLEET_CHECKING_MAX_REREADS ? Math.min(FLEET_CHECKING_REREAD_MS, intervalMs) : intervalMs;
}
