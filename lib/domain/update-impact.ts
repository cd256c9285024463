/**
 * Which setting changes of an update affect running work (DOMAIN.md section 5), so the portal
 * can warn and ask for confirmation before sending them. Pure.
 */
import { readBooleanSetting } from './expected-components';

/** One warning: the setting concerned and what the change will do. */
export interface UpdateImpact {
  key: string;
  message: string;
}

/** Features whose switching off removes components that running work depends on. */
const SWITCH_OFF_IMPACTS: ReadonlyArray<{ key: string; fallback: boolean; message: string }> = [
  {
    key: 'enableTraining',
    fallback: false,
    message: 'Turning training off removes the training operator and Volcano: running and queued training jobs stop.',
  },
  {
    key: 'enableInference',
    fallback: false,
    message: 'Turning inference off removes the inference router and operator: online endpoints on this cluster stop serving.',
  },
  {
    key: 'installNvidiaDevicePlugin',
    fallback: false,
    message: 'Turning the NVIDIA device plugin off makes GPUs unschedulable: GPU jobs and deployments will not start.',
  },
];

/** Settings whose change reconfigures how live endpoints are reached. */
const CHANGE_IMPACTS: Readonly<Record<string, string>> = {
  allowInsecureConnections: 'Changing allowInsecureConnections switches endpoints between HTTP and HTTPS: clients using the old scheme stop working.',
  inferenceRouterServiceType: 'Changing inferenceRouterServiceType recreates the router service: endpoint addresses change and clients must be updated.',
  internalLoadBalancerProvider: 'Changing internalLoadBalancerProvider moves the router between a public and an internal load balancer: its address changes.',
  sslCname: 'Changing sslCname changes the host name HTTPS endpoints serve: the certificate must cover it and clients must use it.',
};

const NODE_SELECTOR_PREFIX = 'nodeSelector.';

/**
 * The impacts of changing `before` into `after` (both the full non-protected settings).
 * A key absent from `after` counts as removed. Boolean values compare case-insensitively (the
 * chart reads them so: `True` → `true` is no change); other values compare exactly. Ordered
 * as listed in section 5, then node selector keys by name, so the dialog does not reorder.
 */
export function updateImpacts(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): UpdateImpact[] {
  const impacts: UpdateImpact[] = [];
  for (const rule of SWITCH_OFF_IMPACTS) {
    if (readBooleanSetting(before, rule.key, rule.fallback) && !readBooleanSetting(after, rule.key, rule.fallback)) {
      impacts.push({ key: rule.key, message: rule.message });
    }
  }
  for (const [key, message] of Object.entries(CHANGE_IMPACTS)) {
    if (normalise(key, before[key]) !== normalise(key, after[key])) impacts.push({ key, message });
  }
  const selectorKeys = new Set(
    [...Object.keys(before), ...Object.keys(after)].filter((key) => key.startsWith(NODE_SELECTOR_PREFIX)),
  );
  for (const key of [...selectorKeys].sort()) {
    if (before[key] === after[key]) continue;
    // The chart merges node selectors on upgrade: a removed key stays on the workloads.
    const removed = before[key] !== undefined && after[key] === undefined;
    impacts.push({
      key,
      message: removed
        ? `${key} is removed here, but an update cannot remove a node selector: the components keep it. Reinstall the extension to drop it.`
        : `Changing ${key} reschedules components and new workloads onto other nodes; an update cannot remove a node selector later.`,
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
