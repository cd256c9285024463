/**
 * The sandbox's seeded world: subscriptions, resource groups, clusters covering DOMAIN.md
 * section 6, two already-installed Azure ML extensions, and the fault scenario of each cluster.
 * Every cluster is described in lib/sandbox/README.md; keep that table in step with this file.
 */
import { RELAY_AUTH_RULE_NAME, relayNamespaceName } from '@/lib/domain/relay-names';
import { clusterResourceId } from './ids';
import type {
  World,
  WorldAgentPool,
  WorldConnectedCluster,
  WorldManagedCluster,
  WorldSubscription,
  WorldWorkspace,
} from './world-types';

/** Stable ids, so bookmarks and tests survive restarts. */
export const SANDBOX_TENANT_ID = '8d3f0a5c-2b1e-4f6a-9c7d-0e1f2a3b4c5d';
export const PRODUCTION_SUBSCRIPTION_ID = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
export const EDGE_SUBSCRIPTION_ID = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
export const RESEARCH_SUBSCRIPTION_ID = 'b2d94e1a-3c6f-4e8a-8f17-5a9c0d2e4b68';

/** Every provider the portal needs, registered. Shared by reference: state.ts copies it per subscription. */
export const allRegistered: WorldSubscription['providers'] = {
  'Microsoft.KubernetesConfiguration': 'Registered',
  'Microsoft.Relay': 'Registered',
  'Microsoft.ContainerService': 'Registered',
  'Microsoft.Kubernetes': 'Registered',
};

const pool = (count: number, vmSize = 'Standard_D4s_v5', extra: Partial<WorldAgentPool> = {}): WorldAgentPool => ({
  name: 'nodepool1',
  count,
  vmSize,
  mode: 'System',
  ...extra,
});

/** An ordinary, preflight-clean AKS cluster in the production subscription, overridable (also world-generator.ts). */
export const aks = (name: string, purpose: string, over: Partial<WorldManagedCluster> = {}): WorldManagedCluster => ({
  kind: 'managedClusters',
  name,
  purpose,
  subscriptionId: PRODUCTION_SUBSCRIPTION_ID,
  resourceGroup: 'rg-ml-prod-eastus',
  location: 'eastus',
  kubernetesVersion: '1.33.2',
  agentPools: [pool(3)],
  identity: 'SystemAssigned',
  disableLocalAccounts: false,
  authorizedIPRanges: [],
  scenario: null,
  ...over,
});

/** An ordinary, connected Arc k3s cluster in the edge subscription, overridable (also world-generator.ts). */
export const arc = (name: string, purpose: string, over: Partial<WorldConnectedCluster> = {}): WorldConnectedCluster => ({
  kind: 'connectedClusters',
  name,
  purpose,
  subscriptionId: EDGE_SUBSCRIPTION_ID,
  resourceGroup: 'rg-edge-stores',
  location: 'eastus',
  kubernetesVersion: '1.32.5',
  distribution: 'k3s',
  infrastructure: 'generic',
  totalNodeCount: 3,
  totalCoreCount: 12,
  agentVersion: '1.21.10',
  connectivityStatus: 'Connected',
  lastConnectivityHoursAgo: 0.05,
  scenario: null,
  ...over,
});

