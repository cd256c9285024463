/**
 * Mutable state of one emulator instance: providers, clusters, extensions, operations, relay.
 * Built from a deep clone of a {@link World}, so instances (and tests) never share state.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { BoundedMap } from './bounded-map';
import { ArmError } from './http';
import { clusterResourceId, extensionResourceId, relayNamespaceId } from './ids';
import type { InstanceTypeStore } from './instance-types';
import type { ComponentRecord } from './kube';
import { planComponents } from './kube';
import type {
  FaultScenario,
  ProviderNamespace,
  RegistrationState,
  World,
  WorldCluster,
  WorldSubscription,
} from './world-types';
import { KNOWN_PROVIDERS } from './world-types';

/** A seeded install's Helm release starts this long after ARM created the extension ... */
const SEEDED_HELM_START_MS = 40_000;
/** ... and its components become Ready one by one over this long. */
const SEEDED_READY_SPAN_MS = 150_000;

/**
 * runCommand results kept: each is a kubectl List of about 100 KB, and the SDK reads one once,
 * milliseconds after its POST. 256 covers 200 concurrent pollers each with a command in flight
 * (the bench's load) and caps the store near 25 MB.
 */
export const MAX_COMMAND_RESULTS = 256;
/** An unread result is dropped after this: the SDK polls it at once (`Retry-After: 0`). */
export const COMMAND_RESULT_TTL_MS = 60_000;
/** A result read once stays this long more, for a client that retries the read. */
export const COMMAND_RESULT_AFTER_READ_MS = 5_000;
/**
 * Operations kept (a few hundred bytes each): far more than the writes that can be in flight,
 * so a client polling its operation never finds it evicted; the oldest (long finished) go first.
 */
export const MAX_OPERATIONS = 1_000;

/** A cluster plus its live fault scenario and request counter (for throttling). */
export interface ClusterRecord {
  seed: WorldCluster;
  id: string;
  scenario: FaultScenario | null;
  requestCount: number;
  /** Principal of the cluster's (Arc) system identity. */
  principalId: string;
}

export type ProvisioningState = 'Creating' | 'Updating' | 'Deleting' | 'Succeeded' | 'Failed';

/** `properties.statuses[]` of an extension. */
export interface ExtensionStatus {
  code: string;
  displayStatus: string;
  level: 'Error' | 'Warning' | 'Information';
  message: string;
  time: string;
}

export interface ExtensionRecord {
  id: string;
  name: string;
  cluster: ClusterRecord;
  extensionType: string;
  releaseTrain: string;
  autoUpgradeMinorVersion: boolean;
  version: string | null;
  currentVersion: string | null;
  releaseNamespace: string;
  settings: Record<string, string>;
  /** Write-only: held for realism, never serialised or logged. */
  protectedSettings: Record<string, string>;
  provisioningState: ProvisioningState;
  statuses: ExtensionStatus[];
  errorInfo: { code: string; message: string } | null;
  createdAt: string;
  createdBy: string;
  lastModifiedAt: string;
  lastModifiedBy: string;
  principalId: string;
  /** The running operation's id; a second write while set answers 409 Conflict. */
  activeOperationId: string | null;
  components: ComponentRecord[];
}

export interface OperationRecord {
  id: string;
  /** Resource the operation acts on (the extension id). */
  resourceId: string;
  /** What it does: the `Location` result of a delete is 204, of the others the extension. */
  kind: 'create' | 'update' | 'delete';
  status: 'InProgress' | 'Succeeded' | 'Failed';
  error: { code: string; message: string } | null;
  /** Kept for the emulator's own use: 2023-05-01's operation status has no times, so none is sent. */
  startTime: string;
  endTime: string | null;
}

export interface AuthRuleRecord {
  name: string;
  rights: string[];
  primaryKey: string;
  secondaryKey: string;
}

export interface HybridConnectionRecord {
  name: string;
  requiresClientAuthorization: boolean;
  userMetadata: string | null;
  createdAt: string;
  rules: Map<string, AuthRuleRecord>;
}

export interface RelayNamespaceRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  createdAt: string;
  hybridConnections: Map<string, HybridConnectionRecord>;
  rules: Map<string, AuthRuleRecord>;
}

/** A runCommand result, answered at `.../commandResults/{id}`. */
export interface CommandResultRecord {
  id: string;
  clusterId: string;
  body: unknown;
  /** When the command finishes (`performance.now()` ms): until then its result answers 202. */
  doneAt: number;
}

/** Random SAS-like key, as Relay generates them. */
export function newRelayKey(): string {
  return randomBytes(32).toString('base64');
}

/** Authorization rule with fresh keys. */
export function newAuthRule(name: string, rights: string[]): AuthRuleRecord {
  return { name, rights, primaryKey: newRelayKey(), secondaryKey: newRelayKey() };
}

/** See {@link SandboxState.patchSettings}. */
export const PATCH_SETTINGS_BEHAVIOURS = ['merge', 'replace'] as const;
export type PatchSettingsBehaviour = (typeof PATCH_SETTINGS_BEHAVIOURS)[number];
/**
 * See {@link SandboxState.lroHeaders}. `both` is what the 2023-05-01 examples show
 * (`Azure-AsyncOperation` and `Operation-Location`); `none` answers every write with its final
 * state at once (no header, nothing to poll).
 */
