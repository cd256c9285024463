/**
 * Runs every preflight rule (DOMAIN.md section 6) over one cluster's facts. Pure: the facts are
 * gathered by lib/azure/preflight-facts.ts; this only decides.
 */
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import type { PreflightRule, RuleContext } from './context';
import { authorizedIpRangesRule, localAccountsRule, servicePrincipalRule } from './rules/aks-access';
import { connectedRule, loadBalancerRule } from './rules/arc';
import { extensionExistsRule, kubernetesVersionRule, legacyAzuremlFeRule } from './rules/cluster-state';
import { gpuWithoutPluginRule, noGpuNodesRule } from './rules/gpu';
import { haThreeNodesRule, linuxAmd64Rule, productionCapacityRule } from './rules/nodes';
import { installPermissionRule } from './rules/permissions';
import { providerRegisteredRule, relayProviderRule, sameSubscriptionRule } from './rules/subscription';
import type { Finding, FindingSeverity, PreflightFacts, PreflightSettings } from './types';

/**
 * Every rule, in the order findings of equal severity are shown: who may install at all, then
 * what the user must fix in Azure (providers, connectivity), then the cluster, then the
 * configuration, then advice.
 */
export const PREFLIGHT_RULES: readonly PreflightRule[] = [
  installPermissionRule,
  providerRegisteredRule,
  relayProviderRule,
  connectedRule,
  servicePrincipalRule,
  localAccountsRule,
  extensionExistsRule,
  legacyAzuremlFeRule,
  haThreeNodesRule,
  authorizedIpRangesRule,
  loadBalancerRule,
  noGpuNodesRule,
  gpuWithoutPluginRule,
  productionCapacityRule,
  linuxAmd64Rule,
  kubernetesVersionRule,
  sameSubscriptionRule,
];

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Options for tests: the clock the Arc offline rule measures against. */
export interface RunPreflightOptions {
  now?: Date;
}

/**
 * All findings for a cluster and the settings about to be installed (default: `{}`, every
 * setting at its default, so inference-only rules stay quiet). Errors first, then warnings,
 * then info; within a severity, the order of {@link PREFLIGHT_RULES} (the sort is stable).
 * An empty list never happens in practice: the same-subscription info always applies. Messages
 * and fixes are in `text`'s language (English by default); codes and severities never change.
 */
export function runPreflightRules(
  facts: PreflightFacts,
  settings?: PreflightSettings,
  options: RunPreflightOptions = {},
  text: DomainText = englishText,
): Finding[] {
  const context: RuleContext = { facts, settings: settings?.configurationSettings ?? {}, now: options.now ?? new Date(), text };
  return PREFLIGHT_RULES.map((rule) => rule(context))
    .filter((finding): finding is Finding => finding !== null)
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

