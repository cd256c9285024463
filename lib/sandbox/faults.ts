/**
 * Fault scenarios (see README.md): ARM throttling and latency on a cluster's URLs, and the
 * health-check failures a real install reports. Selected per cluster in world.ts or at run time
 * through `PUT /_sandbox/clusters/{name}/scenario`.
 */
import { readBooleanSetting } from '@/lib/domain/expected-components';
import { ArmError } from './http';
import { isAzureMl, schedulableNodeCount } from './kube';
import type { ClusterRecord, ExtensionRecord, SandboxState } from './state';

/** Under `arm-throttling`, every Nth request to the cluster's URLs answers 429. */
export const THROTTLE_EVERY_NTH_REQUEST = 3;
/** Extra latency under `slow-arm`. */
export const SLOW_ARM_DELAY_MS = 1500;

/** The cluster whose resource id prefixes `path` (its own URL, extensions, operations, runCommand). */
export function clusterForPath(state: SandboxState, path: string): ClusterRecord | undefined {
  const p = path.toLowerCase();
  return state.clusters.find((c) => {
    const id = c.id.toLowerCase();
    return p === id || p.startsWith(`${id}/`);
  });
}

/**
 * Applies the request-level faults of the cluster a path belongs to: waits under `slow-arm`,
 * throws a 429 `TooManyRequests` (Retry-After: 1) on every Nth request under `arm-throttling`.
 */
export async function applyRequestFaults(state: SandboxState, path: string): Promise<void> {
  const cluster = clusterForPath(state, path);
  if (!cluster) return;
  if (cluster.scenario === 'slow-arm') {
    await new Promise((resolve) => setTimeout(resolve, SLOW_ARM_DELAY_MS));
  }
  if (cluster.scenario === 'arm-throttling') {
    cluster.requestCount += 1;
    if (cluster.requestCount % THROTTLE_EVERY_NTH_REQUEST === 0) {
      throw new ArmError(
        429,
        'TooManyRequests',
        `The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:00:05. For more information, see https://aka.ms/srpthrottlinglimits`,
        { 'Retry-After': '1' },
      );
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
