import 'server-only';

import { createHash } from 'node:crypto';

import type { TokenCredential } from '@azure/core-auth';

import { parseClusterId } from '@/lib/domain/cluster';
import { assessComponents, type ComponentHealth } from '@/lib/domain/component-health';
import { expectedComponents } from '@/lib/domain/expected-components';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { explainFailure, explainLegacySettings, type Explanation } from '@/lib/domain/failure-explanations';
import { summarizeHealth, type HealthSummary } from '@/lib/domain/health-summary';
import { inferenceEndpointOf, type InferenceEndpoint } from '@/lib/domain/inference-endpoint';
import { isSettled } from '@/lib/domain/status-vocabulary';
import { SETTLED_READ_WINDOW_MS } from '@/lib/domain/watch-cadence';
import { AppError, redactSecrets, toAppError } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { ARM_SCOPE } from './arm-connection';
import { getCluster } from './clusters';
import { readAzureMlNamespace, type NamespaceRead } from './components';
import { getExtension, type ExtensionResource } from './extensions';
import { ReadSlots } from './read-slots';

/**
 * Coalescing window of the extension (ARM) read: concurrent and repeated status requests for the
 * same extension by the same caller within it share one GET. Matches the page's fastest poll.
 */
export const STATUS_COALESCE_MS = 2_000;
/**
 * Window of the in-cluster read while an operation runs or components start. Longer than the
 * status window: on AKS each read is a runCommand, which starts a pod in the cluster. A multiple
 * of the status window, so one viewer polling at that pace and a hundred viewers cost the same
 * number of reads. Once settled the window is SETTLED_READ_WINDOW_MS (lib/domain/watch-cadence.ts).
 * A change of provisioning state starts a fresh read regardless.
 */
export const COMPONENTS_COALESCE_MS = 3 * STATUS_COALESCE_MS;

/**
 * Coalesced reads kept at most, per cache. Keys are per (caller, extension), so the number of
 * callers decides the size: entries of past windows are swept on every read, and this ceiling
 * bounds one window too (a component part is some 10 KB: about 20 MB at most per cache). 2,000
 * is ten times the 200 distinct pollers the bench runs; evicting the oldest only costs that
 * caller one more ARM read, while viewers of one caller keep sharing one entry (fan-in).
 */
export const STATUS_COALESCE_MAX_ENTRIES = 2_000;

/**
 * Component reads in flight at once per cluster; more callers wait their turn (read-slots.ts).
 * A read takes some 20 ms on an idle sandbox and a few seconds on AKS, so 8 keeps up with
 * hundreds of callers at the pages' pace while holding 8, not 200, kubectl answers in memory.
 */
export const COMPONENT_READS_PER_CLUSTER = 8;

/** An extension's status as the page and `GET /api/v1/extensions/status` show it. */
export interface ExtensionStatusView {
  id: string;
  name: string;
  clusterId: string;
  clusterName: string;
  clusterType: 'managedClusters' | 'connectedClusters';
  extensionType: string;
  provisioningState: string;
  statuses: Array<{ code?: string; displayStatus?: string; level?: string; message?: string; time?: string }>;
  errorInfo: { code?: string; message?: string } | null;
  /** What the failure means and how to fix it, when recognised (DOMAIN.md section 8). */
  explanation?: Explanation;
  /** Legacy setting names present on the extension, explained. */
  legacySettings: Explanation[];
  /** Installed version (`currentVersion`), else the pinned one. */
  version: string | null;
  /** The version the extension is pinned to, null when it follows its release train. */
  pinnedVersion: string | null;
  releaseTrain: string | null;
  autoUpgradeMinorVersion: boolean;
  /** Non-protected settings only: ARM never returns the protected ones. */
  configurationSettings: Record<string, string>;
  /** ARM's systemData times, ISO 8601. */
  createdAt?: string;
  lastModifiedAt?: string;
  components: ComponentHealth[];
  componentsAvailable: boolean;
  /** Why components could not be read (no source, or the source failed). */
  componentsReason?: string;
  /** "Is it working?" in one line (the fleet's Health column shows the same). */
  summary: HealthSummary;
  /**
   * The inference router's address (its `azureml-fe` Service, else what the settings say); null
   * when inference is off.
   */
  endpoint: InferenceEndpoint | null;
  /** When the portal read ARM, ISO 8601. */
  observedAt: string;
}

export interface CacheEntry<T> {
  /** The time bucket (`floor(now / window)`) the read belongs to. */
  bucket: number;
  promise: Promise<T>;
}

/**
 * Shares one in-flight or recent result per key. Keys include a hash of the caller's token, so
 * one user's read never answers another's request: sharing across users would need each caller
 * authorised separately, which is the very ARM read we are saving. Failures are not kept, so the
 * next request retries at once.
 */
