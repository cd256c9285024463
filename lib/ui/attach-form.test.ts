import { describe, expect, it } from 'vitest';

import { attachRequestSchema, COMPUTE_NAME_PATTERN } from '@/lib/domain/attach';

import { attachFormDefaults, suggestComputeName, workloadsOf } from './attach-form';

describe('suggestComputeName', () => {
  it('keeps a cluster name that already follows the rule', () => {
    expect(suggestComputeName('aks-gpu-nc')).toBe('aks-gpu-nc');
  });
  it('cuts to 16 characters without a trailing hyphen', () => {
    const name = suggestComputeName('arc-onprem-factory-eastus');
    expect(name).toBe('arc-onprem-facto');
    expect(suggestComputeName('abcdefghijklmno-xyz')).toBe('abcdefghijklmno');
  });
  it('replaces other characters and drops a leading digit', () => {
    expect(suggestComputeName('1st_cluster.prod')).toBe('st-cluster-prod');
  });
  it('answers empty when nothing usable is left', () => {
    expect(suggestComputeName('123')).toBe('');
    expect(suggestComputeName('a')).toBe('');
  });
  it('only ever suggests a name the service accepts', () => {
    for (const name of ['aks-prod-eastus', 'x'.repeat(40), 'A_b', 'k8s--', '-a-b-']) {
      const suggested = suggestComputeName(name);
      if (suggested) expect(suggested).toMatch(COMPUTE_NAME_PATTERN);
    }
  });
});

describe('workloadsOf', () => {
  it('reads the settings as the catalog does, defaults included', () => {
    expect(workloadsOf({ enableTraining: 'True', enableInference: 'False' }, 'managedClusters')).toEqual(['training']);
    expect(workloadsOf({ enableTraining: 'true', enableInference: 'true' }, 'connectedClusters')).toEqual(['training', 'inference']);
    expect(workloadsOf({ enableInference: 'True' }, 'managedClusters')).toEqual(['inference']);
  });
});

describe('attachFormDefaults', () => {
  const clusterId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod';
  const workspaceId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod';
  it('starts on the first workspace with answers the schema accepts', () => {
    const defaults = attachFormDefaults(clusterId, 'aks-prod', [{ id: workspaceId }]);
    expect(defaults.workspaceId).toBe(workspaceId);
    expect(attachRequestSchema.safeParse(defaults).success).toBe(true);
  });
  it('leaves the workspace empty when none is offered', () => {
    expect(attachFormDefaults(clusterId, 'aks-prod', []).workspaceId).toBe('');
  });
});
