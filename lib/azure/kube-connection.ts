import 'server-only';

import { sandboxEmulator } from './arm-connection';
import { getPortalEnvironment } from './environment';

/**
 * Where the portal finds kubeconfigs for clusters it cannot reach through AKS runCommand (Arc
 * clusters, or AKS clusters an operator prefers to read directly). The neighbour of
 * arm-connection.ts and, like it, allowed to know the sandbox exists: sandbox → the folder the
 * emulator wrote for its Arc clusters; live → server configuration:
 *
 * | variable | meaning |
 * |---|---|
 * | `KUBECONFIGS_DIR` | a folder of `<cluster-name>.yaml` kubeconfig files |
 * | `CLUSTER_KUBECONFIGS` | JSON object: cluster ARM resource id → kubeconfig file path; wins over the folder (names can repeat across resource groups, ids cannot) |
 *
 * Kubeconfigs are server secrets: the portal reads them, never returns or logs them. Their
 * identity needs `get`/`list` on deployments, daemonsets, statefulsets and pods in `azureml`, and on
 * services for the inference endpoint (optional: a 403 on services alone is tolerated).
 */
export interface KubeconfigSource {
  /** Folder of `<cluster-name>.yaml` files. */
  dir?: string;
  /** Lower-cased cluster resource id → kubeconfig path. */
  byClusterId: Record<string, string>;
}

/** A configuration mistake in the kubeconfig variables; the message names the variable. */
export class KubeconfigConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigConfigError';
  }
}

/** Pure: reads the two variables (blank counts as unset). Exported for tests. */
export function parseKubeconfigEnv(env: Record<string, string | undefined>): KubeconfigSource {
  const dir = env.KUBECONFIGS_DIR?.trim() || undefined;
  const raw = env.CLUSTER_KUBECONFIGS?.trim();
  const byClusterId: Record<string, string> = {};
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new KubeconfigConfigError('CLUSTER_KUBECONFIGS is not valid JSON: expected {"<cluster resource id>": "<kubeconfig path>"}.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new KubeconfigConfigError('CLUSTER_KUBECONFIGS must be a JSON object mapping cluster resource ids to kubeconfig paths.');
    }
    for (const [id, file] of Object.entries(parsed)) {
      if (typeof file !== 'string' || !file.trim()) {
        throw new KubeconfigConfigError(`CLUSTER_KUBECONFIGS: the path for ${id} must be a non-empty string.`);
      }
      // ARM ids compare case-insensitively (Arc returns `resourcegroups`).
      byClusterId[id.replace(/\/+$/, '').toLowerCase()] = file.trim();
    }
  }
  return { ...(dir ? { dir } : {}), byClusterId };
}

/** The kubeconfig source for this process: the emulator's folder in sandbox mode, else the env. */
export async function getKubeconfigSource(): Promise<KubeconfigSource> {
  const environment = getPortalEnvironment();
  if (environment.mode === 'sandbox') {
    const emulator = await sandboxEmulator(environment.sandbox);
    return { dir: emulator.kubeconfigDir, byClusterId: {} };
  }
  return parseKubeconfigEnv(process.env);
}
