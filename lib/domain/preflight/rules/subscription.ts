/**
 * Rules about the subscription rather than the cluster: resource providers the install needs, and
 * where the Azure ML workspace has to live. Pure.
 */
import { CLI_SETTING, settingIsOn } from '@/lib/domain/settings-catalog';
import type { DomainMessageKey } from '@/lib/i18n/domain-text';

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

function unregistered(context: RuleContext, namespace: string, code: Finding['code'], why: DomainMessageKey): Finding | null {
  const state = providerState(context.facts.providers, namespace);
  // Not read at all: say nothing rather than guess; `Registered` passes.
  if (state === undefined || state.toLowerCase() === 'registered') return null;
  const { text } = context;
  const subscriptionId = context.facts.cluster.summary.subscriptionId;
  const pending = state.toLowerCase() === 'registering';
  return {
    code,
    severity: 'error',
    message: text('preflight.providerRegistration.message', { namespace, state, subscriptionId, why: text(why) }),
    fix: text(pending ? 'preflight.providerRegistration.fixWait' : 'preflight.providerRegistration.fixRegister', { namespace, subscriptionId }),
    action: { kind: 'register-provider', namespace, subscriptionId },
  };
}

/** Every cluster extension needs `Microsoft.KubernetesConfiguration` registered: block, offer to register. */
export function providerRegisteredRule(context: RuleContext): Finding | null {
  return unregistered(
    context,
    KUBERNETES_CONFIGURATION_PROVIDER,
    'provider-not-registered',
    'preflight.providerRegistration.kubernetesConfigurationWhy',
  );
}

/**
 * Arc only: the CLI creates a Relay namespace for the extension's relay server, so
 * `Microsoft.Relay` must be registered. Skipped when the user turned the relay off.
 */
export function relayProviderRule(context: RuleContext): Finding | null {
  if (context.facts.cluster.type !== 'connectedClusters') return null;
  if (!settingIsOn(context.settings, CLI_SETTING.relayEnabled, 'connectedClusters')) return null;
  return unregistered(
    context,
    RELAY_PROVIDER,
    'relay-provider-not-registered',
    'preflight.providerRegistration.relayWhy',
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
    message: context.text('preflight.sameSubscription.message', { cluster: name, subscriptionId }),
    fix: context.text(isAks ? 'preflight.sameSubscription.fixAks' : 'preflight.sameSubscription.fixArc', { subscriptionId }),
  };
}
