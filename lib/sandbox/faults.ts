/**
 * Fault scenarios (see README.md): ARM throttling and latency on a cluster's URLs, and the
 * health-check failures a real install reports. Selected per cluster in world.ts or at run time
 * through `PUT /_sandbox/clusters/{name}/scenario`.
 */
import { readBooleanSetting } from '@/lib/domain/expected-components';
import { BoundedMap } from './bounded-map';
import { ArmError } from './http';
import { isAzureMl, schedulableNodeCount } from './kube';
import type { ClusterRecord, ExtensionRecord, SandboxState } from './state';

/** Under `arm-throttling`, every Nth request to the cluster's URLs answers 429. */
export const THROTTLE_EVERY_NTH_REQUEST = 3;
/** Extra latency under `slow-arm`. */
export const SLOW_ARM_DELAY_MS = 1500;
/**
 * Under `arm-errors-500`, every Nth request to the cluster's URLs answers 500 the first time:
 * its retry (same `x-ms-client-request-id`, as the SDKs resend it) goes through, so concurrent
 * requests cannot push one request into failing every retry.
 */
export const SERVER_ERROR_EVERY_NTH_REQUEST = 2;

/**
 * Client request ids remembered per cluster as having had their 500. A retry comes within
 * seconds of its failure, so the last 1,000 are plenty; without a ceiling a long run under
 * `arm-errors-500` would keep every id it ever failed.
 */
export const MAX_FAILED_REQUEST_IDS = 1_000;

/** Client request ids that already got their 500, per cluster. */
const failedOnce = new WeakMap<ClusterRecord, BoundedMap<string, true>>();

/**
 * Bearer tokens of the form `sandbox-exp-<epoch ms>` expire at that time: the one way to make
 * the emulator (which accepts any other token) answer 401 as ARM does for an expired token.
 */
export const EXPIRING_TOKEN_PREFIX = 'sandbox-exp-';

/** A token that expires at `expiresAt` (for resilience tests: a sign-in that runs out mid-flow). */
export function expiringToken(expiresAt: number): string {
  return `${EXPIRING_TOKEN_PREFIX}${Math.floor(expiresAt)}`;
}