export const LRO_HEADER_BEHAVIOURS = ['both', 'azure-async-operation', 'operation-location', 'location', 'none'] as const;
export type LroHeaderBehaviour = (typeof LRO_HEADER_BEHAVIOURS)[number];
/** See {@link SandboxState.putExisting}. */
export const PUT_EXISTING_BEHAVIOURS = ['succeeded', 'updating'] as const;
export type PutExistingBehaviour = (typeof PUT_EXISTING_BEHAVIOURS)[number];
/** See {@link SandboxState.failedStatuses}. */
export const FAILED_STATUSES_BEHAVIOURS = ['empty', 'with-code'] as const;
export type FailedStatusesBehaviour = (typeof FAILED_STATUSES_BEHAVIOURS)[number];

/** A runCommand takes this share of `provisioningMs` (2 s by default, 30 ms under Vitest's 300): "seconds", as AKS's, without slowing every status read of the default sandbox much. */
export const RUN_COMMAND_SHARE_OF_PROVISIONING = 1 / 10;

/** All mutable state of one emulator; `dispose()` stops its timers. */

export class SandboxState {
  readonly world: World;
  readonly providers = new Map<string, Map<string, RegistrationState>>();
  readonly clusters: ClusterRecord[] = [];
  readonly extensions = new Map<string, ExtensionRecord>();
  readonly operations = new BoundedMap<string, OperationRecord>({ maxEntries: MAX_OPERATIONS });
  readonly commandResults = new BoundedMap<string, CommandResultRecord>({ maxEntries: MAX_COMMAND_RESULTS, ttlMs: COMMAND_RESULT_TTL_MS });
  readonly relayNamespaces = new Map<string, RelayNamespaceRecord>();
  /** InstanceType objects per cluster (lower-cased id), kept per Azure ML install (instance-types.ts). */
  readonly instanceTypes = new Map<string, InstanceTypeStore>();
  /** Namespaces a test created on a cluster (lower-cased id), besides the base ones and `azureml`. */
  readonly extraNamespaces = new Map<string, Set<string>>();
  /**
   * How a PATCH applies `configurationSettings`, a behaviour the REST spec leaves open: `merge`
   * key by key (what the CLI's partial updates rely on) or `replace` the whole map. Tests run the
   * portal's updates under both (`PUT /_sandbox/behaviour`); a reset goes back to `merge`.
   */
  patchSettings: PatchSettingsBehaviour = 'merge';
  /**
   * Which headers an extension write points its operation with, which the spec does not pin down
   * (its examples send `Azure-AsyncOperation` and `Operation-Location`): `both` by default and
   * after a reset; the portal's writes are tested under each (lib/azure/extensions-lro.test.ts).
   */
  lroHeaders: LroHeaderBehaviour = 'both';
  /**
   * A PUT on an existing extension: `succeeded` answers 200 with the final state and no
   * `Azure-AsyncOperation`, as the CreateExtension example's 200 does (default); `updating`
   * answers 200 `Updating` with the operation's headers, as real ARM may.
   */
  putExisting: PutExistingBehaviour = 'succeeded';
  /**
   * A failed install's `statuses`: `empty` as every 2023-05-01 example shows them (the health-check
   * code is only in the Helm message text, default), or `with-code` (`statuses[0].code` = E40002).
   */
  failedStatuses: FailedStatusesBehaviour = 'empty';
  /** How long a runCommand runs before `commandResults/{id}` answers 200 (202 until then). */
  runCommandMs: number;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(world: World, readonly provisioningMs: number) {
    this.world = structuredClone(world);
    this.runCommandMs = provisioningMs * RUN_COMMAND_SHARE_OF_PROVISIONING;
    const names = new Set<string>();
    for (const sub of this.world.subscriptions) {
      const m = new Map<string, RegistrationState>();
      for (const ns of KNOWN_PROVIDERS) m.set(ns.toLowerCase(), sub.providers[ns] ?? 'NotRegistered');
      this.providers.set(sub.subscriptionId.toLowerCase(), m);
    }
    for (const seed of this.world.clusters) {
      if (names.has(seed.name.toLowerCase())) throw new Error(`Duplicate sandbox cluster name ${seed.name}`);
      names.add(seed.name.toLowerCase());
      this.clusters.push({ seed, id: clusterResourceId(seed), scenario: seed.scenario, requestCount: 0, principalId: randomUUID() });
    }
    this.seedExtensions();
    this.seedRelay();
  }

