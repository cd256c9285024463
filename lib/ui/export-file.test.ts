import { describe, expect, it } from 'vitest';

import { exportFileName } from './export-file';

describe('exportFileName', () => {
  it('names the extension, the cluster and the format', () => {
    const names = { extensionName: 'azureml', clusterName: 'aks-prod-eastus' };
    expect(exportFileName({ ...names, format: 'bicep' })).toBe('azureml-aks-prod-eastus.bicep');
    expect(exportFileName({ ...names, format: 'terraform' })).toBe('azureml-aks-prod-eastus.tf');
    expect(exportFileName({ ...names, format: 'az' })).toBe('azureml-aks-prod-eastus.sh');
  });

  it('replaces characters a file name may not carry, and never leaves only an extension', () => {
    expect(exportFileName({ extensionName: 'ml ext', clusterName: '../a/b:c', format: 'az' })).toBe('ml-ext-a-b-c.sh');
    expect(exportFileName({ extensionName: '', clusterName: 'arc-single-node', format: 'terraform' })).toBe('arc-single-node.tf');
    expect(exportFileName({ extensionName: ' ', clusterName: '', format: 'bicep' })).toBe('azureml-extension.bicep');
  });
});
