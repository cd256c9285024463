import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';
import { requireClusterId } from './clusters';

/** How often the SDK polls `commandResults` while a command runs. */
export const RUN_COMMAND_POLL_INTERVAL_MS = 2_000;

export interface RunCommandOptions {
  /** Override the poll interval (tests use a few ms). */
  pollIntervalMs?: number;
  abortSignal?: AbortSignal;
}

export interface KubectlResult {
  exitCode: number;
  logs: string;
}

/**
 * Runs a command (e.g. `kubectl get deploy,ds,sts -n azureml -o json`) inside an AKS cluster with
 * AKS Run Command, waiting for the result. A non-zero exit code, or a command AKS could not run at
 * all (`provisioningState: failed` with a reason such as ImagePullBackoff), is an AppError
 * `RunCommandFailed`: ARM reports both as a successful operation. AKS only: Arc has no run command.
 */
export async function runKubectl(
  credential: TokenCredential,
  clusterId: string,
  command: string,
  options: RunCommandOptions = {},
): Promise<KubectlResult> {
  const cluster = requireClusterId(clusterId);
  if (cluster.type !== 'managedClusters') {
    throw new AppError({
      code: 'InvalidResourceId',
      status: 400,
      target: clusterId,
      userText: { key: 'resources.runCommandAksOnly' },
    });
  }
  let result;
  try {
    const { containerService } = await createArmClients(credential, cluster.subscriptionId);
    // `runCommand` is the 25.x name of `beginRunCommandAndWait` (deprecated there): same LRO.
    result = await containerService.managedClusters.runCommand(
      cluster.resourceGroup,
      cluster.name,
      { command },
      { updateIntervalInMs: options.pollIntervalMs ?? RUN_COMMAND_POLL_INTERVAL_MS, abortSignal: options.abortSignal },
    );
  } catch (err) {
    throw toAppError(err, { action: 'run a command on the cluster', target: clusterId });
  }
  const logs = result.logs ?? '';
  if (result.provisioningState?.toLowerCase() === 'failed' && result.exitCode === undefined) {
    throw new AppError({
      code: 'RunCommandFailed',
      status: 422,
      target: clusterId,
      userText: result.reason ? { key: 'resources.runCommandFailedBecause', values: { reason: result.reason } } : { key: 'resources.runCommandFailed' },
    });
  }
  const exitCode = result.exitCode ?? 0;
  if (exitCode !== 0) {
    throw new AppError({
      code: 'RunCommandFailed',
      status: 422,
      target: clusterId,
      userText: { key: 'resources.commandExitCode', values: { exitCode }, detail: result.reason || undefined },
      cause: new Error(logs.slice(0, 2_000)),
    });
  }
  return { exitCode, logs };
}
