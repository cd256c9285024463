import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { toAppError } from '@/lib/errors';

import { createArmClients } from './clients';

/** An Azure ML workspace as the portal shows it: enough to pick one and to address its computes. */
export interface WorkspaceSummary {
  /** ARM id, `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{name}`. */
  id: string;
  name: string;
  /** Lower-case Azure region, as ARM returns it. */
  location: string;
  resourceGroup: string;
}

const RESOURCE_GROUP_IN_ID = /\/resourceGroups\/([^/]+)\//i;

/**
 * The Azure ML workspaces the caller can see in one subscription
 * (`Workspaces_ListBySubscription`, every page). A workspace the SDK returns without an id or
 * name (never seen from ARM) is left out rather than shown half.
 */
export async function listWorkspaces(credential: TokenCredential, subscriptionId: string): Promise<WorkspaceSummary[]> {
  try {
    const { machineLearning } = await createArmClients(credential, subscriptionId);
    const workspaces: WorkspaceSummary[] = [];
    for await (const workspace of machineLearning.workspaces.listBySubscription()) {
      const resourceGroup = workspace.id ? RESOURCE_GROUP_IN_ID.exec(workspace.id)?.[1] : undefined;
      if (!workspace.id || !workspace.name || !resourceGroup) continue;
      workspaces.push({ id: workspace.id, name: workspace.name, location: workspace.location ?? '', resourceGroup });
    }
    return workspaces;
  } catch (err) {
    throw toAppError(err, { action: 'list the Azure Machine Learning workspaces', target: `/subscriptions/${subscriptionId}` });
  }
}
