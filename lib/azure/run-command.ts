import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { AKS_AAD_SERVER_APP_ID } from '@/lib/domain/entra-apps';
import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';
import { requireClusterId } from './clusters';

/** The longest wait between two reads of `commandResults` while a command runs. */
export const RUN_COMMAND_POLL_INTERVAL_MS = 2_000;
/**
 * The first waits before that: a kubectl read often finishes within a second or two, and
 * `commandResults` answers 202 until it has (AKS's LRO; the SDK alone would wait a full interval).
 */
const RUN_COMMAND_FIRST_WAITS_MS = [250, 500, 1_000] as const;
/** A command still running after this is given up (`RunCommandFailed`, retryable): AKS's own pod runs minutes at most. */
export const RUN_COMMAND_TIMEOUT_MS = 120_000;
/** The scope of a `clusterToken`: the AKS AAD server app (lib/domain/entra-apps.ts). */
export const AKS_AAD_SERVER_SCOPE = `${AKS_AAD_SERVER_APP_ID}/.default`;
/** AKS's error code for a runCommand on an Entra ID cluster without `clusterToken`. */
const MISSING_CLUSTER_TOKEN = 'MissingAADClusterToken';
/** Clusters remembered as needing a `clusterToken` (ids only); past it the oldest is asked again. */
const MAX_REMEMBERED_AAD_CLUSTERS = 1_000;
const aadClusters = new Set<string>();

export interface RunCommandOptions {
  /** Override the longest poll interval (tests use a few ms); the first waits never exceed it. */
  pollIntervalMs?: number;
  /** Override {@link RUN_COMMAND_TIMEOUT_MS} (tests). */
  timeoutMs?: number;
  abortSignal?: AbortSignal;
  /**
   * Files for the command, as `az aks command invoke --file` attaches them: the base64 of a zip
   * (RunCommandRequest `context`), unpacked in the command's working directory.
   */
  context?: string;
}

/** Waits before each read of the result: 250 ms, 500 ms, 1 s, then the interval, none above it. */
export function runCommandWaitMs(attempt: number, intervalMs: number = RUN_COMMAND_POLL_INTERVAL_MS): number {
  return Math.min(RUN_COMMAND_FIRST_WAITS_MS[attempt] ?? intervalMs, intervalMs);
}

function rememberAadCluster(clusterId: string): void {
  const key = clusterId.toLowerCase();
  aadClusters.delete(key);
  aadClusters.add(key);
  if (aadClusters.size > MAX_REMEMBERED_AAD_CLUSTERS) aadClusters.delete(aadClusters.values().next().value as string);
}

/** Test hook: forget which clusters need a `clusterToken`. */
export function forgetAadClusters(): void {
  aadClusters.clear();
}

function isMissingClusterToken(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === MISSING_CLUSTER_TOKEN;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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
    /**
     * One command, its result polled until done: POST answers 202 with `Location`, and
     * `commandResults` answers 202 while the command runs, then 200. `runCommand` is the 25.x
     * name of `beginRunCommandAndWait`; its poller is driven here so the waits are short at first
     * and the whole is bounded by the timeout.
     */
    const run = async (clusterToken?: string) => {
      const poller = containerService.managedClusters.runCommand(
        cluster.resourceGroup,
        cluster.name,
        { command, ...(options.context ? { context: options.context } : {}), ...(clusterToken ? { clusterToken } : {}) },
        { abortSignal: options.abortSignal },
      );
      await poller.submitted();
      // Monotonic: a frozen or stepped wall clock neither ends nor extends the wait.
      const deadline = performance.now() + (options.timeoutMs ?? RUN_COMMAND_TIMEOUT_MS);
      for (let attempt = 0; !poller.isDone; attempt += 1) {
        if (performance.now() >= deadline) {
          const seconds = Math.round((options.timeoutMs ?? RUN_COMMAND_TIMEOUT_MS) / 1000);
          throw new AppError({ code: 'RunCommandFailed', status: 504, retryable: true, target: clusterId, userText: { key: 'resources.runCommandTimedOut', values: { seconds } } });
        }
        await delay(runCommandWaitMs(attempt, options.pollIntervalMs), options.abortSignal);
        await poller.poll({ abortSignal: options.abortSignal });
      }
      return poller.result ?? {};
    };
    // On a cluster with Entra ID integration, AKS needs the user's token for its AAD server app
    // (`az aks command invoke` sends it when the cluster has an aadProfile). AKS says so with
    // MissingAADClusterToken: the cluster is remembered and the command sent again with one.
    const needsToken = aadClusters.has(clusterId.toLowerCase());
    try {
      result = await run(needsToken ? await clusterTokenFor(credential) : undefined);
    } catch (err) {
      if (needsToken || !isMissingClusterToken(err)) throw err;
      rememberAadCluster(clusterId);
      result = await run(await clusterTokenFor(credential));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
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

/**
 * The signed-in user's token for the AKS AAD server app (`clusterToken`): the session credential
 * asks msal for that scope; a bearer-token credential answers with the token it holds (the
 * sandbox's opaque tokens are accepted as such).
 */
async function clusterTokenFor(credential: TokenCredential): Promise<string> {
  const token = await credential.getToken(AKS_AAD_SERVER_SCOPE);
  if (!token?.token) throw new Error('No token for the AKS AAD server app');
  return token.token;
}