const clusters = [
  aks('aks-prod-eastus', '3 nodes, eastus; Azure ML already installed (training + inference, HTTPS).'),
  aks('aks-prod-westeurope', '4 nodes in westeurope; clean install target.', {
    resourceGroup: 'rg-ml-prod-westeurope',
    location: 'westeurope',
    agentPools: [pool(3, 'Standard_D8s_v5'), pool(1, 'Standard_D8s_v5', { name: 'userpool', mode: 'User' })],
  }),
  aks('aks-two-nodes', '2 nodes: CLI parity sets inferenceRouterHA=False and clusterPurpose=DevTest.', {
    agentPools: [pool(2)],
    kubernetesVersion: '1.30.12',
  }),
  aks('aks-service-principal', 'Uses a service principal, not a managed identity: preflight blocks.', {
    identity: 'ServicePrincipal',
  }),
  aks('aks-local-accounts-disabled', 'disableLocalAccounts is true: preflight blocks.', {
    disableLocalAccounts: true,
  }),
  aks('aks-entra-id', 'AKS-managed Entra ID integration: runCommand needs a clusterToken for the AKS AAD server app.', {
    aadProfile: { managed: true, enableAzureRBAC: false },
  }),
  aks('aks-authorized-ip-ranges', 'API server restricted to authorized IP ranges: preflight warns.', {
    resourceGroup: 'rg-ml-prod-westeurope',
    location: 'westeurope',
    authorizedIPRanges: ['203.0.113.0/24', '198.51.100.17/32'],
  }),
  aks('aks-gpu-nc', 'System pool plus a GPU pool of Standard_NC6s_v3 (label accelerator=nvidia).', {
    agentPools: [
      pool(2),
      pool(2, 'Standard_NC6s_v3', { name: 'gpupool', mode: 'User', nodeLabels: { accelerator: 'nvidia' } }),
    ],
  }),
  aks('aks-fails-ha', '3 nodes but one is NotReady: an install with inferenceRouterHA on fails E40002.', {
    scenario: 'install-fails-E40002',
  }),
  aks('aks-prom-conflict', 'Already runs a Prometheus operator: an install with installPromOp on fails E45002.', {
    scenario: 'install-fails-E45002',
  }),
  aks('aks-crash-loop', 'Installs fine, then one component (azureml-fe-v2 or gateway) crash-loops.', {
    scenario: 'crash-looping-component',
  }),
  aks('aks-throttled', 'Every 3rd request to this cluster answers 429 TooManyRequests.', {
    resourceGroup: 'rg-ml-platform',
    location: 'eastus2',
    scenario: 'arm-throttling',
  }),
  aks('aks-slow-arm', 'Every request to this cluster takes about 1.5 s longer.', {
    resourceGroup: 'rg-ml-platform',
    location: 'eastus2',
    scenario: 'slow-arm',
  }),
  aks('aks-research-unregistered', 'In the Research subscription, where Microsoft.KubernetesConfiguration is not registered.', {
    subscriptionId: RESEARCH_SUBSCRIPTION_ID,
    resourceGroup: 'rg-research',
    location: 'eastus2',
  }),
  arc('arc-k3s-edge', 'k3s, 3 nodes, Connected; Azure ML already installed (training only, Relay set up).'),
  arc('arc-single-node', 'k3s with one node: CLI parity sets inferenceRouterHA=False.', {
    totalNodeCount: 1,
    totalCoreCount: 4,
  }),
  arc('arc-openshift-factory', 'OpenShift, 4 nodes: CLI parity adds openshift=true.', {
    resourceGroup: 'rg-edge-factory',
    location: 'westeurope',
    distribution: 'openshift',
    infrastructure: 'vsphere',
    totalNodeCount: 4,
    totalCoreCount: 32,
    kubernetesVersion: '1.31.8',
  }),
  arc('arc-offline-store', 'Offline for 72 h (over 48 h loses protected settings): preflight blocks.', {
    connectivityStatus: 'Offline',
    lastConnectivityHoursAgo: 72,
  }),
];

const prodEastusId = clusterResourceId(clusters[0]);
const arcEdge = clusters.find((c) => c.name === 'arc-k3s-edge')!;
const arcEdgeId = clusterResourceId(arcEdge);
const arcRelay = relayNamespaceName(arcEdge.name, arcEdge.subscriptionId, arcEdge.resourceGroup);
const arcHybridConnectionId = `/subscriptions/${arcEdge.subscriptionId}/resourceGroups/${arcEdge.resourceGroup}/providers/Microsoft.Relay/namespaces/${arcRelay}/hybridConnections/${arcEdge.name}`;

/** Settings the CLI writes for every cluster (DOMAIN.md section 4), given its id, name and region. */
const cliCommon = (id: string, name: string, location: string): Record<string, string> => ({
  cluster_name: id,
  clusterId: id,
  'prometheus.prometheusSpec.externalLabels.cluster_name': id,
  cluster_name_friendly: name,
  location,
  jobSchedulerLocation: location,
  domain: `${location}.cloudapp.azure.com`,
  'servicebus.enabled': 'false',
});

/**
 * Azure ML workspaces: one in each subscription that has clusters, one in another region than its
 * clusters' (westeurope), and one Carlos Contributor cannot write (the Edge subscription, where he
 * has no role; Rita Reader reads every workspace and writes none).
 */
const workspaces: WorldWorkspace[] = [
  {
    subscriptionId: PRODUCTION_SUBSCRIPTION_ID,
    resourceGroup: 'rg-ml-prod-eastus',
    name: 'mlw-prod-eastus',
    location: 'eastus',
    friendlyName: 'Contoso ML Production (East US)',
    workspaceId: '5b0c4e1d-7a2f-4c3b-9e8d-1f6a2b3c4d01',
    purpose: "Production's workspace, same region as most AKS clusters: the ordinary attach target.",
  },
  {
    subscriptionId: PRODUCTION_SUBSCRIPTION_ID,
    resourceGroup: 'rg-ml-prod-westeurope',
    name: 'mlw-prod-westeurope',
    location: 'westeurope',
    friendlyName: 'Contoso ML Production (West Europe)',
    workspaceId: '5b0c4e1d-7a2f-4c3b-9e8d-1f6a2b3c4d02',
    purpose: 'Another region: attaching an eastus cluster works (the compute takes the workspace region).',
  },
  {
    subscriptionId: EDGE_SUBSCRIPTION_ID,
    resourceGroup: 'rg-edge-stores',
    name: 'mlw-edge-eastus',
    location: 'eastus',
    friendlyName: 'Contoso ML Edge',
    workspaceId: '5b0c4e1d-7a2f-4c3b-9e8d-1f6a2b3c4d03',
    purpose: 'For the Arc clusters; Carlos Contributor has no role in Contoso ML Edge, so he cannot write (or read) it.',
  },
  {
    subscriptionId: RESEARCH_SUBSCRIPTION_ID,
    resourceGroup: 'rg-research',
    name: 'mlw-research',
    location: 'eastus2',
    friendlyName: 'Contoso ML Research',
    workspaceId: '5b0c4e1d-7a2f-4c3b-9e8d-1f6a2b3c4d04',
    purpose: "Research's workspace; its cluster has no extension (KubernetesConfiguration unregistered), so an attach fails.",
  },
];

