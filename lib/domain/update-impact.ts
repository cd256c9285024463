/**
 * Which setting changes of an update affect running work (DOMAIN.md section 5), so the portal
 * can warn and ask for confirmation before sending them. Pure.
 */
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { ownValue } from './own-keys';
import { NODE_SELECTOR_PREFIX, booleanDefault, parseBooleanSetting, settingIsOn, settingsWhere, type SettingEntry } from './settings-catalog';

/** One warning: the setting concerned and what the change will do. */
export interface UpdateImpact {
  key: string;
  message: string;
}

/** Features whose switching off removes components that running work depends on (catalog `impact.when: 'switchOff'`). */
const SWITCH_OFF_IMPACTS = settingsWhere((entry) => entry.impact?.when === 'switchOff');

/** Settings whose change reconfigures how live endpoints are reached (catalog `impact.when: 'change'`). */
const CHANGE_IMPACTS = settingsWhere((entry) => entry.impact?.when === 'change');

/**
 * The impacts of changing `before` into `after` (both the full non-protected settings).
 * A key absent from `after` counts as removed. Boolean values compare case-insensitively (the
 * chart reads them so: `True` → `true` is no change); other values compare exactly. Ordered
 * as listed in section 5, then node selector keys by name, so the dialog does not reorder.
 * Messages are in `text`'s language (English by default).
 */
export function updateImpacts(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
  text: DomainText = englishText,
): UpdateImpact[] {
  const impacts: UpdateImpact[] = [];
  for (const { key, impact } of SWITCH_OFF_IMPACTS) {
    if (impact && settingIsOn(before, key) && !settingIsOn(after, key)) impacts.push({ key, message: text(impact.message) });
  }
  // Own values only: the records are the user's settings, and `before.constructor` is not one.
  const was = (key: string) => ownValue(before, key);
  const is = (key: string) => ownValue(after, key);
  for (const entry of CHANGE_IMPACTS) {
    const { key, impact } = entry;
    if (impact && normalise(entry, was(key)) !== normalise(entry, is(key))) impacts.push({ key, message: text(impact.message) });
  }
  const selectorKeys = new Set(
    [...Object.keys(before), ...Object.keys(after)].filter((key) => key.startsWith(NODE_SELECTOR_PREFIX)),
  );
  for (const key of [...selectorKeys].sort()) {
    if (was(key) === is(key)) continue;
    // The chart merges node selectors on upgrade: a removed key stays on the workloads.
    const removed = was(key) !== undefined && is(key) === undefined;
    impacts.push({
      key,
      message: text(removed ? 'impact.nodeSelectorRemoved' : 'impact.nodeSelectorChanged', { key }),
    });
  }
  return impacts;
}

/**
 * Booleans compare as the chart reads them, absent meaning their default (`allowInsecureConnections`
 * left out is False); values the catalog says are read in any case (the service type) compare
 * lower-cased; other values by their trimmed text (absent = empty).
 */
function normalise(entry: SettingEntry, value: string | undefined): string {
  if (entry.kind === 'boolean') return String(parseBooleanSetting(value) ?? booleanDefault(entry.key));
  if (value === undefined) return '';
  const trimmed = value.trim();
  return entry.anyCase ? trimmed.toLowerCase() : trimmed;
}
