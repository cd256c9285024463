import { describe, expect, it } from 'vitest';

import { PREFLIGHT_RULES, hasBlockingFinding, runPreflightRules } from './run-rules';
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