/** The default world every emulator starts from (deep-cloned per instance). */
export const SEEDED_WORLD: World = {
  tenantId: SANDBOX_TENANT_ID,
  userPrincipalName: 'sandbox.user@contoso.example',
  subscriptions: [
    {
      subscriptionId: PRODUCTION_SUBSCRIPTION_ID,
      displayName: 'Contoso ML Production',
      providers: allRegistered,
      resourceGroups: [
        { name: 'rg-ml-prod-eastus', location: 'eastus' },
        { name: 'rg-ml-prod-westeurope', location: 'westeurope' },
        { name: 'rg-ml-platform', location: 'eastus2' },
      ],
    },
    {
      subscriptionId: EDGE_SUBSCRIPTION_ID,
      displayName: 'Contoso ML Edge',
      providers: allRegistered,
      resourceGroups: [
        { name: 'rg-edge-stores', location: 'eastus' },
        { name: 'rg-edge-factory', location: 'westeurope' },
      ],
    },
    {
      subscriptionId: RESEARCH_SUBSCRIPTION_ID,
      displayName: 'Contoso ML Research',
      providers: {
        'Microsoft.KubernetesConfiguration': 'NotRegistered',
        'Microsoft.Relay': 'NotRegistered',
        'Microsoft.ContainerService': 'Registered',
        'Microsoft.Kubernetes': 'Registered',
      },
      resourceGroups: [{ name: 'rg-research', location: 'eastus2' }],
    },
  ],
  clusters,
  extensions: [
    {
      clusterName: 'aks-prod-eastus',
      name: 'azureml',
      extensionType: 'Microsoft.AzureML.Kubernetes',
      releaseTrain: 'stable',
      autoUpgradeMinorVersion: true,
      version: null,
      currentVersion: '1.1.64',
      configurationSettings: {
        enableTraining: 'True',
        enableInference: 'True',
        inferenceRouterServiceType: 'loadBalancer',
        allowInsecureConnections: 'False',
        sslCname: 'ml.contoso.example',
        ...cliCommon(prodEastusId, 'aks-prod-eastus', 'eastus'),
        'relayserver.enabled': 'false',
        'nginxIngress.enabled': 'true',
      },
      configurationProtectedSettings: {
        'scoringFe.sslCert': 'c2FuZGJveC1jZXJ0LW5vdC1yZWFs',
        'scoringFe.sslKey': 'c2FuZGJveC1rZXktbm90LXJlYWw=',
      },
      createdAt: '2025-11-03T09:12:44Z',
      createdBy: 'platform.admin@contoso.example',
    },
    {
      clusterName: 'arc-k3s-edge',
      name: 'azureml',
      extensionType: 'Microsoft.AzureML.Kubernetes',
      releaseTrain: 'stable',
      autoUpgradeMinorVersion: true,
      version: null,
      currentVersion: '1.1.64',
      configurationSettings: {
        enableTraining: 'True',
        enableInference: 'False',
        ...cliCommon(arcEdgeId, 'arc-k3s-edge', 'eastus'),
        'relayserver.enabled': 'true',
        'nginxIngress.enabled': 'false',
        'relayserver.hybridConnectionResourceID': arcHybridConnectionId,
        'relayserver.hybridConnectionName': arcEdge.name,
      },
      configurationProtectedSettings: {
        relayServerConnectionString: 'Endpoint=sb://seeded.servicebus.windows.net/;SharedAccessKeyName=azureml_rw;SharedAccessKey=seeded',
        'relayserver.relayConnectionString': 'Endpoint=sb://seeded.servicebus.windows.net/;SharedAccessKeyName=azureml_rw;SharedAccessKey=seeded',
      },
      createdAt: '2025-12-15T14:30:05Z',
      createdBy: 'edge.ops@contoso.example',
    },
  ],
  relayNamespaces: [
    {
      subscriptionId: arcEdge.subscriptionId,
      resourceGroup: arcEdge.resourceGroup,
      name: arcRelay,
      location: arcEdge.location,
      hybridConnections: [{ name: arcEdge.name, authorizationRules: [RELAY_AUTH_RULE_NAME] }],
    },
  ],
  workspaces,
};
