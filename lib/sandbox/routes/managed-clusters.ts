/** AKS clusters (`@azure/arm-containerservice` `managedClusters.list/listByResourceGroup/get`). */
import { createHash } from 'node:crypto';
import { ok, paginate } from '../http';
import type { Router } from '../router';
import type { ClusterRecord } from '../state';

const short = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** The cluster as ARM returns it (shape of ManagedClustersGet.json). */
export function managedClusterBody(c: ClusterRecord, tenantId: string) {
  const seed = c.seed;
  if (seed.kind !== 'managedClusters') throw new Error('not an AKS cluster');
  const dnsPrefix = `${seed.name}-dns`;
  const fqdn = `${dnsPrefix}-${short(c.id, 8)}.hcp.${seed.location}.azmk8s.io`;
  const usesSp = seed.identity === 'ServicePrincipal';
  return {
    id: c.id,
    name: seed.name,
    type: 'Microsoft.ContainerService/managedClusters',
    location: seed.location,
    tags: {},
    ...(usesSp
      ? {}
      : { identity: { type: 'SystemAssigned', principalId: c.principalId, tenantId }  }),
    sku: { name: 'Base', tier: 'Standard' },
    properties: {
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      kubernetesVersion: seed.kubernetesVersion,
      currentKubernetesVersion: seed.kubernetesVersion,
      dnsPrefix,
      fqdn,
      azurePortalFQDN: `${dnsPrefix}-${short(c.id, 8)}.portal.hcp.${seed.location}.azmk8s.io`,
      agentPoolProfiles: seed.agentPools.map((p) => ({
        name: p.name,
        count: p.count,
        vmSize: p.vmSize,
        osType: 'Linux',
        osSKU: 'Ubuntu',
        mode: p.mode,
        type: 'VirtualMachineScaleSets',
        maxPods: 110,
        nodeLabels: p.nodeLabels ?? {},
        orchestratorVersion: seed.kubernetesVersion,
        currentOrchestratorVersion: seed.kubernetesVersion,
        provisioningState: 'Succeeded',
        powerState: { code: 'Running' },
      })),
      // AKS reports clientId "msi" for managed-identity clusters; a real GUID means a service principal.
      servicePrincipalProfile: { clientId: usesSp ? `${short(c.id, 8)}-1c2d-4e5f-8a9b-${short(seed.name, 12)}` : 'msi' },
      enableRBAC: true,
      disableLocalAccounts: seed.disableLocalAccounts,
      ...(seed.aadProfile
        ? { aadProfile: { managed: true, enableAzureRBAC: seed.aadProfile.enableAzureRBAC, adminGroupObjectIDs: [], tenantID: tenantId } }
        : {}),
      ...(seed.authorizedIPRanges.length > 0 ? { apiServerAccessProfile: { authorizedIPRanges: seed.authorizedIPRanges } } : {}),
      nodeResourceGroup: `MC_${seed.resourceGroup}_${seed.name}_${seed.location}`,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
      },
      maxAgentPools: 100,
    },
  };
}

/** List by subscription / resource group, and get. */
export function registerManagedClusterRoutes(router: Router): void {
  router.add('GET', '/subscriptions/{sub}/providers/Microsoft.ContainerService/managedClusters', (ctx) => {
    ctx.state.subscription(ctx.params.sub);
    return paginate(ctx, ctx.state.clustersOf('managedClusters', ctx.params.sub).map((c) => managedClusterBody(c, ctx.state.world.tenantId)));
  });
  router.add('GET', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters', (ctx) => {
    ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg);
    return paginate(ctx, ctx.state.clustersOf('managedClusters', ctx.params.sub, ctx.params.rg).map((c) => managedClusterBody(c, ctx.state.world.tenantId)));
  });
  router.add('GET', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}', (ctx) =>
    ok(managedClusterBody(ctx.state.cluster('managedClusters', ctx.params.sub, ctx.params.rg, ctx.params.name), ctx.state.world.tenantId)),
  );
}
