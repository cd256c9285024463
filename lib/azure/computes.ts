import 'server-only';

import type { ComputeResource, Kubernetes } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';

import { parseWorkspaceId, type ParsedWorkspaceId } from '@/lib/domain/attach';
import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';
import type { OperationOptions, StartedOperation } from './extensions';

/**
 * A Kubernetes compute as ARM returns it, without the write-only connection strings
 * (`relayConnectionString`, `serviceBusConnectionString`): the portal never passes them on.
 */
export type KubernetesComputeResource = Omit<ComputeResource, 'properties'> & { properties?: Kubernetes };

/** What {@link beginAttachCompute} and {@link deleteCompute} return once ARM accepted the write. */
export interface StartedComputeOperation extends Omit<StartedOperation, 'extension'> {
  /** The compute as ARM answered the PUT (absent for a detach). */
  compute?: KubernetesComputeResource;
}

/** Parses a workspace id or fails with `InvalidResourceId` (400), in the reader's language. */
export function requireWorkspaceId(workspaceId: string): ParsedWorkspaceId {
  const parsed = parseWorkspaceId(workspaceId);
  if (!parsed) {
    throw new AppError({
      code: 'InvalidResourceId',
      status: 400,
      target: workspaceId,
      userText: { key: 'resources.notAWorkspaceId', values: { id: workspaceId } },
    });
  }
  return parsed;
}

/** core-lro 2's poller state (what this SDK's `LroEngine` keeps), as {@link StartedOperation}'s status. */
function statusOf(state: { isStarted?: boolean; isCompleted?: boolean; isCancelled?: boolean; error?: Error }): StartedOperation['status'] {
  if (state.error) return 'failed';
  if (state.isCancelled) return 'canceled';
  if (state.isCompleted) return 'succeeded';
  return state.isStarted ? 'running' : 'notStarted';
}

function computeTarget(workspaceId: string, name: string): string {
  return `${workspaceId.replace(/\/+$/, '')}/computes/${name}`;
}

function isKubernetes(compute: ComputeResource): boolean {
  return compute.properties?.computeType === 'Kubernetes';
}

/** The compute without its connection strings (write-only secrets; ARM answers them null anyway). */
function withoutSecrets(compute: ComputeResource): KubernetesComputeResource {
  const properties = compute.properties as Kubernetes | undefined;
  if (!properties?.properties) return compute as KubernetesComputeResource;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropping the secrets is the point
  const { relayConnectionString, serviceBusConnectionString, ...rest } = properties.properties;
  return { ...compute, properties: { ...properties, properties: rest } };
}

/**
 * Starts attaching a cluster as Kubernetes compute (`Compute_CreateOrUpdate`, long-running PUT)
 * and returns as soon as ARM accepted it, as {@link beginCreateExtension} does: the caller follows
 * progress by reading the compute's `provisioningState` ({@link getCompute}). `body` is the whole
 * ARM body (`location`, optional `identity`, `properties: { computeType: 'Kubernetes', resourceId,
 * properties: { namespace, defaultInstanceType?, instanceTypes? } }`).
 */
export async function beginAttachCompute(
  credential: TokenCredential,
  workspaceId: string,
  name: string,
  body: ComputeResource,
  options: OperationOptions = {},
): Promise<StartedComputeOperation> {
  const workspace = requireWorkspaceId(workspaceId);
  try {
    const { machineLearning } = await createArmClients(credential, workspace.subscriptionId);
    let initial: ComputeResource | undefined;
    const poller = await machineLearning.computeOperations.beginCreateOrUpdate(workspace.resourceGroup, workspace.name, name, body, {
      updateIntervalInMs: options.updateIntervalInMs,
      onResponse: (raw) => {
        if (!initial && raw.parsedBody && typeof raw.parsedBody === 'object') initial = raw.parsedBody as ComputeResource;
      },
    });
    const result = poller.getResult() || initial;
    return {
      status: statusOf(poller.getOperationState()),
      ...(result ? { compute: withoutSecrets(result) } : {}),
      resumeToken: poller.toString(),
    };
  } catch (err) {
    throw toAppError(err, { action: 'attach the cluster to the workspace', target: computeTarget(workspaceId, name) });
  }
}

/** One compute of a workspace (`Compute_Get`), whatever its type. */
export async function getCompute(credential: TokenCredential, workspaceId: string, name: string): Promise<KubernetesComputeResource> {
  const workspace = requireWorkspaceId(workspaceId);
  try {
    const { machineLearning } = await createArmClients(credential, workspace.subscriptionId);
    return withoutSecrets(await machineLearning.computeOperations.get(workspace.resourceGroup, workspace.name, name));
  } catch (err) {
    throw toAppError(err, { action: 'read the compute', target: computeTarget(workspaceId, name) });
  }
}

/** The workspace's Kubernetes computes (`Compute_List`, every page); other compute types are left out. */
export async function listComputes(credential: TokenCredential, workspaceId: string): Promise<KubernetesComputeResource[]> {
  const workspace = requireWorkspaceId(workspaceId);
  try {
    const { machineLearning } = await createArmClients(credential, workspace.subscriptionId);
    const computes: KubernetesComputeResource[] = [];
    for await (const compute of machineLearning.computeOperations.list(workspace.resourceGroup, workspace.name)) {
      if (isKubernetes(compute)) computes.push(withoutSecrets(compute));
    }
    return computes;
  } catch (err) {
    throw toAppError(err, { action: 'list the computes of the workspace', target: workspaceId });
  }
}

/**
 * Starts detaching a compute (`Compute_Delete` with `underlyingResourceAction: 'Detach'`, the only
 * action an attached Kubernetes compute takes): the cluster and its extension stay as they are.
 * Returns once ARM accepted it; a compute that is not there is a success (ARM answers 204).
 */
export async function deleteCompute(
  credential: TokenCredential,
  workspaceId: string,
  name: string,
  options: OperationOptions = {},
): Promise<StartedComputeOperation> {
  const workspace = requireWorkspaceId(workspaceId);
  try {
    const { machineLearning } = await createArmClients(credential, workspace.subscriptionId);
    const poller = await machineLearning.computeOperations.beginDelete(workspace.resourceGroup, workspace.name, name, 'Detach', {
      updateIntervalInMs: options.updateIntervalInMs,
    });
    return { status: statusOf(poller.getOperationState()), resumeToken: poller.toString() };
  } catch (err) {
    throw toAppError(err, { action: 'detach the compute', target: computeTarget(workspaceId, name) });
  }
}
