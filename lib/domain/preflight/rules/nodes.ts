/**
 * Rules about the nodes Azure ML will run on: enough of them for the HA inference router, enough
 * capacity for production, and at least one linux/amd64 node. Pure.
 */
import type { AgentPoolFacts } from '@/lib/domain/cluster';
import { HA_MIN_NODES, SETTING, settingIsOn } from '@/lib/domain/settings-catalog';

import {
  countNodes,
  describePool,
  describeSelector,
  inferenceEnabled,
  isLinuxPool,
  nodeSelectorPairs,
  selectedPools,
  type RuleContext,
} from '../context';
import type { Finding } from '../types';
import { isArm64VmSize, vmSizeSpec } from '../vm-sizes';

/** `inferenceRouterHA` runs 3 router replicas, one per node (E40002 below this); defined in the settings catalog. */
export { HA_MIN_NODES };
/** Production minimum of the seed's "Pré-requisitos": 4 vCPU and 14 GB for the whole cluster. */
export const PRODUCTION_MIN_VCPUS = 4;
export const PRODUCTION_MIN_MEMORY_GIB = 14;

const HA_KEY = SETTING.inferenceRouterHA;

/** Where `inferenceRouterHA` ends up, and whether the user chose it. */
export interface RouterHaDecision {
  on: boolean;
  explicit: boolean;
}

/**
 * The CLI's own decision (DOMAIN.md section 4): a value the user set wins; otherwise HA is on
 * (the chart default) unless the cluster has fewer than 3 nodes IN TOTAL, where the CLI writes
 * `inferenceRouterHA=False` itself. It counts all nodes, not those the nodeSelector allows: that
 * gap is AML-Kubernetes #271, and why the HA rule counts selected nodes separately.
 */
export function routerHaDecision(settings: Record<string, string>, totalNodes: number): RouterHaDecision {
  const explicit = Object.prototype.hasOwnProperty.call(settings, HA_KEY);
  if (explicit) return { on: settingIsOn(settings, HA_KEY), explicit };
  return { on: totalNodes >= HA_MIN_NODES, explicit };
}

/** Keys that differ from `inferenceRouterHA` only in case: the CLI passes them on and the chart ignores them. */
function miscasedHaKeys(settings: Record<string, string>): string[] {
  return Object.keys(settings).filter((key) => key !== HA_KEY && key.toLowerCase() === HA_KEY.toLowerCase());
}

/**
 * Inference with the HA router needs 3 nodes the router may run on. Blocks only when HA ends up on
 * (see {@link routerHaDecision}): explicitly set True, or left to the default on a cluster of 3+
 * nodes whose nodeSelector leaves fewer than 3. AKS counts Linux pools whose labels match every
 * selector pair; Arc reports only its total node count (no per-node labels in ARM).
 */
export function haThreeNodesRule(context: RuleContext): Finding | null {
  if (!inferenceEnabled(context.settings)) return null;
  const cluster = context.facts.cluster;
  const pairs = nodeSelectorPairs(context.settings);
  const isAks = cluster.type === 'managedClusters';
  const total = isAks ? countNodes(cluster.agentPoolProfiles) : cluster.totalNodeCount;
  if (total === null) return null; // an Arc agent that never reported: nothing to count
  const eligible = isAks ? countNodes(selectedPools(cluster.agentPoolProfiles, context.settings)) : total;
  const ha = routerHaDecision(context.settings, total);
  if (!ha.on || eligible >= HA_MIN_NODES) return null;

  const { text } = context;
  const min = HA_MIN_NODES;
  const why = ha.explicit
    ? text('preflight.haThreeNodes.whyExplicit', { value: context.settings[HA_KEY] ?? '' })
    : text('preflight.haThreeNodes.whyDefault', { min, total });
  let counted: string;
  if (!isAks) counted = text('preflight.haThreeNodes.countedArc', { count: eligible });
  else if (pairs.length > 0) counted = text('preflight.haThreeNodes.countedSelector', { count: eligible, selector: describeSelector(pairs), total });
  else counted = text('preflight.haThreeNodes.countedLinux', { count: eligible });
  const message = text('preflight.haThreeNodes.message', { why, min, cluster: cluster.summary.name, counted });
  const typo = miscasedHaKeys(context.settings);
  const remedy =
    pairs.length > 0 && isAks
      ? text('preflight.haThreeNodes.remedyLabel', { min, selector: describeSelector(pairs) })
      : text('preflight.haThreeNodes.remedyAddNodes', { min });
  return {
    code: 'ha-needs-three-nodes',
    severity: 'error',
    message: typo.length > 0 ? `${message} ${text('preflight.haThreeNodes.miscasedKey', { keys: typo.join(', ') })}` : message,
    fix: text('preflight.haThreeNodes.fix', { remedy }),
  };
}

