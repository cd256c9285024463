/**
 * What every preflight rule receives, and the small readings of settings and node pools that
 * several rules share. Pure.
 */
import type { AgentPoolFacts, ClusterDetails } from '@/lib/domain/cluster';
import { NODE_SELECTOR_PREFIX, SETTING, settingIsOn } from '@/lib/domain/settings-catalog';
import type { DomainText } from '@/lib/i18n/domain-text';

import type { Finding, PreflightFacts } from './types';

/** The input of one rule: the cluster's facts, the settings about to be installed, the clock and the language. */
export interface RuleContext {
  facts: PreflightFacts;
  /** `configurationSettings` in the CLI's vocabulary; `{}` means "all defaults". */
  settings: Record<string, string>;
  /** Injected so "offline for 72 h" is testable without waiting. */
  now: Date;
  /** The language a finding's `message` and `fix` are written in (`preflight.*` messages). */
  text: DomainText;
}

/** A rule returns its finding, or null when the cluster passes (or the rule does not apply). */
export type PreflightRule = (context: RuleContext) => Finding | null;

/** `enableInference`, with its catalog default (False). */
export function inferenceEnabled(settings: Record<string, string>): boolean {
  return settingIsOn(settings, SETTING.enableInference);
}

/** `nodeSelector.<key>=<value>` settings as `[key, value]` pairs, in the order given. */
export function nodeSelectorPairs(settings: Record<string, string>): Array<[string, string]> {
  return Object.entries(settings)
    .filter(([key]) => key.startsWith(NODE_SELECTOR_PREFIX) && key.length > NODE_SELECTOR_PREFIX.length)
    .map(([key, value]) => [key.slice(NODE_SELECTOR_PREFIX.length), value]);
}

/** `accelerator=nvidia, zone=a`: how a node selector reads in a message. */
export function describeSelector(pairs: ReadonlyArray<[string, string]>): string {
  return pairs.map(([key, value]) => `${key}=${value}`).join(', ');
}

/**
 * True when a pool's node labels carry every selector pair. Label values compare exactly, as the
 * Kubernetes scheduler does; an empty selector matches every pool.
 */
export function poolMatchesSelector(pool: AgentPoolFacts, pairs: ReadonlyArray<[string, string]>): boolean {
  return pairs.every(([key, value]) => pool.nodeLabels[key] === value);
}

/** AKS reports `Linux`/`Windows`; a pool that does not say is Linux, the AKS default. */
export function isLinuxPool(pool: AgentPoolFacts): boolean {
  return (pool.osType ?? 'Linux').toLowerCase() !== 'windows';
}

/**
 * The AKS pools Azure ML's workloads can land on: Linux pools matching the node selector
 * (AML-Kubernetes #271: the selector, not the cluster size, decides where the router runs).
 */
export function selectedPools(pools: readonly AgentPoolFacts[], settings: Record<string, string>): AgentPoolFacts[] {
  const pairs = nodeSelectorPairs(settings);
  return pools.filter((pool) => isLinuxPool(pool) && poolMatchesSelector(pool, pairs));
}

/** Sum of node counts. */
export function countNodes(pools: readonly AgentPoolFacts[]): number {
  return pools.reduce((total, pool) => total + pool.count, 0);
}

/** `gpupool (2 × Standard_NC6s_v3)`: a pool as it reads in a message. */
export function describePool(pool: AgentPoolFacts, text: DomainText): string {
  return `${pool.name} (${pool.count} × ${pool.vmSize ?? text('preflight.unknownVmSize')})`;
}

/** `-g <rg> -n <name>`: the arguments every `az aks`/`az connectedk8s` command needs. */
export function clusterArgs(cluster: ClusterDetails): string {
  return `--resource-group ${cluster.summary.resourceGroup} --name ${cluster.summary.name}`;
}
