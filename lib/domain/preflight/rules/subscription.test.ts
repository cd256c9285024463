import { describe, expect, it } from 'vitest';

import { aksCluster, arcCluster, ctx, facts, SUBSCRIPTION } from '../test-fixtures';

import { providerRegisteredRule, providerState, relayProviderRule, sameSubscriptionRule } from './subscription';

describe('providerRegisteredRule', () => {
  it('passes when Microsoft.KubernetesConfiguration is Registered', () => {
    expect(providerRegisteredRule(ctx(facts()))).toBeNull();
  });

  it('blocks with the register command and a register-provider action when NotRegistered', () => {
    const finding = providerRegisteredRule(ctx(facts(aksCluster(), { providers: { 'Microsoft.KubernetesConfiguration': 'NotRegistered' } })));
    expect(finding).toMatchObject({
      code: 'provider-not-registered',
      severity: 'error',
      action: { kind: 'register-provider', namespace: 'Microsoft.KubernetesConfiguration', subscriptionId: SUBSCRIPTION },
    });
    expect(finding?.message).toContain(`NotRegistered in subscription ${SUBSCRIPTION}`);
    expect(finding?.fix).toContain(`az provider register --namespace Microsoft.KubernetesConfiguration --subscription ${SUBSCRIPTION}`);
  });

  it('tells the user to wait while the provider is Registering', () => {
    const finding = providerRegisteredRule(ctx(facts(aksCluster(), { providers: { 'microsoft.kubernetesconfiguration': 'Registering' } })));
    expect(finding?.severity).toBe('error');
    expect(finding?.fix).toMatch(/^Wait until Microsoft.KubernetesConfiguration is Registered/);
  });

  it('says nothing when the provider state was not read', () => {
    expect(providerRegisteredRule(ctx(facts(aksCluster(), { providers: {} })))).toBeNull();
  });

  it('looks namespaces up case-insensitively', () => {
    expect(providerState({ 'microsoft.relay': 'Registered' }, 'Microsoft.Relay')).toBe('Registered');
    expect(providerState({}, 'Microsoft.Relay')).toBeUndefined();
  });
});

describe('relayProviderRule', () => {
  const relayUnregistered = { 'Microsoft.KubernetesConfiguration': 'Registered', 'Microsoft.Relay': 'NotRegistered' };

  it('blocks an Arc cluster whose subscription has not registered Microsoft.Relay', () => {
    expect(relayProviderRule(ctx(facts(arcCluster(), { providers: relayUnregistered })))).toMatchObject({
      code: 'relay-provider-not-registered',
      severity: 'error',
      action: { kind: 'register-provider', namespace: 'Microsoft.Relay', subscriptionId: SUBSCRIPTION },
    });
  });

  it('passes for Arc with Relay registered, for AKS, and when the relay is turned off', () => {
    expect(relayProviderRule(ctx(facts(arcCluster())))).toBeNull();
    expect(relayProviderRule(ctx(facts(aksCluster(), { providers: relayUnregistered })))).toBeNull();
    expect(relayProviderRule(ctx(facts(arcCluster(), { providers: relayUnregistered }), { 'relayserver.enabled': 'false' }))).toBeNull();
  });
});

describe('sameSubscriptionRule', () => {
  it('always informs which subscription the workspace must be in', () => {
    const finding = sameSubscriptionRule(ctx(facts()));
    expect(finding).toMatchObject({ code: 'same-subscription-workspace', severity: 'info' });
    expect(finding.message).toContain(SUBSCRIPTION);
  });

  it('suggests Arc for AKS only', () => {
    expect(sameSubscriptionRule(ctx(facts(aksCluster()))).fix).toContain('Azure Arc');
    expect(sameSubscriptionRule(ctx(facts(arcCluster()))).fix).not.toContain('Azure Arc');
  });
});
