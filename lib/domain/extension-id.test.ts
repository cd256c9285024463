import { describe, expect, it } from 'vitest';
import { formatExtensionId, isExtensionName, parseExtensionId } from './extension-id';

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

/** Names and whether they are extension names (DOMAIN.md section 3, rule 8, and DNS subdomain edges). */
const NAMES: Array<[string, boolean]> = [
  ['azureml', true],
  ['AzureML', true],
  ['a', true],
  ['9', true],
  ['azureml.v2-a', true],
  ['ml-1.prod', true],
  ['a'.repeat(253), true],
  ['', false],
  ['-', false],
  ['.', false],
  ['..', false],
  ['a..b', false],
  ['-azureml', false],
  ['azureml-', false],
  ['.azureml', false],
  ['azureml.', false],
  ['azure_ml', false],
  ['azure ml', false],
  ['a'.repeat(254), false],
  ['azure%2e%2e', false],
  ['ázureml', false],
];

describe('isExtensionName', () => {
  it.each(NAMES)('%j: %s', (name, valid) => {
    expect(isExtensionName(name)).toBe(valid);
  });
});

describe('parseExtensionId and the name', () => {
  // `..` or `.` as the last segment would make ARM's path walk up to the cluster's provider.
  it.each(NAMES.filter(([name]) => name !== ''))('answers an id ending in %j only when it is a name (%s)', (name, valid) => {
    const parsed = parseExtensionId(`${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`);
    expect(parsed === null ? null : parsed.extensionName).toBe(valid ? name : null);
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
