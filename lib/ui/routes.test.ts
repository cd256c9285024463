import { describe, expect, it } from 'vitest';
import { deployPagePath, statusPagePath } from './routes';

const EXTENSION_ID =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/providers/Microsoft.KubernetesConfiguration/extensions/azureml';

describe('page paths', () => {
  it('puts the extension id after /resource without doubling the slash', () => {
    expect(statusPagePath(EXTENSION_ID)).toBe(`/resource${EXTENSION_ID}`);
    expect(statusPagePath(EXTENSION_ID.slice(1))).toBe(`/resource${EXTENSION_ID}`);
  });

  it('encodes the preselected cluster id as one query value', () => {
    expect(deployPagePath()).toBe('/deploy');
    expect(deployPagePath('/subscriptions/s/x y')).toBe('/deploy?clusterId=%2Fsubscriptions%2Fs%2Fx%20y');
  });
});