/** Throws ARM's 401 `ExpiredAuthenticationToken` when `token` is an expiring token past its time. */
export function rejectExpiredToken(token: string, now = Date.now()): void {
  if (!token.startsWith(EXPIRING_TOKEN_PREFIX)) return;
  const expiresAt = Number(token.slice(EXPIRING_TOKEN_PREFIX.length));
  if (Number.isFinite(expiresAt) && expiresAt > now) return;
  throw new ArmError(
    401,
    'ExpiredAuthenticationToken',
    `The access token expiry UTC time '${new Date(Number.isFinite(expiresAt) ? expiresAt : 0).toUTCString()}' is earlier than current UTC time '${new Date(now).toUTCString()}'.`,
    { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token has expired."' },
  );
}

/** The cluster whose resource id prefixes `path` (its own URL, extensions, operations, runCommand). */
export function clusterForPath(state: SandboxState, path: string): ClusterRecord | undefined {
  const p = path.toLowerCase();
  return state.clusters.find((c) => {
    const id = c.id.toLowerCase();
    return p === id || p.startsWith(`${id}/`);
  });
}

const throttled = () =>
  new ArmError(
    429,
    'TooManyRequests',
    `The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:00:05. For more information, see https://aka.ms/srpthrottlinglimits`,
    { 'Retry-After': '1' },
  );

/**
 * Applies the request-level faults of the cluster a path belongs to: waits under `slow-arm`,
 * throws a 429 `TooManyRequests` (Retry-After: 1) on every Nth request under `arm-throttling`
 * and on every request under `arm-throttling-storm`, a 500 on every Nth under `arm-errors-500`.
 * Faults fire before any route runs, so a refused write never changes state (as in ARM).
 */
export async function applyRequestFaults(state: SandboxState, path: string, clientRequestId?: string): Promise<void> {
  const cluster = clusterForPath(state, path);
  if (!cluster) return;
  if (cluster.scenario === 'slow-arm') {
    await new Promise((resolve) => setTimeout(resolve, SLOW_ARM_DELAY_MS));
  }
  if (cluster.scenario === 'arm-throttling') {
    cluster.requestCount += 1;
    if (cluster.requestCount % THROTTLE_EVERY_NTH_REQUEST === 0) throw throttled();
  }
  if (cluster.scenario === 'arm-throttling-storm') throw throttled();
  if (cluster.scenario === 'arm-errors-500') {
    cluster.requestCount += 1;
    const seen = failedOnce.get(cluster) ?? new BoundedMap<string, true>({ maxEntries: MAX_FAILED_REQUEST_IDS });
    failedOnce.set(cluster, seen);
    if (clientRequestId && seen.has(clientRequestId)) return;
    if (cluster.requestCount % SERVER_ERROR_EVERY_NTH_REQUEST === 0) {
      if (clientRequestId) seen.set(clientRequestId, true);
      throw new ArmError(500, 'InternalServerError', 'Encountered internal server error. Diagnostic information: timestamp, subscription id, tracking id, request correlation id.');
    }
  }
}

/** What a failed install or upgrade reports. */
export interface InstallFailure {
  /** Health-check code, e.g. E40002. */
  healthCode: string;
  /** ARM `errorInfo.code`. */
  code: 'ExtensionOperationFailed';
  message: string;
}

function helmFailure(action: 'install' | 'upgrade', healthCode: string, detail: string): string {
  const verb = action === 'install' ? 'install chart from path [] for release [azureml]' : 'upgrade chart for release [azureml]';
  const hook = action === 'install' ? 'pre-install' : 'pre-upgrade';
  return (
    `Error: {failed to ${verb}: err [${hook}: hook "healthcheck" failed: pod healthcheck failed]} occurred while doing the operation : ` +
    `{${action === 'install' ? 'Installing' : 'Updating'} the extension} on the config. ` +
    `Healthcheck failed: [${healthCode}] ${detail} ` +
    `Run "kubectl get configmap arcml-healthcheck -n azureml -o yaml" for the full health-check report.`
  );
}

/**
 * The failure the cluster's scenario forces on an Azure ML install/upgrade, or null. Each only
 * fires when its cause is really configured, so "the fix" the portal suggests makes it pass:
 * E40002 needs inference with `inferenceRouterHA` on; E45002 needs `installPromOp` on.
 */
export function installFailure(ext: ExtensionRecord, action: 'install' | 'upgrade'): InstallFailure | null {
  if (!isAzureMl(ext.extensionType)) return null;
  const s = ext.settings;
  switch (ext.cluster.scenario) {
    case 'install-fails-E40002': {
      const inference = readBooleanSetting(s, 'enableInference', false);
      if (!inference || !readBooleanSetting(s, 'inferenceRouterHA', true)) return null;
      const healthy = Math.max(0, schedulableNodeCount(ext.cluster, s) - 1);
      return {
        healthCode: 'E40002',
        code: 'ExtensionOperationFailed',
        message: helmFailure(
          action,
          'E40002',
          `Inference router high availability needs at least 3 healthy nodes, found ${healthy}. ` +
            'Fewer than 3 healthy nodes for HA: set inferenceRouterHA=False, or add nodes (check nodeSelector).',
        ),
      };
    }
    case 'install-fails-E45002': {
      if (!readBooleanSetting(s, 'installPromOp', true)) return null;
      return {
        healthCode: 'E45002',
        code: 'ExtensionOperationFailed',
        message: helmFailure(
          action,
          'E45002',
          'Prometheus operator conflict: a Prometheus operator is already installed in the cluster (namespace monitoring). ' +
            'Set installPromOp=False and make sure the existing operator watches the azureml namespace.',
        ),
      };
    }
    default:
      return null;
  }
}
