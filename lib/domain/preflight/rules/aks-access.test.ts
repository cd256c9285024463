import { describe, expect, it } from 'vitest';

import { aksCluster, arcCluster, ctx, facts } from '../test-fixtures';

import { authorizedIpRangesRule, localAccountsRule, servicePrincipalRule } from './aks-access';

describe('servicePrincipalRule', () => {
  it('passes a managed-identity cluster (clientId msi) and Arc clusters', () => {
    expect(servicePrincipalRule(ctx(facts(aksCluster())))).toBeNull();
    expect(servicePrincipalRule(ctx(facts(aksCluster({ identity: { type: 'UserAssigned' }, servicePrincipalProfile: null }))))).toBeNull();
    expect(servicePrincipalRule(ctx(facts(arcCluster())))).toBeNull();
  });

  it('blocks a cluster without a managed identity and names its client id', () => {
    const finding = servicePrincipalRule(
      ctx(facts(aksCluster({ identity: null, servicePrincipalProfile: { clientId: '0a1b2c3d-aaaa-bbbb-cccc-000000000001' } }))),
    );
    expect(finding).toMatchObject({ code: 'service-principal-identity', severity: 'error' });
    expect(finding?.message).toContain('0a1b2c3d-aaaa-bbbb-cccc-000000000001');
    expect(finding?.fix).toContain('az aks update --resource-group rg-test --name aks-test --enable-managed-identity');
    expect(finding?.fix).toContain('recreate every node pool');
  });

  it('blocks identity type None, and a GUID client id even with an identity block', () => {
    expect(servicePrincipalRule(ctx(facts(aksCluster({ identity: { type: 'None' }, servicePrincipalProfile: null })))))
      .toMatchObject({ code: 'service-principal-identity' });
    expect(servicePrincipalRule(ctx(facts(aksCluster({ servicePrincipalProfile: { clientId: 'f00d' } })))))
      .toMatchObject({ code: 'service-principal-identity' });
  });
});

describe('localAccountsRule', () => {
  it('passes when local accounts are enabled', () => {
    expect(localAccountsRule(ctx(facts(aksCluster())))).toBeNull();
  });

  it('blocks disableLocalAccounts with the command that re-enables them', () => {
    const finding = localAccountsRule(ctx(facts(aksCluster({ disableLocalAccounts: true }))));
    expect(finding).toMatchObject({ code: 'local-accounts-disabled', severity: 'error' });
    expect(finding?.fix).toContain('az aks update --resource-group rg-test --name aks-test --enable-local-accounts');
  });
});

describe('authorizedIpRangesRule', () => {
  it('passes without authorized ranges (none, or an empty list)', () => {
    expect(authorizedIpRangesRule(ctx(facts(aksCluster())))).toBeNull();
    expect(
      authorizedIpRangesRule(ctx(facts(aksCluster({ apiServerAccessProfile: { authorizedIPRanges: [], enablePrivateCluster: false } })))),
    ).toBeNull();
  });

  it('warns with the current ranges and both paired regions', () => {
    const cluster = aksCluster({ apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24', '198.51.100.17/32'], enablePrivateCluster: false } });
    cluster.summary.location = 'westeurope';
    const finding = authorizedIpRangesRule(ctx(facts(cluster)));
    expect(finding).toMatchObject({ code: 'authorized-ip-ranges', severity: 'warning' });
    expect(finding?.message).toContain('2 authorized IP range(s) (203.0.113.0/24, 198.51.100.17/32)');
    expect(finding?.fix).toContain('westeurope and its paired region northeurope');
    expect(finding?.fix).toContain('--api-server-authorized-ip-ranges 203.0.113.0/24,198.51.100.17/32,<Azure ML ranges>');
  });
});
