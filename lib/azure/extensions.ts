import 'server-only';

import type { Extension, PatchExtension } from '@azure/arm-kubernetesconfiguration';
import type { TokenCredential } from '@azure/core-auth';

import type { ParsedClusterId } from '@/lib/domain/cluster';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';
import { requireClusterId } from './clusters';

/**
 * An extension as ARM returns it, without `configurationProtectedSettings`: ARM never returns
 * their values and the portal never passes them on, so the type does not even have the field.
 */
export type ExtensionResource = Omit<Extension, 'configurationProtectedSettings'>;

/** What the caller gets back once ARM has accepted a create/update/delete. */
export interface StartedOperation {
  /** core-lro's view after the first poll: `running` for a normal install. */
  status: 'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled';
  /** The extension as ARM answered the write (absent for deletes). */
  extension?: ExtensionResource;
  /** Serialised poller (polling URL only, no credentials), for `resumeFrom` later. */
  resumeToken: string;
}

function withoutProtectedSettings(extension: Extension): ExtensionResource {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropping the field is the point
  const { configurationProtectedSettings, ...rest } = extension;
  return rest;
}

function requireExtensionId(extensionId: string) {
  const parsed = parseExtensionId(extensionId);
  if (!parsed) {
    throw new AppError({
      code: 'InvalidResourceId',
      status: 400,
      target: extensionId,
      userText: { key: 'resources.notAnExtensionId', values: { id: extensionId } },
    });
  }
  return parsed;
}

/** The four path arguments every Extensions operation starts with. */
function clusterPath(cluster: ParsedClusterId): [string, string, string, string] {
  return [cluster.resourceGroup, cluster.provider, cluster.type, cluster.name];
}

interface Poller<T> {
  getOperationState(): { status: StartedOperation['status']; result?: T };
  getResult(): T | undefined;
  toString(): string;
}

/** `beginX` has sent the request and polled once when it resolves; report without waiting more. */
function started(poller: Poller<Extension | void>, initial: Extension | undefined): StartedOperation {
  const result = poller.getResult() || initial;
  return {
    status: poller.getOperationState().status,
    ...(result ? { extension: withoutProtectedSettings(result) } : {}),
    resumeToken: poller.toString(),
  };
}

/** Captures the body of the initial PUT/PATCH (the SDK only exposes the final result). */
function captureInitialBody() {
  let body: Extension | undefined;
  return {
    onResponse: (raw: { parsedBody?: unknown }) => {
      if (!body && raw.parsedBody && typeof raw.parsedBody === 'object') body = raw.parsedBody as Extension;
    },
    get body() {
      return body;
    },
  };
}

export async function listExtensions(credential: TokenCredential, clusterId: string): Promise<ExtensionResource[]> {
  const cluster = requireClusterId(clusterId);
  try {
    const { kubernetesConfiguration } = await createArmClients(credential, cluster.subscriptionId);
    const extensions: ExtensionResource[] = [];
    for await (const extension of kubernetesConfiguration.extensions.list(...clusterPath(cluster))) {
      extensions.push(withoutProtectedSettings(extension));
    }
    return extensions;
  } catch (err) {
    throw toAppError(err, { action: 'list the extensions of the cluster', target: clusterId });
  }
}

export async function getExtension(credential: TokenCredential, extensionId: string): Promise<ExtensionResource> {
  const { cluster, extensionName } = requireExtensionId(extensionId);
  try {
    const { kubernetesConfiguration } = await createArmClients(credential, cluster.subscriptionId);
    return withoutProtectedSettings(await kubernetesConfiguration.extensions.get(...clusterPath(cluster), extensionName));
  } catch (err) {
    throw toAppError(err, { action: 'read the extension', target: extensionId });
  }
}

export interface OperationOptions {
  /** Poll interval of the poller if someone resumes it; tests use a few ms. */
  updateIntervalInMs?: number;
}

/**
 * Starts installing an extension (PUT, long-running) and returns as soon as ARM has accepted it;
 * the caller follows progress by reading the extension's `provisioningState`. A second write
 * while one runs fails with `Conflict`.
 */
export async function beginCreateExtension(
  credential: TokenCredential,
  clusterId: string,
  extensionName: string,
  body: Extension,
  options: OperationOptions = {},
): Promise<StartedOperation> {
  const cluster = requireClusterId(clusterId);
  try {
    const { kubernetesConfiguration } = await createArmClients(credential, cluster.subscriptionId);
    const initial = captureInitialBody();
    const poller = await kubernetesConfiguration.extensions.beginCreate(...clusterPath(cluster), extensionName, body, {
      updateIntervalInMs: options.updateIntervalInMs,
      onResponse: initial.onResponse,
    });
    return started(poller, initial.body);
  } catch (err) {
    throw toAppError(err, { action: 'install the extension', target: `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${extensionName}` });
  }
}

/** Starts a PATCH of an extension; same contract as {@link beginCreateExtension}. */
export async function updateExtension(
  credential: TokenCredential,
  extensionId: string,
  patch: PatchExtension,
  options: OperationOptions = {},
): Promise<StartedOperation> {
  const { cluster, extensionName } = requireExtensionId(extensionId);
  try {
    const { kubernetesConfiguration } = await createArmClients(credential, cluster.subscriptionId);
    const initial = captureInitialBody();
    const poller = await kubernetesConfiguration.extensions.beginUpdate(...clusterPath(cluster), extensionName, patch, {
      updateIntervalInMs: options.updateIntervalInMs,
      onResponse: initial.onResponse,
    });
    return started(poller, initial.body);
  } catch (err) {
    throw toAppError(err, { action: 'update the extension', target: extensionId });
  }
}

/**
 * Starts deleting an extension. `force` deletes the ARM resource without waiting for the cluster
 * agent to uninstall the Helm release (for clusters that will never reconcile again).
 */
export async function deleteExtension(
  credential: TokenCredential,
  extensionId: string,
  options: OperationOptions & { force?: boolean } = {},
): Promise<StartedOperation> {
  const { cluster, extensionName } = requireExtensionId(extensionId);
  try {
    const { kubernetesConfiguration } = await createArmClients(credential, cluster.subscriptionId);
    const poller = await kubernetesConfiguration.extensions.beginDelete(...clusterPath(cluster), extensionName, {
      forceDelete: options.force || undefined,
      updateIntervalInMs: options.updateIntervalInMs,
    });
    return { status: poller.getOperationState().status, resumeToken: poller.toString() };
  } catch (err) {
    throw toAppError(err, { action: 'delete the extension', target: extensionId });
  }
}
