/**
 * What an install does beyond the answers the person gave, read from the planned ARM body so the
 * review cannot disagree with what is sent (issue 14 items 2 and 7): the Azure Relay resources the
 * CLI creates or reuses on Arc, the identity, and every setting the body carries that the request
 * did not (the diff of body keys minus request keys), each with the catalog's reason. Never holds
 * a protected value: protected keys are listed by name only. Uses relay-names (node:crypto):
 * server code; the browser imports only the types.
 */
import type { DomainMessageKey } from '@/lib/i18n/domain-text';

import type { CliRequest } from './cli-settings';
import { parseClusterId } from './cluster';
import { needsRelay, normaliseLocation, SMALL_CLUSTER_NODE_COUNT, type ClusterFacts, type ExtensionBody } from './extension-body';
import { RELAY_AUTH_RULE_NAME, RELAY_AUTH_RULE_RIGHTS, RELAY_RESOURCE_TAGS, relayHybridConnectionName, relayNamespaceName } from './relay-names';
import { CLI_SETTING, SETTING, settingEntry } from './settings-catalog';

/** The Azure Relay resources `az k8s-extension create` creates (or reuses) for an Arc cluster. */
export interface RelayEffect {
  namespace: string;
  resourceGroup: string;
  subscriptionId: string;
  location: string;
  tags: Record<string, string>;
  hybridConnection: string;
  authorizationRule: { name: string; rights: string[] };
  /** The protected keys that receive the rule's primary connection string (the value is never here). */
  connectionStringKeys: string[];
}

/** A setting the body carries that the request did not set (or set differently). */
export interface AddedSetting {
  key: string;
  /** Null for a protected key: its value is never shown. */
  value: string | null;
  protected: boolean;
  /** The person set this key to another value and the CLI replaced it (`domain`). */
  replaced: boolean;
  /** Why the CLI writes it (the catalog's `computedByCli`), with its ICU values. */
  reason?: { key: DomainMessageKey; values?: Record<string, string | number> };
}

export interface PlanEffects {
  relay: RelayEffect | null;
  /** Arc: the extension gets a system-assigned identity. */
  identity: 'SystemAssigned' | null;
  /** The cluster's node count when the CLI's small-cluster defaults applied, else null. */
  smallClusterNodes: number | null;
  added: AddedSetting[];
}

/** Keys the catalog has no entry for, and why the CLI writes them. */
const EXTRA_REASONS: Readonly<Record<string, DomainMessageKey>> = {};
const SMALL_CLUSTER_KEYS = new Set<string>([CLI_SETTING.clusterPurpose, SETTING.inferenceRouterHA]);

function reasonOf(key: string, smallNodes: number | null): AddedSetting['reason'] {
  const message = settingEntry(key)?.computedByCli ?? EXTRA_REASONS[key];
  if (!message) return undefined;
  if (SMALL_CLUSTER_KEYS.has(key)) return { key: message, values: { min: SMALL_CLUSTER_NODE_COUNT, ...(smallNodes !== null ? { nodes: smallNodes } : {}) } };
  return { key: message };
}

function relayEffect(request: CliRequest, cluster: ClusterFacts, body: ExtensionBody): RelayEffect | null {
  if (cluster.type !== 'connectedClusters' || !needsRelay(request, cluster)) return null;
  const parsed = parseClusterId(cluster.id);
  if (!parsed) return null;
  const protectedKeys = Object.keys(body.properties.configurationProtectedSettings);
  return {
    namespace: relayNamespaceName(cluster.name, parsed.subscriptionId, parsed.resourceGroup),
    resourceGroup: parsed.resourceGroup,
    subscriptionId: parsed.subscriptionId,
    location: normaliseLocation(cluster.location),
    tags: { ...RELAY_RESOURCE_TAGS },
    hybridConnection: relayHybridConnectionName(cluster.name),
    authorizationRule: { name: RELAY_AUTH_RULE_NAME, rights: [...RELAY_AUTH_RULE_RIGHTS] },
    connectionStringKeys: [CLI_SETTING.relayServerConnectionString, CLI_SETTING.relayConnectionString].filter((key) => protectedKeys.includes(key)),
  };
}

/**
 * The side effects of installing `request` on `cluster` with the planned `body` (masked or not:
 * only protected keys are read, never their values).
 */
export function planEffects(request: CliRequest, cluster: ClusterFacts, body: ExtensionBody): PlanEffects {
  const given = { ...request.configurationProtectedSettings, ...request.configurationSettings };
  const small = cluster.nodeCount !== null && cluster.nodeCount < SMALL_CLUSTER_NODE_COUNT ? cluster.nodeCount : null;
  const added: AddedSetting[] = [];
  for (const [key, value] of Object.entries(body.properties.configurationSettings)) {
    if (Object.hasOwn(given, key) && given[key] === value) continue;
    // A protected answer the CLI moved to plain settings (the workload flags) is still the person's.
    if (Object.hasOwn(request.configurationProtectedSettings, key) && !Object.hasOwn(request.configurationSettings, key)) continue;
    added.push({ key, value, protected: false, replaced: Object.hasOwn(given, key), reason: reasonOf(key, small) });
  }
  for (const key of Object.keys(body.properties.configurationProtectedSettings)) {
    if (Object.hasOwn(request.configurationProtectedSettings, key)) continue;
    added.push({ key, value: null, protected: true, replaced: false, reason: reasonOf(key, small) });
  }
  return {
    relay: relayEffect(request, cluster, body),
    identity: body.identity?.type ?? null,
    smallClusterNodes: small !== null && added.some((item) => SMALL_CLUSTER_KEYS.has(item.key)) ? small : null,
    added,
  };
}