export function coalesce<T>(
  cache: Map<string, CacheEntry<T>>,
  key: string,
  windowMs: number,
  read: () => Promise<T>,
  maxEntries = STATUS_COALESCE_MAX_ENTRIES,
): Promise<T> {
  // Fixed, aligned windows rather than "window since the last read": with the latter, viewers
  // arriving just after each expiry make reads more often than one viewer does (the bench's
  // fan-in figure); with buckets there is at most one read per window, however many viewers.
  const bucket = Math.floor(Date.now() / windowMs);
  // Every entry is of one window: each read drops all of another window, and adds only to its
  // own. So looking at the first entry is enough, and a read in the same window walks nothing
  // (walking the whole cache on every read made garbage per entry per request: with 200 distinct
  // pollers, megabytes a second, bench/README.md "Memory").
  for (const [k, entry] of cache) {
    if (entry.bucket === bucket) break;
    cache.delete(k);
  }
  const hit = cache.get(key);
  if (hit) return hit.promise;
  const promise = read();
  // Oldest first (a Map iterates in insertion order): the ceiling holds however many callers poll.
  while (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
  cache.set(key, { bucket, promise });
  promise.catch(() => {
    if (cache.get(key)?.promise === promise) cache.delete(key);
  });
  return promise;
}

/**
 * On `globalThis` under a registered symbol: Next.js may load this module in several bundles
 * (route handlers, server actions), and a write through one must clear what the other cached.
 */
const CACHES = Symbol.for('azureml-portal.extension-status-coalescing');
type CacheGlobal = typeof globalThis & {
  [CACHES]?: {
    extensionReads: Map<string, CacheEntry<ExtensionResource>>;
    settledExtensionReads: Map<string, CacheEntry<ExtensionResource>>;
    settledKeys: Set<string>;
    changingNamespaceReads: Map<string, CacheEntry<NamespaceSnapshot>>;
    settledNamespaceReads: Map<string, CacheEntry<NamespaceSnapshot>>;
    changingStoreReads: Map<string, CacheEntry<unknown>>;
    settledStoreReads: Map<string, CacheEntry<unknown>>;
    componentSlots: ReadSlots;
  };
};
const caches = ((globalThis as CacheGlobal)[CACHES] ??= {
  extensionReads: new Map(),
  settledExtensionReads: new Map(),
  settledKeys: new Set(),
  changingNamespaceReads: new Map(),
  settledNamespaceReads: new Map(),
  changingStoreReads: new Map(),
  settledStoreReads: new Map(),
  componentSlots: new ReadSlots(COMPONENT_READS_PER_CLUSTER),
});
const { extensionReads, settledExtensionReads, settledKeys, changingNamespaceReads, settledNamespaceReads, changingStoreReads, settledStoreReads, componentSlots } =
  caches;

/**
 * Drops the coalesced reads of one extension, for every caller: after a write the next status
 * must come from ARM, or the page would see the pre-write state and stop polling on it.
 */
export function forgetExtensionStatus(extensionId: string): void {
  const parsed = parseExtensionId(extensionId);
  if (!parsed) return;
  const idKey = `|${extensionId.replace(/\/+$/, '').toLowerCase()}`;
  const clusterKey = `${parsed.clusterId.toLowerCase()}|`;
  for (const reads of [extensionReads, settledExtensionReads, changingStoreReads, settledStoreReads]) {
    for (const key of reads.keys()) if (key.endsWith(idKey)) reads.delete(key);
  }
  for (const key of settledKeys) if (key.endsWith(idKey)) settledKeys.delete(key);
  for (const reads of [changingNamespaceReads, settledNamespaceReads]) {
    for (const key of reads.keys()) if (key.startsWith(clusterKey)) reads.delete(key);
  }
}

/** Forget every coalesced read (tests). */
export function clearStatusCoalescing(): void {
  extensionReads.clear();
  settledExtensionReads.clear();
  settledKeys.clear();
  changingNamespaceReads.clear();
  settledNamespaceReads.clear();
  changingStoreReads.clear();
  settledStoreReads.clear();
}

/**
 * A read of what the portal's own store keeps of one extension (the provisioning states it saw,
 * its writes, the certificate it sent: lib/deploy/extension-report.ts), shared by every caller for
 * the status read window of `state` ({@link STATUS_COALESCE_MS} while it changes,
 * SETTLED_READ_WINDOW_MS once settled), so a poll that changed nothing costs no store query. The
 * answer is the same for every caller, who has just read the extension from ARM with their own
 * token. It lives here because here is where a write forgets an extension's shared reads
 * (forgetExtensionStatus drops these too), so the page shows its own write at once. `part` names
 * the read; the state is in the key, so a new provisioning state reads again. `fresh` drops this
 * part's entry first (the caller knows it has just changed it). Failures are not kept.
 */
export function shareStoreRead<T>(extensionId: string, part: string, state: string, read: () => Promise<T>, options: { fresh?: boolean } = {}): Promise<T> {
  const settled = isSettled(state);
  const reads = (settled ? settledStoreReads : changingStoreReads) as Map<string, CacheEntry<T>>;
  const key = `${part}|${state.toLowerCase()}|${extensionId.replace(/\/+$/, '').toLowerCase()}`;
  if (options.fresh) reads.delete(key);
  return coalesce(reads, key, settled ? SETTLED_READ_WINDOW_MS : STATUS_COALESCE_MS, read);
}

async function callerKey(credential: TokenCredential): Promise<string> {
  const token = await credential.getToken(ARM_SCOPE);
  if (!token) throw new AppError({ code: 'Unauthenticated', status: 401, userText: { key: 'azure.unauthenticated', framed: {} } });
  return createHash('sha256').update(token.token).digest('hex');
}

/**
 * The caller's ARM read of the extension, shared by the caller's viewers: for
 * {@link STATUS_COALESCE_MS} while it changes, for SETTLED_READ_WINDOW_MS once its last read was
 * settled, so a hundred open pages polling at the settled pace cost what one does (bench
 * `statusFanIn`). A write forgets both (forgetExtensionStatus), so the page sees its own change.
 */
async function readExtensionShared(credential: TokenCredential, extensionId: string, key: string): Promise<ExtensionResource> {
  const read = () => getExtension(credential, extensionId);
  if (settledKeys.has(key)) {
    const extension = await coalesce(settledExtensionReads, key, SETTLED_READ_WINDOW_MS, read);
    if (!isSettled(extension.provisioningState)) settledKeys.delete(key);
    return extension;
  }
  const extension = await coalesce(extensionReads, key, STATUS_COALESCE_MS, read);
  if (isSettled(extension.provisioningState)) {
    // From now on the settled window, starting with this very read (no extra read at the switch).
    void coalesce(settledExtensionReads, key, SETTLED_READ_WINDOW_MS, () => Promise.resolve(extension));
    // Bounded like the caches: the oldest key goes first (it then reads once more at the fast pace).
    while (settledKeys.size >= STATUS_COALESCE_MAX_ENTRIES) settledKeys.delete(settledKeys.values().next().value as string);
    settledKeys.add(key);
  }
  return extension;
}

/** Turns an AppError into the sentence the reader sees (lib/i18n/server.ts `translateAppError`). */
export type DescribeError = (error: AppError) => string;

type ComponentPart = Pick<ExtensionStatusView, 'components' | 'componentsAvailable' | 'componentsReason' | 'endpoint'>;

/** One in-cluster read of the `azureml` namespace, in no language: every viewer's answer is assessed from it. */
interface NamespaceSnapshot {
  read: NamespaceRead;
  /** Sizes the DaemonSets that are missing. */
  nodeCount: number;
}

/**
 * Reads the cluster's namespace; a failure throws (AppError), so it is not kept for others: a
 * caller without the right to run commands must not blank the table for one who has it.
 */
async function readNamespaceSnapshot(credential: TokenCredential, clusterId: string): Promise<NamespaceSnapshot> {
  const read = await readAzureMlNamespace(credential, clusterId);
  // Node count only sizes DaemonSets that are missing; a failed cluster read must not hide the table.
  const nodeCount = read.available ? await getCluster(credential, clusterId).then((c) => c.summary.nodeCount, () => 1) : 1;
  return { read, nodeCount };
}

/**
 * The namespace read, shared by EVERY caller on this replica for its window: one in-cluster read
 * (a runCommand on AKS) per cluster per window, whatever the number of viewers or extensions on
 * the cluster. Only callers who have just read the extension from ARM with their own token get
 * here, so a viewer sees the components of an extension they may read, as read with whoever's
 * right came first in the window. The window is short while something changes and
 * SETTLED_READ_WINDOW_MS once settled; the provisioning state is in the key, so a new state
 * starts a fresh read.
 */
function sharedNamespaceRead(credential: TokenCredential, clusterId: string, state: string): Promise<NamespaceSnapshot> {
  const settled = isSettled(state);
  const key = `${clusterId.toLowerCase()}|${state.toLowerCase()}`;
  return coalesce(settled ? settledNamespaceReads : changingNamespaceReads, key, settled ? SETTLED_READ_WINDOW_MS : COMPONENTS_COALESCE_MS, () =>
    componentSlots.run(clusterId.toLowerCase(), () => readNamespaceSnapshot(credential, clusterId)),
  );
}

async function readComponents(
  credential: TokenCredential,
  extension: ExtensionResource,
  clusterId: string,
  state: string,
  text: DomainText,
  describeError: DescribeError,
): Promise<ComponentPart> {
  const cluster = parseClusterId(clusterId);
  const settings = extension.configurationSettings ?? {};
  // Without an in-cluster read, the endpoint is what the settings say (type, scheme), address unknown.
  const unread = (componentsReason: string): ComponentPart => ({ components: [], componentsAvailable: false, componentsReason, endpoint: inferenceEndpointOf([], settings) });
  if (!cluster) return unread(text('health.notOnCluster'));
  try {
    const { read, nodeCount } = await sharedNamespaceRead(credential, clusterId, state);
    if (!read.available) return unread(text('health.noSource'));
    const expected = expectedComponents(
      {
        extensionName: extension.name ?? '',
        clusterType: cluster.type,
        settings,
        nodeCount,
      },
      text,
    );
    return {
      components: assessComponents({ items: read.items, expected, provisioningState: state, now: Date.now() }, text),
      componentsAvailable: true,
      endpoint: inferenceEndpointOf(read.items, settings),
    };
  } catch (err) {
    return unread(describeError(toAppError(err, { action: 'read the azureml namespace', target: clusterId })));
  }
}

const clean = (text: string | undefined) => (text === undefined ? undefined : redactSecrets(text));

/**
 * The extension's provisioning state, ARM's statuses and error, the health of its components and,
 * when recognised, what a failure means, and the health summary. The ARM read is coalesced per
 * (caller, extension) for {@link STATUS_COALESCE_MS}; the in-cluster read is shared by every
 * caller per (cluster, provisioning state) for {@link COMPONENTS_COALESCE_MS} while something
 * changes and SETTLED_READ_WINDOW_MS once settled. ARM failures throw AppError (404 when the extension is gone);
 * component failures do not: they become `componentsReason`. Explanations and component reasons
 * are written in `text`'s language, a component read's AppError by `describeError` (English by
 * default: `userMessage`).
 */
export async function getExtensionStatus(
  credential: TokenCredential,
  extensionId: string,
  text: DomainText = englishText,
  describeError: DescribeError = (error) => error.userMessage,
): Promise<ExtensionStatusView> {
  const parsed = parseExtensionId(extensionId);
  if (!parsed) {
    throw new AppError({ code: 'InvalidResourceId', status: 400, target: extensionId, userText: { key: 'resources.notAnExtensionId', values: { id: extensionId } } });
  }
  const caller = await callerKey(credential);
  const idKey = extensionId.replace(/\/+$/, '').toLowerCase();
  const extension = await readExtensionShared(credential, extensionId, `${caller}|${idKey}`);
  const observedAt = new Date().toISOString();
  const state = extension.provisioningState ?? 'Unknown';
  const componentPart = await readComponents(credential, extension, parsed.clusterId, state, text, describeError);

  const statuses = (extension.statuses ?? []).map((s) => ({
    code: s.code,
    displayStatus: s.displayStatus,
    level: s.level,
    message: clean(s.message),
    time: s.time,
  }));
  const errorInfo = extension.errorInfo ? { code: extension.errorInfo.code, message: clean(extension.errorInfo.message) } : null;
  const explanation = explainFailure(
    {
      provisioningState: state,
      errorMessage: errorInfo?.message,
      statuses,
      components: componentPart.components,
    },
    text,
  );
  const settings = extension.configurationSettings ?? {};
  return {
    id: extension.id ?? extensionId,
    name: extension.name ?? parsed.extensionName,
    clusterId: parsed.clusterId,
    clusterName: parsed.cluster.name,
    clusterType: parsed.cluster.type,
    extensionType: extension.extensionType ?? '',
    provisioningState: state,
    statuses,
    errorInfo,
    ...(explanation ? { explanation } : {}),
    legacySettings: explainLegacySettings(settings, text),
    version: extension.currentVersion ?? extension.version ?? null,
    pinnedVersion: extension.version ?? null,
    releaseTrain: extension.releaseTrain ?? null,
    autoUpgradeMinorVersion: extension.autoUpgradeMinorVersion ?? true,
    configurationSettings: { ...settings },
    ...(extension.systemData?.createdAt ? { createdAt: new Date(extension.systemData.createdAt).toISOString() } : {}),
    ...(extension.systemData?.lastModifiedAt ? { lastModifiedAt: new Date(extension.systemData.lastModifiedAt).toISOString() } : {}),
    ...componentPart,
    summary: summarizeHealth({ provisioningState: state, ...componentPart }),
    observedAt,
  };
}
