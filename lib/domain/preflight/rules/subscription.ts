/**
 * Rules about the subscription rather than the cluster: resource providers the install needs, and
 * where the Azure ML workspace has to live. Pure.
 */
import { readBooleanSetting } from '@/lib/domain/expected-components';

import type { RuleContext } from '../context';
import type { Finding } from '../types';

/** The provider that owns `extensions`; unregistered, ARM refuses the install's PUT (409). */
export const KUBERNETES_CONFIGURATION_PROVIDER = 'Microsoft.KubernetesConfiguration';
/** The provider of the Relay namespace the CLI creates for Arc clusters. */
export const RELAY_PROVIDER = 'Microsoft.Relay';

/** ARM namespaces are case-insensitive; the facts may carry any casing. Undefined: not read. */
export function providerState(providers: Record<string, string>, namespace: string): string | undefined {
  const key = Object.keys(providers).find((k) => k.toLowerCase() === namespace.toLowerCase());
  return key === undefined ? undefined : providers[key];
}

function unregistered(context: RuleContext, namespace: string, code: Finding['code'], why: string): Finding | null {
  const state = providerState(context.facts.providers, namespace);
  // Not read at all: say nothing rather than guess; `Registered` passes.
  if (state === undefined || state.toLowerCase() === 'registered') return null;
  const subscriptionId = context.facts.cluster.summary.subscriptionId;
  const pending = state.toLowerCase() === 'registering';
  return {
    code,
    severity: 'error',
    message: `${namespace} is ${state} in subscription ${subscriptionId}. ${why}`,
    fix: pending
      ? `Wait until ${namespace} is Registered (usually a few minutes; check with \`az provider show --namespace ${namespace} --subscription ${subscriptionId} --query registrationState\`), then run preflight again.`
      : `Register it: \`az provider register --namespace ${namespace} --subscription ${subscriptionId}\` (or use Register here; it needs permission to register providers on the subscription), then wait until it is Registered.`,
    action: { kind: 'register-provider', namespace, subscriptionId },
  };
}

/** Every cluster extension needs `Microsoft.KubernetesConfiguration` registered: block, offer to register. */
export function providerRegisteredRule(context: RuleContext): Finding | null {
  return unregistered(
    context,
    KUBERNETES_CONFIGURATION_PROVIDER,
    'provider-not-registered',
    'Cluster extensions cannot be installed until it is registered: Azure rejects the install with MissingSubscriptionRegistration.',
  );
}

/**
 * Arc only: the CLI creates a Relay namespace for the extension's relay server, so
 * `Microsoft.Relay` must be registered. Skipped when the user turned the relay off.
 */
export function relayProviderRule(context: RuleContext): Finding | null {
  if (context.facts.cluster.type !== 'connectedClusters') return null;
  if (!readBooleanSetting(context.settings, 'relayserver.enabled', true)) return null;
  return unregistered(
    context,
    RELAY_PROVIDER,
    'relay-provider-not-registered',
    'On Arc clusters the extension reaches Azure ML through an Azure Relay hybrid connection created in the cluster\'s resource group, which needs this provider.',
  );
}

/**
 * Always informs: Azure ML cannot attach a cluster from another subscription (seed,
 * "Limitações"); an AKS cluster elsewhere must be connected to Arc in the workspace's subscription.
 */
export function sameSubscriptionRule(context: RuleContext): Finding {
  const { subscriptionId, name } = context.facts.cluster.summary;
  const isAks = context.facts.cluster.type === 'managedClusters';
  return {
    code: 'same-subscription-workspace',
    severity: 'info',
    message: `${name} is in subscription ${subscriptionId}. Azure Machine Learning can attach it only to a workspace in that same subscription.`,
    fix: isAks
      ? `Create or choose the Azure ML workspace in subscription ${subscriptionId}. For a workspace in another subscription, connect this cluster to Azure Arc in the workspace's subscription and install on the Arc resource instead.`
      : `Create or choose the Azure ML workspace in subscription ${subscriptionId}.`,
  };
}
