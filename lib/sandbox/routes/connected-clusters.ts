/**
 * Arc clusters (`@azure/arm-hybridkubernetes` 2.1.0, api-version 2021-10-01; its URLs use
 * lower-case `resourcegroups`). Bodies carry only what that api-version's `ConnectedCluster`
 * defines: no `distributionVersion`, `privateLinkState` or `azureHybridBenefit` (later versions),
 * and no `offering` (a read-only string the seeded clusters have none of; never `null`).
 */
import { ok, paginate } from '../http';
import type { Router } from '../router';
import type { ClusterRecord, SandboxState } from '../state';

/** A placeholder agent certificate: the portal never parses it. */
const AGENT_PUBLIC_KEY =
  'MIICCgKCAgEAsandboxAgentPublicKeyNotARealKeyOnlyForShapeAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

/** The cluster as ARM returns it at 2021-10-01 (shape of GetClusterExample.json). */
export function connectedClusterBody(state: SandboxState, c: ClusterRecord) {
  const seed = c.seed;
  if (seed.kind !== 'connectedClusters') throw new Error('not an Arc cluster');
  const lastSeen = new Date(Date.now() - seed.lastConnectivityHoursAgo * 3_600_000).toISOString();
  return {
    id: c.id,
    name: seed.name,
    type: 'Microsoft.Kubernetes/connectedClusters',
    location: seed.location,
    tags: {},
    systemData: {
      createdBy: state.world.userPrincipalName,
      createdByType: 'User',
      createdAt: '2025-06-02T10:00:00Z',
      lastModifiedBy: state.world.userPrincipalName,
      lastModifiedByType: 'User',
      lastModifiedAt: '2025-06-02T10:00:00Z',
    },
    identity: { type: 'SystemAssigned', principalId: c.principalId, tenantId: state.world.tenantId },
    properties: {
      agentPublicKeyCertificate: AGENT_PUBLIC_KEY,
      kubernetesVersion: seed.kubernetesVersion,
      totalNodeCount: seed.totalNodeCount,
      totalCoreCount: seed.totalCoreCount,
      agentVersion: seed.agentVersion,
      provisioningState: 'Succeeded',
      distribution: seed.distribution,
      infrastructure: seed.infrastructure,
      connectivityStatus: seed.connectivityStatus,
      lastConnectivityTime: lastSeen,
      managedIdentityCertificateExpirationTime: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    },
  };
}

/** List by subscription / resource group, and get. */
export function registerConnectedClusterRoutes(router: Router): void {
  router.add('GET', '/subscriptions/{sub}/providers/Microsoft.Kubernetes/connectedClusters', (ctx) => {
    ctx.state.subscription(ctx.params.sub);
    return paginate(ctx, ctx.state.clustersOf('connectedClusters', ctx.params.sub).map((c) => connectedClusterBody(ctx.state, c)));
  });
  router.add('GET', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Kubernetes/connectedClusters', (ctx) => {
    ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg);
    return paginate(
      ctx,
      ctx.state.clustersOf('connectedClusters', ctx.params.sub, ctx.params.rg).map((c) => connectedClusterBody(ctx.state, c)),
    );
  });
  router.add('GET', '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Kubernetes/connectedClusters/{name}', (ctx) =>
    ok(connectedClusterBody(ctx.state, ctx.state.cluster('connectedClusters', ctx.params.sub, ctx.params.rg, ctx.params.name))),
  );
}
