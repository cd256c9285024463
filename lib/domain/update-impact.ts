/**
 * Which setting changes of an update affect running work (DOMAIN.md section 5), so the portal
 * can warn and ask for confirmation before sending them. Pure.
 */
import type { DomainMessageKey, DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { readBooleanSetting } from './expected-components';
import { ownValue } from './own-keys';

/** One warning: the setting concerned and what the change will do. */
export interface UpdateImpact {
  key: string;
  message: string;
}

/** Features whose switching off removes components that running work depends on. */
const SWITCH_OFF_IMPACTS = [
  { key: 'enableTraining', fallback: false, message: 'impact.enableTraining' },
  { key: 'enableInference', fallback: false, message: 'impact.enableInference' },
  { key: 'installNvidiaDevicePlugin', fallback: false, message: 'impact.installNvidiaDevicePlugin' },
] as const satisfies ReadonlyArray<{ key: string; fallback: boolean; message: DomainMessageKey }>;

/** Settings whose change reconfigures how live endpoints are reached. */
const CHANGE_IMPACTS: Readonly<Record<string, DomainMessageKey>> = {
  allowInsecureConnections: 'impact.allowInsecureConnections',
  inferenceRouterServiceType: 'impact.inferenceRouterServiceType',
  internalLoadBalancerProvider: 'impact.internalLoadBalancerProvider',
  sslCname: 'impact.sslCname',
};

const NODE_SELECTOR_PREFIX = 'nodeSelector.';

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
  for (const rule of SWITCH_OFF_IMPACTS) {
    if (readBooleanSetting(before, rule.key, rule.fallback) && !readBooleanSetting(after, rule.key, rule.fallback)) {
      impacts.push({ key: rule.key, message: text(rule.message) });
    }
  }
  // Own values only: the records are the user's settings, and `before.constructor` is not one.
  const was = (key: string) => ownValue(before, key);
  const is = (key: string) => ownValue(after, key);
  for (const [key, message] of Object.entries(CHANGE_IMPACTS)) {
    if (normalise(key, was(key)) !== normalise(key, is(key))) impacts.push({ key, message: text(message) });
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

/** Booleans compare as the chart reads them; other values by their trimmed text (absent = empty). */
function normalise(key: string, value: string | undefined): string {
  // allowInsecureConnections defaults to False: leaving it out is the same as False.
  if (key === 'allowInsecureConnections') return String(readBooleanSetting(value === undefined ? {} : { [key]: value }, key, false));
  if (value === undefined) return '';
  const trimmed = value.trim();
  // Service types are case-insensitive for the chart ("any case", section 2).
  if (key === 'inferenceRouterServiceType') return trimmed.toLowerCase();
  return trimmed;
}
