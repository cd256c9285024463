/**
 * Types of the sandbox's seeded world (lib/sandbox/world.ts). Plain data only (no Dates, no
 * functions) so a world can be deep-cloned with `structuredClone` for every emulator instance.
 */

/** Fault scenarios a cluster can be put into; see lib/sandbox/README.md for what each does. */
export const FAULT_SCENARIOS = [
  'install-fails-E40002',
  'install-fails-E45002',
  'crash-looping-component',
  'arm-throttling',
  'slow-arm',
  'arm-throttling-storm',
  'arm-errors-500',
] as const;

/** One of {@link FAULT_SCENARIOS}. */
export type FaultScenario = (typeof FAULT_SCENARIOS)[number];

/** Resource provider registration states ARM reports. */
export type RegistrationState = 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistered';

/** Namespaces the emulator knows; anything else answers 404 `InvalidResourceNamespace`. */
export const KNOWN_PROVIDERS = [
  'Microsoft.KubernetesConfiguration',
  'Microsoft.Relay',
  'Microsoft.ContainerService',
  'Microsoft.Kubernetes',
] as const;

/** One of {@link KNOWN_PROVIDERS}. */
export type ProviderNamespace = (typeof KNOWN_PROVIDERS)[number];

export interface WorldResourceGroup {
  name: string;
  /** Lower-case Azure region, e.g. `eastus`. */
  location: string;
}

export interface WorldSubscription {
  subscriptionId: string;
  displayName: string;
  providers: Record<ProviderNamespace, RegistrationState>;
  resourceGroups: WorldResourceGroup[];
}

export interface WorldAgentPool {
  name: string;
  count: number;
  vmSize: string;
  mode: 'System' | 'User';
  nodeLabels?: Record<string, string>;
}

interface WorldClusterBase {
  /** Unique across the whole world: the admin route selects clusters by name. */
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  kubernetesVersion: string;
  /** Fault scenario active when the emulator starts (null: behaves normally). */
  scenario: FaultScenario | null;
  /** One line for the README table: what this cluster is for. */
  purpose: string;
}

/** An AKS cluster (`Microsoft.ContainerService/managedClusters`). */
export interface WorldManagedCluster extends WorldClusterBase {
  kind: 'managedClusters';
  agentPools: WorldAgentPool[];
  /** `SystemAssigned` managed identity, or a legacy service principal (preflight blocks it). */
  identity: 'SystemAssigned' | 'ServicePrincipal';
  disableLocalAccounts: boolean;
  authorizedIPRanges: string[];
  /**
   * AKS-managed Microsoft Entra ID integration (`properties.aadProfile`). When set, runCommand
   * needs a `clusterToken` for the AKS AAD server app, as AKS does (400 `MissingAADClusterToken`).
   */
  aadProfile?: { managed: true; enableAzureRBAC: boolean };
}

/** An Arc-enabled cluster (`Microsoft.Kubernetes/connectedClusters`). */
export interface WorldConnectedCluster extends WorldClusterBase {
  kind: 'connectedClusters';
  /** e.g. `k3s`, `openshift`, `aks_hci`. */
  distribution: string;
  /** e.g. `generic`, `vsphere`, `azure_stack_hci`. */
  infrastructure: string;
  totalNodeCount: number;
  totalCoreCount: number;
  agentVersion: string;
  connectivityStatus: 'Connected' | 'Offline' | 'Expired';
  /** Relative to emulator start, so "offline for over 48 h" stays true whenever it runs. */
  lastConnectivityHoursAgo: number;
}

export type WorldCluster = WorldManagedCluster | WorldConnectedCluster;

/** An extension that already exists (Succeeded, components Ready) when the emulator starts. */
export interface WorldExtension {
  clusterName: string;
  name: string;
  extensionType: string;
  releaseTrain: string;
  autoUpgradeMinorVersion: boolean;
  /** Pinned version, or null when auto-upgrading. */
  version: string | null;
  currentVersion: string;
  configurationSettings: Record<string, string>;
  /** Values are held in memory only and never returned. */
  configurationProtectedSettings: Record<string, string>;
  createdAt: string;
  createdBy: string;
}

/** A Relay namespace the CLI would have created for an Arc extension (keys generated at start). */
export interface WorldRelayNamespace {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** Hybrid connections, each with its own authorization rules (rights Listen, Send, Manage), as the CLI creates them. */
  hybridConnections: { name: string; authorizationRules: string[] }[];
}

/**
 * An Azure Machine Learning workspace (`Microsoft.MachineLearningServices/workspaces`,
 * api-version 2022-10-01): where a cluster with the extension is attached as Kubernetes compute.
 */
export interface WorldWorkspace {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** Lower-case Azure region, e.g. `eastus`. */
  location: string;
  friendlyName: string;
  /** Stable `properties.workspaceId` (a GUID), so bookmarks and tests survive restarts. */
  workspaceId: string;
  /** One line for the README table: what this workspace is for. */
  purpose: string;
}

/** The whole seeded world. */
export interface World {
  tenantId: string;
  /** The signed-in sandbox user, used in `systemData`. */
  userPrincipalName: string;
  subscriptions: WorldSubscription[];
  clusters: WorldCluster[];
  extensions: WorldExtension[];
  relayNamespaces: WorldRelayNamespace[];
  /** Azure ML workspaces (absent in generated worlds: none). */
  workspaces?: WorldWorkspace[];
}
