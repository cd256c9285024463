import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { aksCluster, arcCluster, ctx, facts, INFERENCE, pool } from '../test-fixtures';

import { haThreeNodesRule, linuxAmd64Rule, productionCapacityRule, routerHaDecision } from './nodes';

const twoNodes = () => aksCluster({ agentPoolProfiles: [pool({ count: 2 })] });
/** AML-Kubernetes #271: 4 nodes, but only the 2 GPU nodes carry the selector's label. */
const gpuSelected = () =>
  aksCluster({
    agentPoolProfiles: [pool({ count: 2 }), pool({ name: 'gpupool', count: 2, vmSize: 'Standard_NC6s_v3', mode: 'User', nodeLabels: { accelerator: 'nvidia' } })],
  });

describe('routerHaDecision (what the CLI ends up sending)', () => {
  it('keeps a value the user set, whatever the node count', () => {
    expect(routerHaDecision({ inferenceRouterHA: 'true' }, 2)).toEqual({ on: true, explicit: true });
    expect(routerHaDecision({ inferenceRouterHA: 'False' }, 5)).toEqual({ on: false, explicit: true });
  });

  it('defaults to on, and off under 3 nodes in total', () => {
    expect(routerHaDecision({}, 3)).toEqual({ on: true, explicit: false });
    expect(routerHaDecision({}, 2)).toEqual({ on: false, explicit: false });
    // the seed's typo is not the key: the default decides
    expect(routerHaDecision({ InferenceRouterHA: 'True' }, 2)).toEqual({ on: false, explicit: false });
  });
});

describe('haThreeNodesRule', () => {
  it('blocks 2 nodes when the user explicitly turned HA on', () => {
    const finding = haThreeNodesRule(ctx(facts(twoNodes()), { ...INFERENCE, inferenceRouterHA: 'True' }));
    expect(finding).toMatchObject({ code: 'ha-needs-three-nodes', severity: 'error' });
    expect(finding?.message).toContain('inferenceRouterHA is set to True');
    expect(finding?.message).toContain('has 2 Linux nodes');
    expect(finding?.message).toContain('E40002');
    expect(finding?.fix).toMatch(/^Set inferenceRouterHA to False/);
  });

  it('passes 2 nodes with HA left to the default (the CLI turns it off) or set False', () => {
    expect(haThreeNodesRule(ctx(facts(twoNodes()), INFERENCE))).toBeNull();
    expect(haThreeNodesRule(ctx(facts(twoNodes()), { ...INFERENCE, inferenceRouterHA: 'false' }))).toBeNull();
  });

  it('blocks when the nodeSelector leaves fewer than 3 of 4 nodes and HA stays on by default (#271)', () => {
    const finding = haThreeNodesRule(ctx(facts(gpuSelected()), { ...INFERENCE, 'nodeSelector.accelerator': 'nvidia' }));
    expect(finding?.message).toContain('left at its default');
    expect(finding?.message).toContain('2 nodes matching nodeSelector accelerator=nvidia (of 4 in total)');
    expect(finding?.fix).toContain('label at least 3 nodes with accelerator=nvidia');
  });

  it('passes when enough nodes match the selector, and when inference is off', () => {
    expect(haThreeNodesRule(ctx(facts(aksCluster()), INFERENCE))).toBeNull();
    expect(haThreeNodesRule(ctx(facts(gpuSelected()), { enableTraining: 'True', 'nodeSelector.accelerator': 'nvidia' }))).toBeNull();
  });

  it('counts Arc nodes without labels and says so', () => {
    const finding = haThreeNodesRule(ctx(facts(arcCluster({ totalNodeCount: 1 })), { ...INFERENCE, inferenceRouterHA: 'True' }));
    expect(finding?.message).toContain('1 node in total (Arc does not report node labels');
    expect(haThreeNodesRule(ctx(facts(arcCluster({ totalNodeCount: 1 })), INFERENCE))).toBeNull();
  });

  it('points out a miscased key', () => {
    const finding = haThreeNodesRule(ctx(facts(twoNodes()), { ...INFERENCE, inferenceRouterHA: 'True', InferenceRouterHA: 'False' }));
    expect(finding?.message).toContain('InferenceRouterHA is not inferenceRouterHA');
  });
});

