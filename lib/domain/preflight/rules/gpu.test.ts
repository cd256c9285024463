import { describe, expect, it } from 'vitest';

import { aksCluster, arcCluster, ctx, facts, pool } from '../test-fixtures';

import { gpuWithoutPluginRule, noGpuNodesRule } from './gpu';

const PLUGIN = { installNvidiaDevicePlugin: 'True' };
const withGpu = () =>
  aksCluster({ agentPoolProfiles: [pool({ count: 2 }), pool({ name: 'gpupool', count: 2, vmSize: 'Standard_NC6s_v3', nodeLabels: { accelerator: 'nvidia' } })] });

describe('noGpuNodesRule', () => {
  it('passes when the plugin is requested on a cluster with a GPU pool', () => {
    expect(noGpuNodesRule(ctx(facts(withGpu()), PLUGIN))).toBeNull();
  });

  it('warns when the plugin is requested and no pool is NC/ND/NV', () => {
    const finding = noGpuNodesRule(ctx(facts(aksCluster()), { installNvidiaDevicePlugin: 'true' }));
    expect(finding).toMatchObject({ code: 'no-gpu-nodes', severity: 'warning' });
    expect(finding?.message).toContain('nodepool1 (3 × Standard_D4s_v5)');
    expect(finding?.fix).toContain('set installNvidiaDevicePlugin to False');
  });

  it('warns when the GPU pools do not match the nodeSelector', () => {
    const finding = noGpuNodesRule(ctx(facts(withGpu()), { ...PLUGIN, 'nodeSelector.tier': 'cpu' }));
    expect(finding?.message).toContain('its GPU pools (gpupool (2 × Standard_NC6s_v3)) do not match nodeSelector tier=cpu');
  });

  it('says nothing without the plugin, or on Arc', () => {
    expect(noGpuNodesRule(ctx(facts(aksCluster())))).toBeNull();
    expect(noGpuNodesRule(ctx(facts(arcCluster()), PLUGIN))).toBeNull();
  });
});

describe('gpuWithoutPluginRule', () => {
  it('warns when GPU pools exist and the plugin is off', () => {
    const finding = gpuWithoutPluginRule(ctx(facts(withGpu())));
    expect(finding).toMatchObject({ code: 'gpu-without-device-plugin', severity: 'warning' });
    expect(finding?.message).toContain('gpupool (2 × Standard_NC6s_v3)');
    expect(finding?.fix).toContain('Set installNvidiaDevicePlugin to True');
  });

  it('passes with the plugin on, without GPU pools, and on Arc', () => {
    expect(gpuWithoutPluginRule(ctx(facts(withGpu()), PLUGIN))).toBeNull();
    expect(gpuWithoutPluginRule(ctx(facts(aksCluster())))).toBeNull();
    expect(gpuWithoutPluginRule(ctx(facts(arcCluster())))).toBeNull();
  });
});
