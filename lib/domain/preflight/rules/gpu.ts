/**
 * GPU rules: `installNvidiaDevicePlugin` and GPU hardware should go together, whichever is
 * missing (DOMAIN.md section 6, "warn either way"). AKS only: ARM reports no Arc node hardware,
 * so on Arc nothing is claimed either way. Pure.
 */
import { readBooleanSetting } from '@/lib/domain/expected-components';

import { describePool, describeSelector, isLinuxPool, nodeSelectorPairs, selectedPools, type RuleContext } from '../context';
import type { Finding } from '../types';
import { isGpuVmSize } from '../vm-sizes';

const PLUGIN_KEY = 'installNvidiaDevicePlugin';

/**
 * The plugin requested but no NC/ND/NV pool the extension may use: the DaemonSet would run on
 * CPU nodes and GPU jobs would never schedule.
 */
export function noGpuNodesRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters' || !readBooleanSetting(context.settings, PLUGIN_KEY, false)) return null;
  const selected = selectedPools(cluster.agentPoolProfiles, context.settings).filter((pool) => isGpuVmSize(pool.vmSize));
  if (selected.length > 0) return null;
  const pairs = nodeSelectorPairs(context.settings);
  const elsewhere = cluster.agentPoolProfiles.filter((pool) => isLinuxPool(pool) && isGpuVmSize(pool.vmSize));
  const detail =
    elsewhere.length > 0
      ? `its GPU pools (${elsewhere.map(describePool).join(', ')}) do not match nodeSelector ${describeSelector(pairs)}`
      : `none of its pools (${cluster.agentPoolProfiles.map(describePool).join(', ')}) uses a GPU VM size (NC, ND or NV)`;
  return {
    code: 'no-gpu-nodes',
    severity: 'warning',
    message: `installNvidiaDevicePlugin is True, but on ${cluster.summary.name} ${detail}, so GPU workloads have nowhere to run.`,
    fix:
      elsewhere.length > 0
        ? `Extend nodeSelector so it includes the GPU pools, or set installNvidiaDevicePlugin to False.`
        : `Add a GPU node pool (e.g. \`az aks nodepool add --resource-group ${cluster.summary.resourceGroup} --cluster-name ${cluster.summary.name} --name gpupool --node-vm-size Standard_NC6s_v3 --node-count 1\`), or set installNvidiaDevicePlugin to False.`,
  };
}

/**
 * GPU pools but the plugin off: Kubernetes does not advertise `nvidia.com/gpu` without a device
 * plugin, so GPU jobs stay Pending unless one is already installed (e.g. by the NVIDIA GPU Operator).
 */
export function gpuWithoutPluginRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters' || readBooleanSetting(context.settings, PLUGIN_KEY, false)) return null;
  const gpuPools = cluster.agentPoolProfiles.filter((pool) => isGpuVmSize(pool.vmSize));
  if (gpuPools.length === 0) return null;
  return {
    code: 'gpu-without-device-plugin',
    severity: 'warning',
    message: `${cluster.summary.name} has GPU nodes (${gpuPools.map(describePool).join(', ')}) but installNvidiaDevicePlugin is False: without an NVIDIA device plugin, Azure ML cannot schedule GPU jobs on them.`,
    fix: 'Set installNvidiaDevicePlugin to True, unless the cluster already runs an NVIDIA device plugin (for example through the NVIDIA GPU Operator).',
  };
}
