/**
 * Names of the Azure Relay resources an Arc cluster's AzureML extension uses, derived exactly as
 * `az k8s-extension create` derives them (azure-cli-extensions, AzureMLKubernetes.py,
 * `_get_relay_connection_str` and `_get_valid_name`), so the portal reuses what the CLI created
 * and the CLI reuses what the portal created. Pure computation; uses `node:crypto` for the CLI's MD5
 * suffix, so it is for server code and the sandbox, not the browser.
 */
import { createHash } from 'node:crypto';

/** Relay namespace names may be at most 50 characters. */
export const RELAY_NAMESPACE_MAX_LENGTH = 50;
/** When the name is too long the CLI keeps a prefix and appends this many hex chars of an MD5. */
export const RELAY_NAMESPACE_HASH_SUFFIX_LENGTH = 6;
/** The authorization rule on the hybrid connection the extension's relay server uses. */
export const RELAY_AUTH_RULE_NAME = 'azureml_rw';
/** Rights the CLI grants that rule. */
export const RELAY_AUTH_RULE_RIGHTS = ['Manage', 'Send', 'Listen'] as const;
/** Tag the CLI puts on every Azure resource it creates for the extension. */
export const RELAY_RESOURCE_TAGS: Readonly<Record<string, string>> = { created_by: 'Azure Arc-enabled ML' };

/**
 * The Relay namespace name for a cluster: the alphanumerics of
 * `<cluster>-<subscription>-<resourceGroup>-relay`. When that is longer than 50 characters the
 * CLI keeps the first 44 and appends the first 6 hex digits of the MD5 of the *unfiltered* input
 * (so two long names sharing a prefix still differ). DOMAIN.md section 4 says only "at most 50
 * chars"; this follows the CLI source, the parity target.
 */
export function relayNamespaceName(clusterName: string, subscriptionId: string, resourceGroup: string): string {
  const input = `${clusterName}-${subscriptionId}-${resourceGroup}-relay`;
  // Python's str.isalnum accepts Unicode letters; ARM names are ASCII, so ASCII is enough here.
  const normalised = input.replace(/[^A-Za-z0-9]/g, '');
  if (normalised.length <= RELAY_NAMESPACE_MAX_LENGTH) return normalised;
  const keep = RELAY_NAMESPACE_MAX_LENGTH - RELAY_NAMESPACE_HASH_SUFFIX_LENGTH;
  return normalised.slice(0, keep) + createHash('md5').update(input, 'utf8').digest('hex').slice(0, RELAY_NAMESPACE_HASH_SUFFIX_LENGTH);
}

/** The hybrid connection is named after the cluster. */
export function relayHybridConnectionName(clusterName: string): string {
  return clusterName;
}
