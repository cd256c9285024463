/**
 * Whether the caller's role lets them install at all, said at the cluster step rather than by
 * ARM's 403 on the last step's PUT. Pure: the permissions are read by lib/azure/permissions.ts.
 */
import { CLI_SETTING, settingIsOn } from '@/lib/domain/settings-catalog';
import { missingActions } from '@/lib/domain/permissions';

import type { RuleContext } from '../context';
import type { Finding } from '../types';

/** The write every install is: `PUT {cluster}/providers/Microsoft.KubernetesConfiguration/extensions/{name}`. */
export const EXTENSION_WRITE_ACTION = 'Microsoft.KubernetesConfiguration/extensions/write';

/**
 * What lib/azure/relay.ts does on Arc, in the cluster's resource group: create (or reuse) the
 * namespace, the hybrid connection and its `azureml_rw` rule, then list the rule's keys.
 */
export const RELAY_INSTALL_ACTIONS = [
  'Microsoft.Relay/namespaces/write',
  'Microsoft.Relay/namespaces/hybridConnections/write',
  'Microsoft.Relay/namespaces/hybridConnections/authorizationRules/write',
  'Microsoft.Relay/namespaces/hybridConnections/authorizationRules/listKeys/action',
] as const;

/**
 * Blocks when the caller's effective permissions lack an action the install performs: the
 * extension write on the cluster and, on Arc with the relay on, the Relay writes in its resource
 * group. Permissions that could not be read (even reading them refused, or any other failure)
 * add nothing: the install's own checks stay the authority, and "not known" is not "refused".
 */
export function installPermissionRule(context: RuleContext): Finding | null {
  const { permissions, cluster } = context.facts;
  if (!permissions) return null;
  const needsRelay = cluster.type === 'connectedClusters' && settingIsOn(context.settings, CLI_SETTING.relayEnabled, cluster.type);
  const missing = [
    ...missingActions(permissions.cluster, [EXTENSION_WRITE_ACTION]),
    ...(needsRelay ? missingActions(permissions.resourceGroup ?? permissions.cluster, RELAY_INSTALL_ACTIONS) : []),
  ];
  if (missing.length === 0) return null;
  const { text } = context;
  const resourceGroup = cluster.summary.resourceGroup;
  return {
    code: 'install-permission-missing',
    severity: 'error',
    message: text('preflight.installPermission.message', { actions: missing.join(', ') }),
    fix: text(needsRelay ? 'preflight.installPermission.fixArc' : 'preflight.installPermission.fix', { resourceGroup }),
  };
}
