import 'server-only';

import type { TokenCredential } from '@azure/core-auth';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { strToU8, zipSync } from 'fflate';

import { KUBERNETES_NAME_PATTERN, NAMESPACE_PATTERN } from '@/lib/domain/attach';
import { instanceTypeManifestJson, type InstanceTypeManifest } from '@/lib/domain/instance-types';
import { AppError, toAppError, type AppErrorText } from '@/lib/errors';

import { requireClusterId } from './clusters';
import { findKubeconfig, httpStatusOf, KUBE_API_TIMEOUT_MS, withTimeout } from './components';
import { runKubectl } from './run-command';

/**
 * In-cluster objects besides the `azureml` namespace's workloads (components.ts): whether a
 * namespace exists, and the cluster-scoped `InstanceType` custom resources. Same two ways in as
 * the status read, in the same order: a kubeconfig registered for the cluster (client-node), else
 * AKS runCommand (kubectl, a manifest attached as `az aks command invoke --file` attaches it).
 * An Arc cluster without a kubeconfig has no way in: reads say `undefined`, writes refuse.
 */

export const INSTANCE_TYPE_GROUP = 'amlarc.azureml.com';
export const INSTANCE_TYPE_VERSION = 'v1alpha1';
export const INSTANCE_TYPE_PLURAL = 'instancetypes';
/** The file name the manifest travels under in runCommand's `context`. */
export const INSTANCE_TYPE_FILE = 'instance-type.json';

/** The kubectl commands of the runCommand path (names validated before they are put in). */
export const kubectlCommands = {
  namespaceExists: (namespace: string) => `kubectl get namespace ${namespace} --ignore-not-found -o name`,
  listInstanceTypes: 'kubectl get instancetypes -o json',
  applyInstanceType: `kubectl apply -f ${INSTANCE_TYPE_FILE}`,
  deleteInstanceType: (name: string) => `kubectl delete instancetype ${name} --ignore-not-found`,
} as const;

export type KubeAccess = 'kubeconfig' | 'runCommand';

/** How the portal gets into a cluster: its kubeconfig, AKS runCommand, or nothing (Arc without kubeconfig). */
export async function kubeAccessOf(clusterId: string): Promise<{ via: KubeAccess; kubeconfig?: string } | null> {
  const cluster = requireClusterId(clusterId);
  const kubeconfig = await findKubeconfig(clusterId);
  if (kubeconfig) return { via: 'kubeconfig', kubeconfig };
  return cluster.type === 'managedClusters' ? { via: 'runCommand' } : null;
}

function clientFor<T>(file: string, api: new (...args: never[]) => T): T {
  const config = new KubeConfig();
  config.loadFromFile(file);
  return config.makeApiClient(api as never) as T;
}