/** Totals over pools whose size is known, and the pools whose size is not. */
function poolCapacity(pools: readonly AgentPoolFacts[]) {
  let vcpus = 0;
  let memoryGiB = 0;
  const unknown: AgentPoolFacts[] = [];
  for (const pool of pools) {
    const spec = vmSizeSpec(pool.vmSize);
    if (!spec) unknown.push(pool);
    else {
      vcpus += spec.vcpus * pool.count;
      memoryGiB += spec.memoryGiB * pool.count;
    }
  }
  return { vcpus, memoryGiB, unknown };
}

const PRODUCTION_MINIMUM = { minVcpus: PRODUCTION_MIN_VCPUS, minMemory: PRODUCTION_MIN_MEMORY_GIB };

/**
 * The seed's production minimum. AKS: from VM sizes of the selected pools (unknown sizes are
 * reported as "could not confirm", never assumed big enough). Arc: `totalCoreCount`; ARM does not
 * report Arc memory, so only cores are checked.
 */
export function productionCapacityRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  const name = cluster.summary.name;
  const { text } = context;
  const fix = text('preflight.productionCapacity.fix', PRODUCTION_MINIMUM);
  if (cluster.type === 'connectedClusters') {
    const cores = cluster.totalCoreCount;
    if (cores === null || cores >= PRODUCTION_MIN_VCPUS) return null;
    return {
      code: 'below-production-capacity',
      severity: 'warning',
      message: text('preflight.productionCapacity.arcMessage', { cluster: name, cores, ...PRODUCTION_MINIMUM }),
      fix,
    };
  }
  const pools = selectedPools(cluster.agentPoolProfiles, context.settings);
  const { vcpus, memoryGiB, unknown } = poolCapacity(pools);
  if (vcpus >= PRODUCTION_MIN_VCPUS && memoryGiB >= PRODUCTION_MIN_MEMORY_GIB) return null;
  const scoped = nodeSelectorPairs(context.settings).length > 0 ? 'preflight.productionCapacity.selectedPoolsMessage' : 'preflight.productionCapacity.linuxPoolsMessage';
  const message = text(scoped, { cluster: name, vcpus, memory: memoryGiB, partial: String(unknown.length > 0), ...PRODUCTION_MINIMUM });
  const unknownNote = text('preflight.productionCapacity.unknownSizes', { pools: unknown.map((pool) => describePool(pool, text)).join(', ') });
  return {
    code: 'below-production-capacity',
    severity: 'warning',
    message: unknown.length > 0 ? `${message} ${unknownNote}` : message,
    fix,
  };
}

/**
 * Azure ML's components are linux/amd64 images. AKS: warn when no pool is Linux on an x86 size
 * (Windows pools and Arm64 sizes such as Dps_v5 do not count). Arc: ARM reports no node OS or
 * architecture, so nothing is said.
 */
export function linuxAmd64Rule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters') return null;
  const pools = cluster.agentPoolProfiles;
  const amd64 = pools.filter((pool) => isLinuxPool(pool) && !isArm64VmSize(pool.vmSize));
  if (amd64.length > 0) return null;
  const { text } = context;
  const described =
    pools.length > 0 ? pools.map((p) => `${describePool(p, text)}, ${p.osType ?? 'Linux'}`).join('; ') : text('preflight.linuxAmd64.noPools');
  return {
    code: 'no-linux-amd64-node',
    severity: 'warning',
    message: text('preflight.linuxAmd64.message', { cluster: cluster.summary.name, pools: described }),
    fix: text('preflight.linuxAmd64.fix', { resourceGroup: cluster.summary.resourceGroup, cluster: cluster.summary.name, count: HA_MIN_NODES }),
  };
}
