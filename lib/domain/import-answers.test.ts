import { describe, expect, it } from 'vitest';

import { englishText } from '@/lib/i18n/english-text';
import { portugueseText } from '@/lib/i18n/testing';

import { SEED_CLUSTERS, SEED_SCENARIO_1_AS_PRINTED, seedScenarios } from './fixtures/seed-scenarios';
import { importPlan, matchImportedCluster, type ImportClusterCandidate } from './import-answers';
import { applyImportFix, importSettings } from './import-settings';

const cluster = (facts: { id: string; name: string; type: ImportClusterCandidate['type'] }): ImportClusterCandidate => ({
  id: facts.id,
  name: facts.name,
  type: facts.type,
  resourceGroup: facts.id.split('/')[4],
});
const CLUSTERS = Object.values(SEED_CLUSTERS).map(cluster);
const [poc, , aksProd, arcGpu] = seedScenarios({ cert: 'c', key: 'k' });

describe('importPlan: what "Use these settings" will set', () => {
  it('lists the answers of scenario 1, as the wizard will show them', () => {
    const plan = importPlan(importSettings(poc.command), CLUSTERS, englishText);
    expect(plan.answers).toEqual([
      'Cluster: aks-two-nodes',
      'Extension name: azureml',
      'Workloads: training and inference',
      'Router: load balancer, HA off',
      'HTTPS: off (HTTP only, for dev/test)',
    ]);
    expect(plan.values).toEqual({
      clusterId: SEED_CLUSTERS.aksTwoNodes.id,
      extensionName: 'azureml',
      workload: 'both',
      serviceType: 'loadBalancer',
      internalLoadBalancer: false,
      inferenceRouterHA: false,
      tls: { mode: 'insecure' },
    });
    expect(plan).toMatchObject({ canApply: true, notCarriedOver: [] });
    expect(plan.clusterNote).toBeUndefined();
  });

  it("is not applicable while the seed's typo stands, and says HA off once it is fixed", () => {
    const read = importSettings(SEED_SCENARIO_1_AS_PRINTED);
    const before = importPlan(read, CLUSTERS, englishText);
    expect(before.canApply).toBe(false);
    // The typo is not carried over: HA would silently stay on.
    expect(before.answers).toContain('Router: load balancer');
    expect(before.notCarriedOver).toEqual(['InferenceRouterHA']);
    expect(before.clusterNote).toBe('The paste names no cluster: pick it in the first step.');
    const fix = read.errors[0].fix;
    if (!fix) throw new Error('no fix');
    const after = importPlan(applyImportFix(read, fix), CLUSTERS, englishText);
    expect(after.canApply).toBe(true);
    expect(after.answers).toContain('Router: load balancer, HA off');
    expect(after.values.inferenceRouterHA).toBe(false);
    expect(after.notCarriedOver).toEqual([]);
  });

  it('says the PEM files must be uploaded again, and the host name', () => {
    expect(importPlan(importSettings(aksProd.command), CLUSTERS, englishText).answers).toEqual([
      'Cluster: aks-prod-westeurope',
      'Extension name: azureml',
      'Workloads: training and inference',
      'Router: load balancer',
      'HTTPS: certificate files (re-upload needed)',
      'Endpoint host name: ml.contoso.com',
    ]);
    const plan = importPlan(importSettings(arcGpu.command), CLUSTERS, englishText);
    expect(plan.answers).toEqual(expect.arrayContaining(['Router: node port', 'NVIDIA device plugin: install', 'DCGM exporter: install']));
  });

  it('lists node selectors, release train, version, upgrades, a secret, an internal load balancer, and what is left out', () => {
    const text = `az k8s-extension create --cluster-name nowhere --config enableInference=True inferenceRouterServiceType=loadBalancer internalLoadBalancerProvider=azure \
      sslSecret=azureml-tls sslCname=ml.contoso.com inferenceRouterHA=True nodeSelector.pool=gpu installPromOp=False clusterPurpose=DevTest \
      --release-train preview --version 1.1.64 --auto-upgrade-minor-version false`;
    const plan = importPlan(importSettings(text), CLUSTERS, englishText);
    expect(plan.answers).toEqual([
      'Workloads: inference',
      'Router: internal load balancer (Azure), HA on',
      'HTTPS: Kubernetes secret azureml-tls',
      'Endpoint host name: ml.contoso.com',
      'Node selector: pool=gpu',
      'Prometheus operator: do not install',
      'Release train: preview',
      'Version: 1.1.64',
      'Minor version upgrades: manual',
    ]);
    expect(plan.notCarriedOver).toEqual(['clusterPurpose']);
    expect(plan.clusterNote).toBe('No single visible cluster named nowhere: pick the cluster in the first step.');
    expect(plan.values).not.toHaveProperty('clusterId');
  });

  it('never sets a cluster that is not listed, even when the paste spells out its id', () => {
    const text = 'az k8s-extension create -t managedClusters -c hidden -g rg --subscription sub1 --config enableTraining=True';
    const plan = importPlan(importSettings(text), CLUSTERS, englishText);
    expect(plan.values).toEqual({ workload: 'training' });
    expect(plan.clusterNote).toMatch(/named hidden/);
  });

  it('names protected values without quoting them', () => {
    const text = 'az k8s-extension create --config enableInference=True inferenceRouterServiceType=clusterIP --config-protected sslSecret=SECRET1 sslCname=SECRET2.example nodeSelector.pool=SECRET3';
    const answers = importPlan(importSettings(text), CLUSTERS, englishText).answers;
    expect(answers).toEqual([
      'Workloads: inference',
      'Router: cluster IP',
      'HTTPS: a Kubernetes secret (its name was given as protected and is not shown)',
      'Endpoint host name: given as protected, not shown',
      'Node selector: pool (its value was given as protected and is not shown)',
    ]);
  });

  it('speaks Portuguese', () => {
    const plan = importPlan(importSettings(poc.command, portugueseText), CLUSTERS, portugueseText);
    expect(plan.answers).toEqual([
      'Cluster: aks-two-nodes',
      'Nome da extensão: azureml',
      'Cargas de trabalho: treinamento e inferência',
      'Roteador: balanceador de carga, HA desligada',
      'HTTPS: desligado (somente HTTP, para desenvolvimento/teste)',
    ]);
    expect(importPlan(importSettings(SEED_SCENARIO_1_AS_PRINTED, portugueseText), CLUSTERS, portugueseText).clusterNote).toBe(
      'O texto colado não indica nenhum cluster: escolha-o na primeira etapa.',
    );
  });
});

describe('matchImportedCluster', () => {
  it('matches by id, else by name with group and type, only when exactly one does', () => {
    const twin = { ...cluster(SEED_CLUSTERS.aksTwoNodes), id: `${SEED_CLUSTERS.aksTwoNodes.id}-twin`, resourceGroup: 'rg-other' };
    const clusters = [...CLUSTERS, twin];
    const byName = (name: string, resourceGroup?: string) => matchImportedCluster(clusters, { cluster: { name, resourceGroup }, request: {} });
    expect(byName('AKS-TWO-NODES')).toBeUndefined();
    expect(byName('aks-two-nodes', 'RG-ML-PROD-EASTUS')?.id).toBe(SEED_CLUSTERS.aksTwoNodes.id);
    expect(matchImportedCluster(clusters, { cluster: {}, request: { clusterId: SEED_CLUSTERS.aksTwoNodes.id.toUpperCase() } })?.name).toBe('aks-two-nodes');
    expect(matchImportedCluster(clusters, { cluster: { name: 'arc-single-node', type: 'managedClusters' }, request: {} })).toBeUndefined();
  });
});
