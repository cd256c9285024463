/**
 * ARM resource ids the emulator hands out. One place, so the ids in bodies, in Resource Graph
 * rows and in the configuration settings the seeded extensions carry all agree.
 */
import type { WorldCluster } from './world-types';

/** Provider namespace that owns a cluster kind. */
export function clusterProvider(kind: WorldCluster['kind']): string {
  return kind === 'managedClusters' ? 'Microsoft.ContainerService' : 'Microsoft.Kubernetes';
}

/** `/subscriptions/{s}/resourceGroups/{rg}/providers/{rp}/{kind}/{name}` (casing of the examples). */
export function clusterResourceId(
  c: Pick<WorldCluster, 'kind' | 'subscriptionId' | 'resourceGroup' | 'name'>,
): string {
  return `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/${clusterProvider(c.kind)}/${c.kind}/${c.name}`;
}

/** Extension id under a cluster id. */
export function extensionResourceId(clusterId: string, extensionName: string): string {
  return `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${extensionName}`;
}

/** Relay namespace id. */
export function relayNamespaceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Relay/namespaces/${name}`;
}
