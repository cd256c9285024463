/**
 * GPU rules: `installNvidiaDevicePlugin` and GPU hardware should go together, whichever is
 * missing (DOMAIN.md section 6, "warn either way"). AKS only: ARM reports no Arc node hardware,
 * so on Arc nothing is claimed either way. Pure.
 */
import { SETTING, settingIsOn } from '@/lib/domain/settings-catalog';

import { describePool, describeSelector, isLinuxPool, nodeSelectorPairs, selectedPools, type RuleContext } from '../context';
import type { Finding } from '../types';
import { isGpuVmSize } from '../vm-sizes';

/**
 * The plugin requested but no NC/ND/NV pool the extension may use: the DaemonSet would run on
 * CPU nodes and GPU jobs would never schedule.
 */
export function noGpuNodesRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters' || !settingIsOn(context.settings, SETTING.installNvidiaDevicePlugin)) return null;
  const selected = selectedPools(cluster.agentPoolProfiles, context.settings).filter((pool) => isGpuVmSize(pool.vmSize));
  if (selected.length > 0) return null;
  const pairs = nodeSelectorPairs(context.settings);
  const elsewhere = cluster.agentPoolProfiles.filter((pool) => isLinuxPool(pool) && isGpuVmSize(pool.vmSize));
  const { text } = context;
  const pools = (list: typeof elsewhere) => list.map((pool) => describePool(pool, text)).join(', ');
  const detail =
    elsewhere.length > 0
      ? text('preflight.noGpuNodes.poolsNotSelected', { pools: pools(elsewhere), selector: describeSelector(pairs) })
      : text('preflight.noGpuNodes.noGpuPools', { pools: pools(cluster.agentPoolProfiles) });
  return {
    code: 'no-gpu-nodes',
    severity: 'warning',
    message: text('preflight.noGpuNodes.message', { cluster: cluster.summary.name, detail }),
    fix:
      elsewhere.length > 0
        ? text('preflight.noGpuNodes.fixSelector')
        : text('preflight.noGpuNodes.fixAddPool', { resourceGroup: cluster.summary.resourceGroup, cluster: cluster.summary.name }),
  };
}

/**
 * GPU pools but the plugin off: Kubernetes does not advertise `nvidia.com/gpu` without a device
 * plugin, so GPU jobs stay Pending unless one is already installed (e.g. by the NVIDIA GPU Operator).
 */
export function gpuWithoutPluginRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters' || settingIsOn(context.settings, SETTING.installNvidiaDevicePlugin)) return null;
  const gpuPools = cluster.agentPoolProfiles.filter((pool) => isGpuVmSize(pool.vmSize));
  if (gpuPools.length === 0) return null;
  const { text } = context;
  return {
    code: 'gpu-without-device-plugin',
    severity: 'warning',
    message: text('preflight.gpuWithoutPlugin.message', {
      cluster: cluster.summary.name,
      pools: gpuPools.map((pool) => describePool(pool, text)).join(', '),
    }),
    fix: text('preflight.gpuWithoutPlugin.fix'),
  };
}
