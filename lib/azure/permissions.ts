import 'server-only';

import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { TokenCredential } from '@azure/core-auth';

import type { PermissionEntry } from '@/lib/domain/permissions';
import type { PreflightFacts } from '@/lib/domain/preflight/types';
import { toAppError } from '@/lib/errors';

import { createArmClients } from './clients';
import { requireClusterId } from './clusters';
import { requireWorkspaceId } from './computes';

/** What ARM says the caller may do on a cluster, and (Arc) in its resource group. */
export type ClusterPermissions = NonNullable<PreflightFacts['permissions']>;

/** A top-level resource: the SDK's `parentResourcePath` is empty (ARM ignores the empty segment). */
const NO_PARENT_RESOURCE_PATH = '';

async function collect(pages: AsyncIterable<PermissionEntry>): Promise<PermissionEntry[]> {
  const entries: PermissionEntry[] = [];
  for await (const entry of pages) {
    entries.push({
      actions: entry.actions ?? [],
      notActions: entry.notActions ?? [],
      dataActions: entry.dataActions ?? [],
      notDataActions: entry.notDataActions ?? [],
    });
  }
  return entries;
}

function readCluster(authorization: AuthorizationManagementClient, clusterId: string): Promise<PermissionEntry[]> {
  const { resourceGroup, provider, type, name } = requireClusterId(clusterId);
  return collect(authorization.permissions.listForResource(resourceGroup, provider, NO_PARENT_RESOURCE_PATH, type, name));
}

/**
 * The caller's effective permissions on a cluster (`GET {clusterId}/providers/Microsoft.Authorization/
 * permissions`, one entry per role assignment that covers it, inherited ones included). On Arc the
 * install also creates Azure Relay resources beside the cluster, so the resource group's
 * permissions are read too. Failures arrive as `AppError` (a caller who may not even read
 * permissions gets `AuthorizationFailed`); preflight treats any of them as "not known".
 */
export async function readClusterPermissions(credential: TokenCredential, clusterId: string): Promise<ClusterPermissions> {
  const parsed = requireClusterId(clusterId);
  try {
    const { authorization } = await createArmClients(credential, parsed.subscriptionId);
    const [cluster, resourceGroup] = await Promise.all([
      readCluster(authorization, clusterId),
      parsed.type === 'connectedClusters' ? collect(authorization.permissions.listForResourceGroup(parsed.resourceGroup)) : undefined,
    ]);
    return resourceGroup ? { cluster, resourceGroup } : { cluster };
  } catch (err) {
    // Only preflight reads permissions, so the failure is said as preflight's.
    throw toAppError(err, { action: 'check the cluster before installing', target: clusterId });
  }
}

/**
 * The caller's effective permissions on an Azure ML workspace (`GET {workspaceId}/providers/
 * Microsoft.Authorization/permissions`), for attach's preflight (`computes/write`). Failures arrive
 * as `AppError`; preflight treats any of them as "not known".
 */
export async function readWorkspacePermissions(credential: TokenCredential, workspaceId: string): Promise<PermissionEntry[]> {
  const workspace = requireWorkspaceId(workspaceId);
  try {
    const { authorization } = await createArmClients(credential, workspace.subscriptionId);
    return await collect(
      authorization.permissions.listForResource(workspace.resourceGroup, 'Microsoft.MachineLearningServices', NO_PARENT_RESOURCE_PATH, 'workspaces', workspace.name),
    );
  } catch (err) {
    throw toAppError(err, { action: 'attach the cluster to the workspace', target: workspaceId });
  }
}