/** The Status `message` the API server sent with an error, when there is one. */
function statusMessageOf(err: unknown): string | undefined {
  const body = (err as { body?: unknown })?.body;
  try {
    const parsed = typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
    const message = (parsed as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message.slice(0, 2_000) : undefined;
  } catch {
    return undefined;
  }
}

function fail(clusterId: string, status: number, userText: AppErrorText, extra: { code?: AppError['code']; retryable?: boolean; cause?: unknown } = {}): AppError {
  return new AppError({ code: extra.code ?? 'BadRequest', status, target: clusterId, retryable: extra.retryable, cause: extra.cause, userText });
}

/** A Kubernetes API failure other than the ones an operation handles itself. */
function kubeObjectError(err: unknown, clusterId: string): AppError {
  if (err instanceof AppError) return err;
  const status = httpStatusOf(err);
  if (status === 401 || status === 403) {
    return fail(clusterId, 403, { key: 'resources.kubeObjectsRefused', values: { status } }, { code: 'AuthorizationFailed', cause: err });
  }
  if (status === 422) {
    return fail(clusterId, 422, { key: 'resources.instanceTypeInvalid', detail: statusMessageOf(err) }, { cause: err });
  }
  if (status !== undefined) {
    return fail(clusterId, 502, { key: 'resources.kubeObjectsApiStatus', values: { status } }, { code: 'AzureUnavailable', retryable: true, cause: err });
  }
  return toAppError(err, { action: "reach the cluster's Kubernetes API", target: clusterId });
}

const noWayIn = (clusterId: string) => fail(clusterId, 409, { key: 'resources.instanceTypesNoWayIn' }, { code: 'Conflict' });
const crdMissing = (clusterId: string, cause?: unknown) => fail(clusterId, 409, { key: 'resources.instanceTypeCrdMissing' }, { code: 'Conflict', cause });

/** kubectl's output of a failed command (runKubectl keeps it as the error's cause). */
function kubectlLogsOf(err: unknown): string {
  if (!(err instanceof AppError) || err.code !== 'RunCommandFailed') return '';
  const cause = (err as Error).cause;
  return cause instanceof Error ? cause.message : '';
}

/** The runCommand failures an instance type command can meet, said plainly; others pass on. */
function kubectlObjectError(err: unknown, clusterId: string): unknown {
  const logs = kubectlLogsOf(err);
  if (/doesn't have a resource type|no matches for kind|ensure CRDs are installed/.test(logs)) return crdMissing(clusterId, err);
  const invalid = /^(?:The )?\S+ "[^"]*" is invalid: .*/m.exec(logs);
  if (invalid) return fail(clusterId, 422, { key: 'resources.instanceTypeInvalid', detail: invalid[0].slice(0, 2_000) }, { cause: err });
  return err;
}

function requireName(clusterId: string, name: string): void {
  if (!KUBERNETES_NAME_PATTERN.test(name)) throw fail(clusterId, 400, { key: 'resources.kubeNameInvalid', values: { name } });
}

/**
 * Whether `namespace` exists in the cluster: true or false when it could be read, `undefined`
 * when the cluster has no way in (an Arc cluster without a kubeconfig). The name must be a
 * Kubernetes namespace name (NAMESPACE_PATTERN) before it goes into any request or command.
 */
export async function readNamespaceExists(credential: TokenCredential, clusterId: string, namespace: string): Promise<boolean | undefined> {
  if (!NAMESPACE_PATTERN.test(namespace)) throw fail(clusterId, 400, { key: 'resources.kubeNameInvalid', values: { name: namespace } });
  const access = await kubeAccessOf(clusterId);
  if (!access) return undefined;
  if (access.kubeconfig) {
    try {
      await withTimeout(clientFor(access.kubeconfig, CoreV1Api).readNamespace({ name: namespace }), KUBE_API_TIMEOUT_MS);
      return true;
    } catch (err) {
      if (httpStatusOf(err) === 404) return false;
      throw kubeObjectError(err, clusterId);
    }
  }
  const { logs } = await runKubectl(credential, clusterId, kubectlCommands.namespaceExists(namespace));
  return logs.trim() === `namespace/${namespace}`;
}

/** The instance types of a cluster, as a Kubernetes List (parseInstanceTypeList reads it), and how they were read. */
export async function listInstanceTypes(credential: TokenCredential, clusterId: string): Promise<{ via: KubeAccess; list: unknown }> {
  const access = await kubeAccessOf(clusterId);
  if (!access) throw noWayIn(clusterId);
  if (access.kubeconfig) {
    try {
      const api = clientFor(access.kubeconfig, CustomObjectsApi);
      const list: unknown = await withTimeout(api.listClusterCustomObject({ group: INSTANCE_TYPE_GROUP, version: INSTANCE_TYPE_VERSION, plural: INSTANCE_TYPE_PLURAL }), KUBE_API_TIMEOUT_MS);
      return { via: 'kubeconfig', list: JSON.parse(JSON.stringify(list)) as unknown };
    } catch (err) {
      if (httpStatusOf(err) === 404) throw crdMissing(clusterId, err);
      throw kubeObjectError(err, clusterId);
    }
  }
  let logs: string;
  try {
    ({ logs } = await runKubectl(credential, clusterId, kubectlCommands.listInstanceTypes));
  } catch (err) {
    throw kubectlObjectError(err, clusterId);
  }
  try {
    return { via: 'runCommand', list: JSON.parse(logs) as unknown };
  } catch (err) {
    throw fail(clusterId, 502, { key: 'resources.kubectlUnexpectedAnswer' }, { code: 'RunCommandFailed', cause: err });
  }
}

/** What an apply did, in kubectl's words. */
export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

/** The manifest attached as `az aks command invoke --file` attaches files: base64 of a zip. */
export function manifestContext(manifest: InstanceTypeManifest): string {
  return Buffer.from(zipSync({ [INSTANCE_TYPE_FILE]: strToU8(instanceTypeManifestJson(manifest)) })).toString('base64');
}

/**
 * Creates or replaces an instance type (kubectl apply's result). Kubeconfig: read it; replace
 * with the read resourceVersion (a change in between is a 409 from the API server), or create.
 */
export async function applyInstanceType(credential: TokenCredential, clusterId: string, manifest: InstanceTypeManifest): Promise<{ via: KubeAccess; outcome: ApplyOutcome }> {
  const name = manifest.metadata.name;
  requireName(clusterId, name);
  const access = await kubeAccessOf(clusterId);
  if (!access) throw noWayIn(clusterId);
  if (access.kubeconfig) {
    const api = clientFor(access.kubeconfig, CustomObjectsApi);
    const where = { group: INSTANCE_TYPE_GROUP, version: INSTANCE_TYPE_VERSION, plural: INSTANCE_TYPE_PLURAL };
    let current: { metadata?: { resourceVersion?: string } } | undefined;
    try {
      current = (await withTimeout(api.getClusterCustomObject({ ...where, name }), KUBE_API_TIMEOUT_MS)) as typeof current;
    } catch (err) {
      if (httpStatusOf(err) !== 404) throw kubeObjectError(err, clusterId);
    }
    try {
      if (!current) {
        await withTimeout(api.createClusterCustomObject({ ...where, body: manifest }), KUBE_API_TIMEOUT_MS);
        return { via: 'kubeconfig', outcome: 'created' };
      }
      const body = { ...manifest, metadata: { ...manifest.metadata, resourceVersion: current.metadata?.resourceVersion } };
      await withTimeout(api.replaceClusterCustomObject({ ...where, name, body }), KUBE_API_TIMEOUT_MS);
      return { via: 'kubeconfig', outcome: 'configured' };
    } catch (err) {
      const status = httpStatusOf(err);
      if (status === 404 && !current) throw crdMissing(clusterId, err);
      if (status === 409) throw fail(clusterId, 409, { key: 'resources.instanceTypeChanged', values: { name } }, { code: 'Conflict', retryable: true, cause: err });
      throw kubeObjectError(err, clusterId);
    }
  }
  let logs: string;
  try {
    ({ logs } = await runKubectl(credential, clusterId, kubectlCommands.applyInstanceType, { context: manifestContext(manifest) }));
  } catch (err) {
    throw kubectlObjectError(err, clusterId);
  }
  const outcome = /\b(created|configured|unchanged)\s*$/.exec(logs.trim())?.[1] as ApplyOutcome | undefined;
  if (!outcome) throw fail(clusterId, 502, { key: 'resources.kubectlUnexpectedAnswer' }, { code: 'RunCommandFailed', cause: new Error(logs.slice(0, 2_000)) });
  return { via: 'runCommand', outcome };
}

/** Deletes an instance type; `deleted: false` when there was none of that name. */
export async function deleteInstanceType(credential: TokenCredential, clusterId: string, name: string): Promise<{ via: KubeAccess; deleted: boolean }> {
  requireName(clusterId, name);
  const access = await kubeAccessOf(clusterId);
  if (!access) throw noWayIn(clusterId);
  if (access.kubeconfig) {
    const api = clientFor(access.kubeconfig, CustomObjectsApi);
    const where = { group: INSTANCE_TYPE_GROUP, version: INSTANCE_TYPE_VERSION, plural: INSTANCE_TYPE_PLURAL };
    try {
      await withTimeout(api.deleteClusterCustomObject({ ...where, name }), KUBE_API_TIMEOUT_MS);
      return { via: 'kubeconfig', deleted: true };
    } catch (err) {
      if (httpStatusOf(err) !== 404) throw kubeObjectError(err, clusterId);
      // A 404 is either no such object or no such resource type: the list tells which.
      await listInstanceTypes(credential, clusterId);
      return { via: 'kubeconfig', deleted: false };
    }
  }
  let logs: string;
  try {
    ({ logs } = await runKubectl(credential, clusterId, kubectlCommands.deleteInstanceType(name)));
  } catch (err) {
    throw kubectlObjectError(err, clusterId);
  }
  return { via: 'runCommand', deleted: /\bdeleted\s*$/.test(logs.trim()) };
}
