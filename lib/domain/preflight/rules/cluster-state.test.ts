import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { aksCluster, arcCluster, ctx, facts } from '../test-fixtures';

import { extensionExistsRule, kubernetesMinor, kubernetesVersionRule, legacyAzuremlFeRule, NEWEST_AKS_GA_MINOR } from './cluster-state';

const cluster = aksCluster();
const azureml = {
  id: `${cluster.summary.id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
  name: 'azureml',
  extensionType: 'microsoft.azureml.kubernetes',
  provisioningState: 'Succeeded',
};
const flux = { id: `${cluster.summary.id}/providers/Microsoft.KubernetesConfiguration/extensions/flux`, name: 'flux', extensionType: 'microsoft.flux' };

describe('extensionExistsRule', () => {
  it('passes when no Azure ML extension is installed (other extensions do not count)', () => {
    expect(extensionExistsRule(ctx(facts(cluster)))).toBeNull();
    expect(extensionExistsRule(ctx(facts(cluster, { existingExtensions: [flux] })))).toBeNull();
  });

  it('blocks a second install and offers to open the existing one', () => {
    const finding = extensionExistsRule(ctx(facts(cluster, { existingExtensions: [flux, azureml] })));
    expect(finding).toMatchObject({ code: 'extension-exists', severity: 'error', action: { kind: 'open-extension', extensionId: azureml.id } });
    expect(finding?.message).toContain("'azureml' (Succeeded)");
    expect(finding?.fix).toContain('update its settings');
  });

  it('suggests update or delete for a Failed one', () => {
    expect(extensionExistsRule(ctx(facts(cluster, { existingExtensions: [{ ...azureml, provisioningState: 'Failed' }] })))?.fix).toContain('delete it');
  });
});

describe('kubernetesVersionRule', () => {
  it('passes versions within N-2 of the newest GA minor', () => {
    expect(NEWEST_AKS_GA_MINOR).toMatch(/^1\.\d+$/);
    expect(kubernetesVersionRule(ctx(facts(aksCluster())))).toBeNull();
    expect(kubernetesVersionRule(ctx(facts(arcCluster(), { newestAksGaMinor: '1.34' })))).toBeNull(); // 1.32 = 1.34 - 2
  });

  it('warns 1.30 when the newest is 1.33, with the upgrade command', () => {
    const old = aksCluster();
    old.summary.kubernetesVersion = '1.30.12';
    const finding = kubernetesVersionRule(ctx(facts(old, { newestAksGaMinor: '1.33' })));
    expect(finding).toMatchObject({ code: 'kubernetes-version-unsupported', severity: 'warning' });
    expect(finding?.message).toContain('runs Kubernetes 1.30.12');
    expect(finding?.message).toContain('1.31 or newer');
    expect(finding?.fix).toContain('az aks upgrade --resource-group rg-test --name aks-test');
  });

  it('says nothing about an unknown version', () => {
    const unknown = arcCluster();
    unknown.summary.kubernetesVersion = '';
    expect(kubernetesVersionRule(ctx(facts(unknown)))).toBeNull();
  });

  it('reads minors from AKS, Arc and vendor version strings', () => {
    expect(kubernetesMinor('1.30.12')).toBe(30);
    expect(kubernetesMinor('v1.29.4+k3s1')).toBe(29);
    expect(kubernetesMinor('1.33')).toBe(33);
    expect(kubernetesMinor('latest')).toBeNull();
  });
});

describe('legacyAzuremlFeRule', () => {
  it('blocks with the cleanup commands when the v1 router was found', () => {
    const finding = legacyAzuremlFeRule(ctx(facts(cluster, { inCluster: { legacyAzuremlFe: true } })));
    expect(finding).toMatchObject({ code: 'legacy-azureml-fe', severity: 'error' });
    expect(finding?.message).toMatch(/E45004 or E45005/);
    expect(finding?.fix).toContain('kubectl delete deploy azureml-fe -n azureml');
    expect(finding?.fix).toContain('kubectl delete clusterrole azureml-fe-role');
  });

  it('passes when inspected and clean, and when not inspected', () => {
    expect(legacyAzuremlFeRule(ctx(facts(cluster, { inCluster: { legacyAzuremlFe: false } })))).toBeNull();
    expect(legacyAzuremlFeRule(ctx(facts(cluster)))).toBeNull();
  });
});

describe('cluster state rules in Brazilian Portuguese', () => {
  it('quotes the existing extension and keeps the upgrade command intact', () => {
    const exists = extensionExistsRule(ctx(facts(cluster, { existingExtensions: [azureml] }), {}, portugueseText));
    expect(exists?.message).toBe("aks-test já tem a extensão do Azure Machine Learning 'azureml' (Succeeded). Um cluster só pode executar uma.");
    const old = aksCluster();
    old.summary.kubernetesVersion = '1.30.12';
    const version = kubernetesVersionRule(ctx(facts(old, { newestAksGaMinor: '1.33' }), {}, portugueseText));
    expect(version?.fix).toBe(
      'Atualize o cluster para 1.31 ou mais recente com `az aks upgrade --resource-group rg-test --name aks-test --kubernetes-version <1.31 ou mais recente>`.',
    );
  });
});
