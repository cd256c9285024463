import 'server-only';

import type { TokenCredential } from '@azure/core-auth';
import type { z } from 'zod';

import { auditErrorOf, beginResourceWrite } from '@/lib/audit/audit';
import { getCluster, requireClusterId } from '@/lib/azure/clusters';
import { listExtensions } from '@/lib/azure/extensions';
import { applyInstanceType, deleteInstanceType, kubeAccessOf, listInstanceTypes, type KubeAccess } from '@/lib/azure/kube-objects';
import { englishAttachText, type AttachText } from '@/lib/domain/attach';
import { AZUREML_EXTENSION_TYPE, parseBooleanSetting } from '@/lib/domain/settings-catalog';
import {
  buildInstanceTypeManifest,
  gpuInstanceTypeOffer,
  gpuNodesOfPools,
  instanceTypeSchemaFor,
  parseInstanceTypeList,
  type GpuFacts,
  type GpuOffer,
  type InstanceTypeManifest,
  type InstanceTypeRow,
} from '@/lib/domain/instance-types';
import { AppError } from '@/lib/errors';
import { getLockStore, LockTimeoutError } from '@/lib/store/locks';

/**
 * Instance types of a cluster, for the page and `/api/v1/instance-types`: the list (default
 * marked), whether a GPU type is offered, and the writes, one at a time per cluster (replicas
 * included: a store lock) and each in the audit trail. Reads and writes go into the cluster the
 * way component health does (lib/azure/kube-objects.ts).
 */

/** How long a write waits for another write on the same cluster before a retryable 409. */
export const INSTANCE_TYPE_LOCK_WAIT_MS = 2_000;

/** What the instance type page shows. */
export interface InstanceTypeListing {
  items: InstanceTypeRow[];
  gpuOffer: GpuOffer;
  /** How the cluster was read; absent when it could not be. */
  via?: KubeAccess;
  writable: boolean;
  /** Why not writable, in the reader's language (it completes "cannot write instance types in this cluster: …"). */
  reason?: string;
}

export type PutInstanceTypeResult = { ok: true; row: InstanceTypeRow } | { ok: false; errors: Array<{ key: string; message: string }> };

const lockName = (clusterId: string) => `instance-types:${clusterId.replace(/\/+$/, '').toLowerCase()}`;
const resourceIdOf = (clusterId: string, name: string) => `${clusterId}/instanceTypes/${name}`;

function isCrdMissing(err: unknown): boolean {
  return err instanceof AppError && err.userText?.key === 'resources.instanceTypeCrdMissing';
}

/** GPU nodes from the AKS pools (Arc: unknown) and the extension's `installNvidiaDevicePlugin` (no extension: unknown). */
async function gpuFactsOf(credential: TokenCredential, clusterId: string): Promise<GpuFacts> {
  const [cluster, extensions] = await Promise.all([getCluster(credential, clusterId), listExtensions(credential, clusterId)]);
  const azureMl = extensions.find((e) => (e.extensionType ?? '').toLowerCase() === AZUREML_EXTENSION_TYPE.toLowerCase());
  return {
    gpuNodes: cluster.type === 'managedClusters' ? gpuNodesOfPools(cluster.agentPoolProfiles) : null,
    devicePlugin: azureMl ? (parseBooleanSetting(azureMl.configurationSettings?.installNvidiaDevicePlugin) ?? false) : null,
  };
}

/** The instance types of a cluster with the GPU offer, and whether (and how) the portal can write them. */
export async function listClusterInstanceTypes(credential: TokenCredential, clusterId: string, text: AttachText = englishAttachText): Promise<InstanceTypeListing> {
  requireClusterId(clusterId);
  const access = await kubeAccessOf(clusterId);
  const [facts, read] = await Promise.all([
    gpuFactsOf(credential, clusterId),
    access
      ? listInstanceTypes(credential, clusterId).catch((err: unknown) => {
          if (isCrdMissing(err)) return null;
          throw err;
        })
      : Promise.resolve(undefined),
  ]);
  const gpuOffer = gpuInstanceTypeOffer(facts, text);
  if (!access) return { items: [], gpuOffer, writable: false, reason: text('attach.instanceTypes.noWayIn') };
  if (!read) return { items: [], gpuOffer, via: access.via, writable: false, reason: text('attach.instanceTypes.crdMissing') };
  return { items: parseInstanceTypeList(read.list), gpuOffer, via: read.via, writable: true };
}