  /** Runs `fn` after `ms` without keeping the process alive; cleared by {@link dispose}. */
  schedule(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, Math.max(0, ms));
    t.unref();
    this.timers.add(t);
  }

  /** Stops every pending timer (emulator close or reset). */
  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** The subscription, or 404 `SubscriptionNotFound`. */
  subscription(subscriptionId: string): WorldSubscription {
    const s = this.world.subscriptions.find((x) => x.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    if (!s) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
    return s;
  }

  /** The resource group, or 404 `ResourceGroupNotFound`. */
  resourceGroup(subscriptionId: string, name: string) {
    const rg = this.subscription(subscriptionId).resourceGroups.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!rg) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
    return rg;
  }

  /** Registration state of a known provider namespace (undefined for unknown ones). */
  providerState(subscriptionId: string, namespace: string): RegistrationState | undefined {
    return this.providers.get(subscriptionId.toLowerCase())?.get(namespace.toLowerCase());
  }

  /**
   * Rejects writes to a resource provider the subscription has not registered, with the error
   * ARM really returns (409 `MissingSubscriptionRegistration`).
   */
  requireRegistered(subscriptionId: string, namespace: ProviderNamespace): void {
    this.subscription(subscriptionId);
    if (this.providerState(subscriptionId, namespace) !== 'Registered') {
      throw new ArmError(
        409,
        'MissingSubscriptionRegistration',
        `The subscription is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`,
      );
    }
  }

  /** Clusters of one kind, optionally within a resource group. */
  clustersOf(kind: WorldCluster['kind'], subscriptionId: string, resourceGroup?: string): ClusterRecord[] {
    return this.clusters.filter(
      (c) =>
        c.seed.kind === kind &&
        c.seed.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() &&
        (resourceGroup === undefined || c.seed.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()),
    );
  }

  /** The cluster, or 404 `ResourceNotFound` (after checking subscription and resource group). */
  cluster(kind: WorldCluster['kind'], subscriptionId: string, resourceGroup: string, name: string): ClusterRecord {
    this.resourceGroup(subscriptionId, resourceGroup);
    const c = this.clustersOf(kind, subscriptionId, resourceGroup).find((x) => x.seed.name.toLowerCase() === name.toLowerCase());
    if (!c) {
      const type = kind === 'managedClusters' ? 'Microsoft.ContainerService/managedClusters' : 'Microsoft.Kubernetes/connectedClusters';
      throw new ArmError(404, 'ResourceNotFound', `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found.`);
    }
    return c;
  }

  /** Cluster by bare name (admin route). */
  clusterByName(name: string): ClusterRecord | undefined {
    return this.clusters.find((c) => c.seed.name.toLowerCase() === name.toLowerCase());
  }

  /** Extensions installed on a cluster, in creation order. */
  extensionsOn(cluster: ClusterRecord): ExtensionRecord[] {
    return [...this.extensions.values()].filter((e) => e.cluster === cluster);
  }

  private seedExtensions(): void {
    const now = Date.now();
    for (const seed of this.world.extensions) {
      const cluster = this.clusterByName(seed.clusterName);
      if (!cluster) throw new Error(`Seeded extension on unknown cluster ${seed.clusterName}`);
      const id = extensionResourceId(cluster.id, seed.name);
      const ext: ExtensionRecord = {
        id,
        name: seed.name,
        cluster,
        extensionType: seed.extensionType,
        releaseTrain: seed.releaseTrain,
        autoUpgradeMinorVersion: seed.autoUpgradeMinorVersion,
        version: seed.version,
        currentVersion: seed.currentVersion,
        releaseNamespace: 'azureml',
        settings: { ...seed.configurationSettings },
        protectedSettings: { ...seed.configurationProtectedSettings },
        provisioningState: 'Succeeded',
        statuses: [],
        errorInfo: null,
        createdAt: seed.createdAt,
        createdBy: seed.createdBy,
        lastModifiedAt: seed.createdAt,
        lastModifiedBy: seed.createdBy,
        principalId: randomUUID(),
        activeOperationId: null,
        components: [],
      };
      // Seeded installs finished long ago: every component is Ready, and came up one by one in the
      // minutes after the extension was created, so ARM's createdAt and the pods' times agree.
      const installedAt = Date.parse(seed.createdAt);
      ext.components = Number.isNaN(installedAt)
        ? planComponents(ext, now - 3 * 86_400_000, 0, [])
        : planComponents(ext, Math.min(installedAt + SEEDED_HELM_START_MS, now), SEEDED_READY_SPAN_MS, []);
      this.extensions.set(id.toLowerCase(), ext);
    }
  }

  private seedRelay(): void {
    for (const r of this.world.relayNamespaces) {
      const createdAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
      const rec: RelayNamespaceRecord = {
        subscriptionId: r.subscriptionId,
        resourceGroup: r.resourceGroup,
        name: r.name,
        location: r.location,
        tags: { created_by: 'Azure Arc-enabled ML' },
        createdAt,
        hybridConnections: new Map(),
        rules: new Map(),
      };
      for (const hc of r.hybridConnections) {
        rec.hybridConnections.set(hc.name.toLowerCase(), {
          name: hc.name,
          requiresClientAuthorization: true,
          userMetadata: null,
          createdAt,
          rules: new Map(hc.authorizationRules.map((rule) => [rule.toLowerCase(), newAuthRule(rule, ['Listen', 'Send', 'Manage'])])),
        });
      }
      this.relayNamespaces.set(relayNamespaceId(r.subscriptionId, r.resourceGroup, r.name).toLowerCase(), rec);
    }
  }
}
