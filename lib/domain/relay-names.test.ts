import { describe, expect, it } from 'vitest';
import { relayHybridConnectionName, relayNamespaceName, RELAY_NAMESPACE_MAX_LENGTH } from './relay-names';

describe('relayNamespaceName', () => {
  it('keeps only the alphanumerics of <cluster>-<subscription>-<resourceGroup>-relay when short', () => {
    expect(relayNamespaceName('c1', '0000', 'rg')).toBe('c10000rgrelay');
    expect(relayNamespaceName('my_cluster.1', 'ab-cd', 'rg-1')).toBe('mycluster1abcdrg1relay');
  });

  it('truncates long names to 44 characters plus 6 hex digits of the MD5 of the raw input, like the CLI', () => {
    // Expected value computed with Python's hashlib, as the CLI's _get_valid_name does.
    const name = relayNamespaceName('arc-k3s-lab', '6f1c3a52-8d0e-4b7a-9c41-2e5d7f3b9a10', 'rg-ml-onprem');
    expect(name).toBe('arck3slab6f1c3a528d0e4b7a9c412e5d7f3b9a10rgm55545f');
    expect(name).toHaveLength(RELAY_NAMESPACE_MAX_LENGTH);
    expect(name).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('gives different names to long inputs that share the first 44 alphanumerics', () => {
    const sub = '6f1c3a52-8d0e-4b7a-9c41-2e5d7f3b9a10';
    expect(relayNamespaceName('cluster-a', sub, 'resource-group-one')).not.toBe(
      relayNamespaceName('cluster-a', sub, 'resource-group-two'),
    );
  });
});

describe('relayHybridConnectionName', () => {
  it('is the cluster name', () => {
    expect(relayHybridConnectionName('arc-k3s-lab')).toBe('arc-k3s-lab');
  });
});