/** What the audit row keeps of a manifest: its selector and quantities as labels (no secrets in it). */
function auditSettings(manifest: InstanceTypeManifest): Record<string, string> {
  const { nodeSelector = {}, resources } = manifest.spec;
  return {
    ...Object.fromEntries(Object.entries(nodeSelector).map(([k, v]) => [`nodeSelector.${k}`, v])),
    ...Object.fromEntries(Object.entries(resources.requests).map(([k, v]) => [`requests.${k}`, String(v)])),
    ...Object.fromEntries(Object.entries(resources.limits).map(([k, v]) => [`limits.${k}`, String(v)])),
  };
}

/** Runs one write under the cluster's lock; a write already in flight is a retryable 409. */
async function oneWriteAtATime<T>(clusterId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await getLockStore().withLock(lockName(clusterId), work, { waitMs: INSTANCE_TYPE_LOCK_WAIT_MS });
  } catch (err) {
    if (!(err instanceof LockTimeoutError)) throw err;
    throw new AppError({ code: 'Conflict', status: 409, retryable: true, retryAfterSeconds: 2, target: clusterId, userText: { key: 'resources.instanceTypesBusy' } });
  }
}

/** The cluster said no (no way in, no CRD, invalid, changed meanwhile): refused, not failed. */
const refusedByCluster = (err: unknown) => err instanceof AppError && !err.retryable && err.status >= 400 && err.status < 500 && err.code !== 'Unauthenticated';

async function audited<T>(credential: TokenCredential, action: 'apply-instance-type' | 'delete-instance-type', clusterId: string, name: string, settings: Record<string, string> | undefined, work: () => Promise<T>): Promise<T> {
  const audit = await beginResourceWrite(credential, { action, clusterId, resourceId: resourceIdOf(clusterId, name), ...(settings ? { settings } : {}) });
  try {
    const result = await work();
    await audit.settle('succeeded');
    return result;
  } catch (err) {
    if (refusedByCluster(err)) await audit.settle(err instanceof AppError && err.status === 404 ? 'not-found' : 'refused', auditErrorOf(err));
    else await audit.fail(err);
    throw err;
  }
}

/**
 * Creates or replaces the instance type `name` from `input` (`{ nodeSelector?, resources }`, a
 * `name` in it must be `name`), validated with the one schema in the reader's language. Invalid
 * input is `{ ok: false, errors }` and nothing is written.
 */
export async function putInstanceType(credential: TokenCredential, clusterId: string, name: string, input: unknown, text: AttachText = englishAttachText): Promise<PutInstanceTypeResult> {
  requireClusterId(clusterId);
  const body = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (body.name !== undefined && body.name !== name) {
    return { ok: false, errors: [{ key: 'name', message: text('attach.instanceTypes.nameMismatch', { body: String(body.name), name }) }] };
  }
  const parsed = instanceTypeSchemaFor(text).safeParse({ ...body, name });
  if (!parsed.success) {
    return { ok: false, errors: (parsed.error as z.ZodError).issues.map((issue) => ({ key: issue.path.map(String).join('.'), message: issue.message })) };
  }
  const manifest = buildInstanceTypeManifest(parsed.data);
  await oneWriteAtATime(clusterId, () => audited(credential, 'apply-instance-type', clusterId, name, auditSettings(manifest), () => applyInstanceType(credential, clusterId, manifest)));
  const row = parseInstanceTypeList({ items: [manifest] }).find((r) => r.name === name);
  if (!row) throw new Error(`The row of instance type ${name} is missing`);
  return { ok: true, row };
}

/** Deletes the instance type `name`; 404 `ResourceNotFound` when the cluster has none of that name. */
export async function removeInstanceType(credential: TokenCredential, clusterId: string, name: string): Promise<void> {
  requireClusterId(clusterId);
  await oneWriteAtATime(clusterId, () =>
    audited(credential, 'delete-instance-type', clusterId, name, undefined, async () => {
      const { deleted } = await deleteInstanceType(credential, clusterId, name);
      if (!deleted) {
        throw new AppError({ code: 'ResourceNotFound', status: 404, target: resourceIdOf(clusterId, name), userText: { key: 'resources.instanceTypeNotFound', values: { name } } });
      }
    }),
  );
}
