import 'server-only';

import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

import type { TokenCredential } from '@azure/core-auth';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';

import { parseKubeList } from '@/lib/domain/component-health';
import { AZUREML_NAMESPACE_COMMAND } from '@/lib/domain/namespace-read';
import { AppError, toAppError } from '@/lib/errors';

import { requireClusterId } from './clusters';
import { getKubeconfigSource } from './kube-connection';
import { runKubectl } from './run-command';

/**
 * Reads the `azureml` namespace of a cluster: its Deployments, DaemonSets, StatefulSets, Pods and
 * Services (the inference router's `azureml-fe`: lib/domain/inference-endpoint.ts), as the items
 * of a Kubernetes List. Two ways in, tried in this order:
 *
 * 1. a kubeconfig registered for the cluster in server configuration (kube-connection.ts): a
 *    direct, cheap read with @kubernetes/client-node; the only way for Arc clusters;
 * 2. AKS runCommand (`kubectl get ... -o json` inside the cluster): needs nothing configured,
 *    but starts a pod in the cluster and takes seconds.
 *
 * Otherwise the answer is "not available" with a reason, never an error: the extension's
 * provisioning state is still worth showing without component health.
 */

/** The one kubectl command the status read runs (lib/domain/namespace-read.ts: the sandbox answers exactly this text). */
export { AZUREML_NAMESPACE_COMMAND };
export const AZUREML_NAMESPACE = 'azureml';
/** A Kubernetes API server that has not answered by then is treated as unreachable. */
export const KUBE_API_TIMEOUT_MS = 10_000;
/**
 * Why a cluster has no source, for logs and API clients in English. The page says it in the
 * reader's language with the steps to register a kubeconfig (`health.noSource`).
 */
export const COMPONENTS_UNAVAILABLE_REASON = 'No component source: an Arc cluster needs a registered kubeconfig (README, Component health).';

/** Items of the namespace, or why they cannot be read. */
export type NamespaceRead =
  | { available: true; via: 'kubeconfig' | 'runCommand'; items: unknown[] }
  | { available: false; reason: string };

/** A name that is safe as a file name: ARM cluster names are letters, digits, `-`, `_` and `.`. */
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The kubeconfig registered for a cluster, if any: by resource id first, then `<dir>/<name>.yaml`. */
export async function findKubeconfig(clusterId: string): Promise<string | undefined> {
  const cluster = requireClusterId(clusterId);
  const source = await getKubeconfigSource();
  const byId = source.byClusterId[clusterId.replace(/\/+$/, '').toLowerCase()];
  if (byId) return byId;
  if (!source.dir || !SAFE_FILE_NAME.test(cluster.name)) return undefined;
  const file = path.join(source.dir, `${cluster.name}.yaml`);
  try {
    await access(file, constants.R_OK);
    return file;
  } catch {
    return undefined;
  }
}

/** Rejects with ETIMEDOUT when `promise` has not settled within `ms` (kube-objects.ts shares it). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('Kubernetes API timed out'), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Plain JSON (Dates as ISO strings) with the `kind` Kubernetes leaves off list items. */
function asItems(kind: string, items: readonly object[]): unknown[] {
  return items.map((item) => ({ ...(JSON.parse(JSON.stringify(item)) as Record<string, unknown>), kind }));
}

/** client-node's ApiException carries the HTTP status in `code`; socket errors are plain Errors. */
export function httpStatusOf(err: unknown): number | undefined {
  return typeof (err as { code?: unknown })?.code === 'number' ? (err as { code: number }).code : undefined;
}

function kubeApiError(err: unknown, clusterId: string): AppError {
  const status = httpStatusOf(err);
  if (status === 401 || status === 403) {
    return new AppError({
      code: 'AuthorizationFailed',
      status: 403,
      target: clusterId,
      cause: err,
      userText: { key: 'resources.kubeconfigRefused', values: { status } },
    });
  }
  if (status !== undefined) {
    return new AppError({
      code: 'AzureUnavailable',
      status: 502,
      retryable: true,
      target: clusterId,
      cause: err,
      userText: { key: 'resources.kubernetesApiStatus', values: { status } },
    });
  }
  const translated = toAppError(err, { action: "reach the cluster's Kubernetes API", target: clusterId });
  return translated;
}

async function readWithKubeconfig(file: string, clusterId: string): Promise<unknown[]> {
  try {
    const config = new KubeConfig();
    config.loadFromFile(file);
    const apps = config.makeApiClient(AppsV1Api);
    const core = config.makeApiClient(CoreV1Api);
    const namespace = AZUREML_NAMESPACE;
    const [deployments, daemonSets, statefulSets, pods, services] = await withTimeout(
      Promise.all([
        apps.listNamespacedDeployment({ namespace }),
        apps.listNamespacedDaemonSet({ namespace }),
        apps.listNamespacedStatefulSet({ namespace }),
        core.listNamespacedPod({ namespace }),
        // Best effort: a kubeconfig whose role may read workloads but not Services still gives component health.
        core.listNamespacedService({ namespace }).catch((err: unknown) => {
          if (httpStatusOf(err) === 403) return { items: [] };
          throw err;
        }),
      ]),
      KUBE_API_TIMEOUT_MS,
    );
    return [
      ...asItems('Deployment', deployments.items),
      ...asItems('DaemonSet', daemonSets.items),
      ...asItems('StatefulSet', statefulSets.items),
      ...asItems('Pod', pods.items),
      ...asItems('Service', services.items),
    ];
  } catch (err) {
    throw kubeApiError(err, clusterId);
  }
}

async function readWithRunCommand(credential: TokenCredential, clusterId: string): Promise<unknown[]> {
  const { logs } = await runKubectl(credential, clusterId, AZUREML_NAMESPACE_COMMAND);
  try {
    return parseKubeList(logs);
  } catch (err) {
    throw new AppError({
      code: 'RunCommandFailed',
      status: 502,
      target: clusterId,
      cause: err,
      userText: { key: 'resources.kubectlNotAList' },
    });
  }
}

/**
 * The workloads and pods in the cluster's `azureml` namespace. Throws an AppError when a source
 * exists but fails (refused kubeconfig, runCommand error); answers `available: false` when the
 * cluster has no source at all.
 */
export async function readAzureMlNamespace(credential: TokenCredential, clusterId: string): Promise<NamespaceRead> {
  const cluster = requireClusterId(clusterId);
  const kubeconfig = await findKubeconfig(clusterId);
  if (kubeconfig) return { available: true, via: 'kubeconfig', items: await readWithKubeconfig(kubeconfig, clusterId) };
  if (cluster.type === 'managedClusters') {
    return { available: true, via: 'runCommand', items: await readWithRunCommand(credential, clusterId) };
  }
  return { available: false, reason: COMPONENTS_UNAVAILABLE_REASON };
}
