import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { expectedComponents, readBooleanSetting, type ExpectedComponent } from './expected-components';

const run = (
  settings: Record<string, string>,
  clusterType: 'managedClusters' | 'connectedClusters' = 'managedClusters',
  nodeCount = 3,
  extensionName = 'azureml',
) => expectedComponents({ extensionName, clusterType, settings, nodeCount });
const names = (c: ExpectedComponent[]) => c.map((x) => x.name);
const find = (c: ExpectedComponent[], name: string) => c.find((x) => x.name === name);

const TRAINING = { enableTraining: 'True' };
const INFERENCE = { enableInference: 'True' };

describe('expectedComponents (DOMAIN.md section 7)', () => {
  it('relayserver: Arc only, never AKS', () => {
    expect(find(run(TRAINING, 'connectedClusters'), 'relayserver')).toMatchObject({ kind: 'Deployment', replicas: 1 });
    expect(find(run(TRAINING, 'managedClusters'), 'relayserver')).toBeUndefined();
  });

  it('always: gateway, metrics-controller-manager, {ext}-kube-state-metrics, fluent-bit, prometheus-prom-prometheus', () => {
    const c = run(TRAINING, 'managedClusters', 3, 'my-ml');
    expect(find(c, 'gateway')?.kind).toBe('Deployment');
    expect(find(c, 'metrics-controller-manager')?.kind).toBe('Deployment');
    expect(find(c, 'my-ml-kube-state-metrics')?.kind).toBe('Deployment');
    expect(find(c, 'fluent-bit')).toMatchObject({ kind: 'DaemonSet', replicas: 3 });
    expect(find(c, 'prometheus-prom-prometheus')).toMatchObject({ kind: 'StatefulSet', replicas: 1 });
  });

  it('aml-operator: training only', () => {
    expect(names(run(TRAINING))).toContain('aml-operator');
    expect(names(run(INFERENCE))).not.toContain('aml-operator');
  });

  it('{ext}-prometheus-operator: installPromOp, default True', () => {
    expect(names(run(TRAINING, 'managedClusters', 3, 'ml'))).toContain('ml-prometheus-operator');
    expect(names(run({ ...TRAINING, installPromOp: 'false' }, 'managedClusters', 3, 'ml'))).not.toContain('ml-prometheus-operator');
  });

  it('inference: identity controller and proxy, azureml-fe-v2, inference operator', () => {
    const c = names(run(INFERENCE));
    for (const n of ['amlarc-identity-controller', 'amlarc-identity-proxy', 'azureml-fe-v2', 'inference-operator-controller-manager']) {
      expect(c).toContain(n);
      expect(names(run(TRAINING))).not.toContain(n);
    }
  });

  it('azureml-fe-v2: 3 replicas by default, 1 with inferenceRouterHA False (any case), key is case-sensitive', () => {
    expect(find(run(INFERENCE), 'azureml-fe-v2')?.replicas).toBe(3);
    expect(find(run({ ...INFERENCE, inferenceRouterHA: 'False' }), 'azureml-fe-v2')?.replicas).toBe(1);
    expect(find(run({ ...INFERENCE, inferenceRouterHA: 'FALSE' }), 'azureml-fe-v2')?.replicas).toBe(1);
    // The documented typo is a different key and is ignored (DOMAIN.md section 2).
    expect(find(run({ ...INFERENCE, InferenceRouterHA: 'False' }), 'azureml-fe-v2')?.replicas).toBe(3);
  });

  it('azureml-ingress-nginx-controller: inference with nginxIngress.enabled, default on AKS, off on Arc', () => {
    expect(names(run(INFERENCE, 'managedClusters'))).toContain('azureml-ingress-nginx-controller');
    expect(names(run(INFERENCE, 'connectedClusters'))).not.toContain('azureml-ingress-nginx-controller');
    expect(names(run({ ...INFERENCE, 'nginxIngress.enabled': 'true' }, 'connectedClusters'))).toContain('azureml-ingress-nginx-controller');
    expect(names(run({ ...INFERENCE, 'nginxIngress.enabled': 'false' }, 'managedClusters'))).not.toContain('azureml-ingress-nginx-controller');
    expect(names(run(TRAINING, 'managedClusters'))).not.toContain('azureml-ingress-nginx-controller');
  });

  it('volcano-admission, -controllers, -scheduler: training and installVolcano (default True)', () => {
    const volcano = ['volcano-admission', 'volcano-controllers', 'volcano-scheduler'];
    expect(names(run(TRAINING))).toEqual(expect.arrayContaining(volcano));
    expect(names(run({ ...TRAINING, installVolcano: 'False' })).filter((n) => n.startsWith('volcano'))).toEqual([]);
    expect(names(run(INFERENCE)).filter((n) => n.startsWith('volcano'))).toEqual([]);
  });

  it('{ext}-dcgm-exporter and nvidia-device-plugin-daemonset: DaemonSets when asked for, one per node', () => {
    expect(names(run(TRAINING, 'managedClusters', 3, 'ml')).some((n) => n.includes('dcgm') || n.includes('nvidia'))).toBe(false);
    const gpu = run({ ...TRAINING, installDcgmExporter: 'True', installNvidiaDevicePlugin: 'true' }, 'connectedClusters', 5, 'ml');
    expect(find(gpu, 'ml-dcgm-exporter')).toMatchObject({ kind: 'DaemonSet', replicas: 5 });
    expect(find(gpu, 'nvidia-device-plugin-daemonset')).toMatchObject({ kind: 'DaemonSet', replicas: 5 });
  });

  it('DaemonSets expect at least one pod even with no eligible node', () => {
    expect(find(run(TRAINING, 'managedClusters', 0), 'fluent-bit')?.replicas).toBe(1);
  });

  it('lists the seed AKS proof of concept exactly, in table order, each with a reason', () => {
    const c = run({ ...TRAINING, ...INFERENCE, inferenceRouterHA: 'False' }, 'managedClusters', 2);
    expect(names(c)).toEqual([
      'gateway', 'aml-operator', 'metrics-controller-manager', 'azureml-kube-state-metrics', 'azureml-prometheus-operator',
      'amlarc-identity-controller', 'amlarc-identity-proxy', 'azureml-fe-v2', 'inference-operator-controller-manager',
      'azureml-ingress-nginx-controller', 'volcano-admission', 'volcano-controllers', 'volcano-scheduler',
      'fluent-bit', 'prometheus-prom-prometheus',
    ]);
    expect(c.every((x) => x.why.length > 10)).toBe(true);
  });
});

describe('readBooleanSetting', () => {
  it('reads values case-insensitively and falls back on missing or odd values', () => {
    expect(readBooleanSetting({ a: 'TRUE' }, 'a', false)).toBe(true);
    expect(readBooleanSetting({ a: 'no' }, 'a', true)).toBe(true);
    expect(readBooleanSetting({}, 'a', false)).toBe(false);
    expect(readBooleanSetting({ A: 'true' }, 'a', false)).toBe(false);
  });
});

describe('expectedComponents in Brazilian Portuguese', () => {
  it('says why each component is there in the reader language, names and settings unchanged', () => {
    const input = { extensionName: 'azureml', clusterType: 'managedClusters' as const, settings: { ...TRAINING, ...INFERENCE }, nodeCount: 3 };
    const english = expectedComponents(input);
    const portuguese = expectedComponents(input, portugueseText);
    expect(names(portuguese)).toEqual(names(english));
    for (const [i, c] of portuguese.entries()) expect(c.why, c.name).not.toBe(english[i].why);
    expect(find(portuguese, 'azureml-fe-v2')?.why).toBe('Roteador de inferência; 3 réplicas porque inferenceRouterHA está ativado.');
  });
});
