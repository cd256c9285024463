/**
 * What an update changed, from an entry's `previousSettings` and `settings`. Pure.
 */
import { REMOVED_SETTING, type AuditEntry } from '@/lib/audit/types';

/** One key an update touched: a new value over an old one, a key it added, or one it removed. */
export type SettingChange =
  | { kind: 'changed'; key: string; before: string; after: string }
  | { kind: 'added'; key: string; after: string }
  | { kind: 'removed'; key: string; before?: string };

/**
 * The keys `entry` changed, in the order it sent them, or undefined when the trail does not know
 * the values before (an entry recorded without them, or not an update): the page then lists the
 * settings as sent. A key sent with the value it already had is no change and is left out.
 */
export function settingChanges(entry: Pick<AuditEntry, 'action' | 'settings' | 'previousSettings'>): SettingChange[] | undefined {
  if (entry.action !== 'update' || !entry.previousSettings) return undefined;
  const previous = entry.previousSettings;
  const changes: SettingChange[] = [];
  for (const [key, after] of Object.entries(entry.settings ?? {})) {
    const before = Object.hasOwn(previous, key) ? previous[key] : undefined;
    if (after === REMOVED_SETTING) changes.push(before === undefined ? { kind: 'removed', key } : { kind: 'removed', key, before });
    else if (before === undefined) changes.push({ kind: 'added', key, after });
    else if (before !== after) changes.push({ kind: 'changed', key, before, after });
  }
  return changes;
}
