/**
 * Rules about the nodes Azure ML will run on: enough of them for the HA inference router, enough
 * capacity for production, and at least one linux/amd64 node. Pure.
 */
import type { AgentPoolFacts } from '@/lib/domain/cluster';
import { readBooleanSetting } from '@/lib/domain/expected-components';

import {
  countNodes,
  describePool,
  describeSelector,
  inferenceEnabled,
  isLinuxPool,
  nodeSelectorPairs,
  plural,
  selectedPools,
  type RuleContext,
} from '../context';
import type { Finding } from '../types';
import { isArm64VmSize, vmSizeSpec } from '../vm-sizes';

/** `inferenceRouterHA` runs 3 router replicas, one per node (E40002 below this). */
export const HA_MIN_NODES = 3;
/** Production minimum of the seed's "Pré-requisitos": 4 vCPU and 14 GB for the whole cluster. */
export const PRODUCTION_MIN_VCPUS = 4;
export const PRODUCTION_MIN_MEMORY_GIB = 14;

const HA_KEY = 'inferenceRouterHA';

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
  if (explicit) return { on: readBooleanSetting(settings, HA_KEY, true), explicit };
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

  const why = ha.explicit
    ? `inferenceRouterHA is set to ${context.settings[HA_KEY]}`
    : `inferenceRouterHA is left at its default: the CLI turns it off only below ${HA_MIN_NODES} nodes in total, and the cluster has ${total}`;
  let counted: string;
  if (!isAks) {
    counted = `${plural(eligible, 'node')} in total (Arc does not report node labels to Azure, so this count ignores any nodeSelector)`;
  } else if (pairs.length > 0) {
    counted = `${plural(eligible, 'node')} matching nodeSelector ${describeSelector(pairs)} (of ${total} in total)`;
  } else {
    counted = `${plural(eligible, 'Linux node')}`;
  }
  const typo = miscasedHaKeys(context.settings);
  const typoNote = typo.length > 0 ? ` Note: ${typo.join(', ')} is not inferenceRouterHA (keys are case-sensitive) and is ignored.` : '';
  return {
    code: 'ha-needs-three-nodes',
    severity: 'error',
    message: `${why}, which runs ${HA_MIN_NODES} inference router replicas on separate nodes, but ${cluster.summary.name} has ${counted}. The install would fail its health check with E40002.${typoNote}`,
    fix: `Set inferenceRouterHA to False (one router replica), or ${pairs.length > 0 && isAks ? `label at least ${HA_MIN_NODES} nodes with ${describeSelector(pairs)}` : `add nodes to reach at least ${HA_MIN_NODES}`}.`,
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

const PRODUCTION_FIX = `For production, give the nodes Azure ML may use at least ${PRODUCTION_MIN_VCPUS} vCPU and ${PRODUCTION_MIN_MEMORY_GIB} GB of memory in total (add nodes or use a larger VM size). A dev/test install may go ahead.`;

/**
 * The seed's production minimum. AKS: from VM sizes of the selected pools (unknown sizes are
 * reported as "could not confirm", never assumed big enough). Arc: `totalCoreCount`; ARM does not
 * report Arc memory, so only cores are checked.
 */
export function productionCapacityRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  const name = cluster.summary.name;
  if (cluster.type === 'connectedClusters') {
    const cores = cluster.totalCoreCount;
    if (cores === null || cores >= PRODUCTION_MIN_VCPUS) return null;
    return {
      code: 'below-production-capacity',
      severity: 'warning',
      message: `${name} reports ${plural(cores, 'CPU core')} in total, below the ${PRODUCTION_MIN_VCPUS} vCPU production minimum (Azure does not report Arc memory; ${PRODUCTION_MIN_MEMORY_GIB} GB is also needed).`,
      fix: PRODUCTION_FIX,
    };
  }
  const pools = selectedPools(cluster.agentPoolProfiles, context.settings);
  const { vcpus, memoryGiB, unknown } = poolCapacity(pools);
  if (vcpus >= PRODUCTION_MIN_VCPUS && memoryGiB >= PRODUCTION_MIN_MEMORY_GIB) return null;
  const scope = nodeSelectorPairs(context.settings).length > 0 ? 'the pools matching nodeSelector have' : 'its Linux pools have';
  const unknownNote = unknown.length > 0 ? ` The size of ${unknown.map(describePool).join(', ')} is not known to the portal, so capacity could not be confirmed.` : '';
  return {
    code: 'below-production-capacity',
    severity: 'warning',
    message: `${name}: ${scope} ${vcpus} vCPU and ${memoryGiB} GB of memory${unknown.length > 0 ? ' that the portal can count' : ''}, below the production minimum of ${PRODUCTION_MIN_VCPUS} vCPU and ${PRODUCTION_MIN_MEMORY_GIB} GB.${unknownNote}`,
    fix: PRODUCTION_FIX,
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
  return {
    code: 'no-linux-amd64-node',
    severity: 'warning',
    message: `${cluster.summary.name} has no Linux node pool on an x86-64 VM size (${pools.length > 0 ? pools.map((p) => `${describePool(p)}, ${p.osType ?? 'Linux'}`).join('; ') : 'no pools'}). Azure ML's components run only on linux/amd64 nodes.`,
    fix: `Add a Linux node pool with an x86-64 size, e.g. \`az aks nodepool add --resource-group ${cluster.summary.resourceGroup} --cluster-name ${cluster.summary.name} --name amlpool --node-count ${HA_MIN_NODES} --node-vm-size Standard_D4s_v5 --os-type Linux\`.`,
  };
}
