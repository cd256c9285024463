import { describe, expect, it } from 'vitest';
import { formatExtensionId, parseExtensionId } from './extension-id';

const CLUSTER = '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/arc1';

describe('parseExtensionId', () => {
  it('splits an extension id into its cluster and name', () => {
    const parsed = parseExtensionId(`${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`);
    expect(parsed).toEqual({
      clusterId: CLUSTER,
      extensionName: 'azureml',
      cluster: {
        subscriptionId: 'sub1',
        resourceGroup: 'rg1',
        provider: 'Microsoft.Kubernetes',
        type: 'connectedClusters',
        name: 'arc1',
      },
    });
  });

  it('is case-insensitive', () => {
    const parsed = parseExtensionId(
      '/SUBSCRIPTIONS/sub1/resourcegroups/rg1/providers/microsoft.containerservice/MANAGEDCLUSTERS/aks1/providers/microsoft.kubernetesconfiguration/Extensions/ml',
    );
    expect(parsed?.cluster.type).toBe('managedClusters');
    expect(parsed?.extensionName).toBe('ml');
  });

  it('rejects ids that are not extensions on a cluster', () => {
    expect(parseExtensionId(CLUSTER)).toBeNull();
    expect(parseExtensionId(`${CLUSTER}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/f`)).toBeNull();
    expect(parseExtensionId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.KubernetesConfiguration/extensions/e')).toBeNull();
    expect(parseExtensionId('')).toBeNull();
  });
});

describe('formatExtensionId', () => {
  it('round-trips through parseExtensionId', () => {
    const parsed = parseExtensionId(`${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`);
    if (!parsed) throw new Error('expected a parsed id');
    expect(formatExtensionId(parsed.cluster, parsed.extensionName)).toBe(
      `${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
    );
  });
});
