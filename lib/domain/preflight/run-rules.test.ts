import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { PREFLIGHT_RULES, runPreflightRules } from './run-rules';
import { hasBlockingFinding } from './types';
import { aksCluster, arcCluster, facts, INFERENCE, NOW, pool } from './test-fixtures';
import { FINDING_CODES } from './types';

describe('runPreflightRules', () => {
  it('reports only the same-subscription info for a clean cluster', () => {
    expect(runPreflightRules(facts()).map((f) => f.code)).toEqual(['same-subscription-workspace']);
    expect(runPreflightRules(facts(arcCluster()), undefined, { now: NOW }).map((f) => f.code)).toEqual(['same-subscription-workspace']);
  });

  it('sorts errors first, then warnings, then info', () => {
    const cluster = aksCluster({
      disableLocalAccounts: true,
      apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'], enablePrivateCluster: false },
      agentPoolProfiles: [pool({ count: 2 })],
    });
    const findings = runPreflightRules(facts(cluster, { providers: { 'Microsoft.KubernetesConfiguration': 'NotRegistered' } }), {
      configurationSettings: { ...INFERENCE, inferenceRouterHA: 'True' },
    });
    expect(findings.map((f) => [f.severity, f.code])).toEqual([
      ['error', 'provider-not-registered'],
      ['error', 'local-accounts-disabled'],
      ['error', 'ha-needs-three-nodes'],
      ['warning', 'authorized-ip-ranges'],
      ['info', 'same-subscription-workspace'],
    ]);
    expect(hasBlockingFinding(findings)).toBe(true);
    expect(hasBlockingFinding(findings.filter((f) => f.severity !== 'error'))).toBe(false);
  });

  it('has one rule per finding code', () => {
    expect(PREFLIGHT_RULES).toHaveLength(FINDING_CODES.length);
  });
});

describe('runPreflightRules in Brazilian Portuguese', () => {
  const blocked = () =>
    facts(
      aksCluster({
        disableLocalAccounts: true,
        apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'], enablePrivateCluster: false },
        agentPoolProfiles: [pool({ count: 2 })],
      }),
      { providers: { 'Microsoft.KubernetesConfiguration': 'NotRegistered' } },
    );
  const settings = { configurationSettings: { ...INFERENCE, inferenceRouterHA: 'True' } };

  it('keeps codes, severities, order and actions, and writes every message and fix in Portuguese', () => {
    const english = runPreflightRules(blocked(), settings);
    const portuguese = runPreflightRules(blocked(), settings, {}, portugueseText);
    expect(portuguese.map(({ code, severity, action }) => ({ code, severity, action }))).toEqual(
      english.map(({ code, severity, action }) => ({ code, severity, action })),
    );
    for (const [index, finding] of portuguese.entries()) {
      expect(finding.message).not.toBe(english[index]?.message);
      expect(finding.fix).not.toBe(english[index]?.fix);
      expect(`${finding.message} ${finding.fix}`).not.toMatch(/[{}]/);
    }
    expect(portuguese[0]?.message).toBe(
      'Microsoft.KubernetesConfiguration está NotRegistered na assinatura 11111111-2222-3333-4444-555555555555. Extensões de cluster não podem ser instaladas até que ele seja registrado: o Azure rejeita a instalação com MissingSubscriptionRegistration.',
    );
    expect(portuguese.find((f) => f.code === 'ha-needs-three-nodes')?.message).toContain('mas aks-test tem 2 nós Linux');
  });

  it('translates every rule that fires on the sample clusters, leaving no ICU markup', () => {
    const samples = [
      facts(arcCluster({ connectivityStatus: 'Offline', lastConnectivityTime: '2026-01-12T12:00:00Z', totalCoreCount: 2, totalNodeCount: 1 }), {
        providers: { 'Microsoft.KubernetesConfiguration': 'Registering', 'Microsoft.Relay': 'NotRegistered' },
        existingExtensions: [{ id: '/x/azureml', name: 'azureml', extensionType: 'Microsoft.AzureML.Kubernetes', provisioningState: 'Failed' }],
      }),
      facts(aksCluster({ identity: null, servicePrincipalProfile: { clientId: '0a1b' }, agentPoolProfiles: [pool({ vmSize: 'Standard_NC6s_v3', osType: 'Windows' })] }), {
        inCluster: { legacyAzuremlFe: true },
        newestAksGaMinor: '1.40',
      }),
    ];
    const seen = new Set<string>();
    for (const sample of samples) {
      for (const finding of runPreflightRules(sample, settings, { now: NOW }, portugueseText)) {
        seen.add(finding.code);
        expect(`${finding.message} ${finding.fix}`, finding.code).not.toMatch(/[{}]|\b(the|is|and|with|then)\b/);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });
});