describe('productionCapacityRule', () => {
  it('passes 3 × D4s_v5 (12 vCPU, 48 GB) and an Arc cluster with 4 cores', () => {
    expect(productionCapacityRule(ctx(facts(aksCluster())))).toBeNull();
    expect(productionCapacityRule(ctx(facts(arcCluster({ totalCoreCount: 4 }))))).toBeNull();
  });

  it('warns 1 × D2s_v3 with its numbers', () => {
    const finding = productionCapacityRule(ctx(facts(aksCluster({ agentPoolProfiles: [pool({ count: 1, vmSize: 'Standard_D2s_v3' })] }))));
    expect(finding).toMatchObject({ code: 'below-production-capacity', severity: 'warning' });
    expect(finding?.message).toContain('2 vCPU and 8 GB');
  });

  it('counts only pools matching the nodeSelector', () => {
    const cluster = aksCluster({ agentPoolProfiles: [pool({ count: 3 }), pool({ name: 'small', count: 1, vmSize: 'Standard_B2s', nodeLabels: { ml: 'yes' } })] });
    expect(productionCapacityRule(ctx(facts(cluster), { 'nodeSelector.ml': 'yes' }))?.message).toContain('the pools matching nodeSelector have 2 vCPU and 4 GB');
  });

  it('does not assume an unknown size is big enough', () => {
    const finding = productionCapacityRule(ctx(facts(aksCluster({ agentPoolProfiles: [pool({ vmSize: 'Standard_Weird9' })] }))));
    expect(finding?.message).toContain('nodepool1 (3 × Standard_Weird9) is not known to the portal');
  });

  it('warns an Arc cluster with 2 cores', () => {
    expect(productionCapacityRule(ctx(facts(arcCluster({ totalCoreCount: 2 }))))?.message).toContain('2 CPU cores in total');
  });
});

describe('linuxAmd64Rule', () => {
  it('passes a Linux x86 pool, and Arc (nothing is reported)', () => {
    expect(linuxAmd64Rule(ctx(facts(aksCluster())))).toBeNull();
    expect(linuxAmd64Rule(ctx(facts(arcCluster())))).toBeNull();
  });

  it('warns when every pool is Windows or Arm64', () => {
    const cluster = aksCluster({
      agentPoolProfiles: [pool({ name: 'arm', vmSize: 'Standard_D4ps_v5' }), pool({ name: 'win', osType: 'Windows' })],
    });
    const finding = linuxAmd64Rule(ctx(facts(cluster)));
    expect(finding).toMatchObject({ code: 'no-linux-amd64-node', severity: 'warning' });
    expect(finding?.message).toContain('arm (3 × Standard_D4ps_v5), Linux; win (3 × Standard_D4s_v5), Windows');
    expect(finding?.fix).toContain('az aks nodepool add');
  });
});

describe('node rules in Brazilian Portuguese', () => {
  it('counts nodes with Portuguese plurals and names the selector', () => {
    const one = haThreeNodesRule(ctx(facts(arcCluster({ totalNodeCount: 1 })), { ...INFERENCE, inferenceRouterHA: 'True' }, portugueseText));
    expect(one?.message).toContain('mas arc-test tem 1 nó no total (o Arc não informa os rótulos dos nós');
    const selected = haThreeNodesRule(ctx(facts(gpuSelected()), { ...INFERENCE, 'nodeSelector.accelerator': 'nvidia' }, portugueseText));
    expect(selected?.message).toMatch(/^inferenceRouterHA está no padrão: a CLI só o desliga com menos de 3 nós no total, e o cluster tem 4/);
    expect(selected?.message).toContain('2 nós correspondentes ao nodeSelector accelerator=nvidia (de 4 no total)');
    expect(selected?.fix).toBe('Defina inferenceRouterHA como False (uma réplica do roteador) ou aplique o rótulo accelerator=nvidia a pelo menos 3 nós.');
  });

  it('writes capacity with the numbers and the unknown sizes in Portuguese', () => {
    const finding = productionCapacityRule(ctx(facts(aksCluster({ agentPoolProfiles: [pool({ count: 1, vmSize: 'Standard_D2s_v3' }), pool({ name: 'x', vmSize: 'Standard_Weird9' })] })), {}, portugueseText));
    expect(finding?.message).toBe(
      'aks-test: os pools Linux têm 2 vCPU e 8 GB de memória que o portal consegue contar, abaixo do mínimo de produção de 4 vCPU e 14 GB. O tamanho de x (3 × Standard_Weird9) não é conhecido pelo portal, então não foi possível confirmar a capacidade.',
    );
    expect(productionCapacityRule(ctx(facts(arcCluster({ totalCoreCount: 2 })), {}, portugueseText))?.message).toContain('2 núcleos de CPU no total');
  });
});
