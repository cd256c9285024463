import { describe, expect, it } from 'vitest';

import { detectLegacyAzuremlFe } from './legacy-azureml-fe';

const list = (...items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const deployment = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'azureml' } });

describe('detectLegacyAzuremlFe', () => {
  it('finds the v1 Deployment azureml-fe', () => {
    expect(detectLegacyAzuremlFe(list(deployment('gateway'), deployment('azureml-fe')))).toBe(true);
  });

  it('does not mistake the extension router azureml-fe-v2, or a pod named azureml-fe, for it', () => {
    expect(detectLegacyAzuremlFe(list(deployment('azureml-fe-v2'), { kind: 'Pod', metadata: { name: 'azureml-fe' } }))).toBe(false);
    expect(detectLegacyAzuremlFe(list())).toBe(false);
  });

  it('is undefined for output that is not a Kubernetes List', () => {
    expect(detectLegacyAzuremlFe('Error from server (Forbidden)')).toBeUndefined();
    expect(detectLegacyAzuremlFe('{"kind":"Status"}')).toBeUndefined();
  });
});
