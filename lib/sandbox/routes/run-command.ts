/**
 * AKS runCommand: the portal reads the `azureml` namespace with one kubectl command, and reads a
 * namespace or lists, applies and deletes InstanceTypes with a few more (instance-types.ts). The
 * sandbox answers exactly those commands from its simulated cluster and refuses anything else. A
 * manifest comes attached as AKS takes files (`az aks command invoke --file`): `context` is the
 * base64 of a zip holding them, and `kubectl apply -f <file>` reads the file from there.
 *
 * As AKS does (2026-04-01, RunCommandRequest / commandResults): the POST answers 202 with
 * `Location` and `Retry-After`; the result answers 202 (same headers) while the command runs
 * (`runCommandMs`, `/_sandbox/behaviour`), then 200. A cluster with Entra ID integration
 * (`aadProfile`) refuses a request without `clusterToken` (400 `MissingAADClusterToken`, AKS's
 * own wording); with a token that is not for the AKS AAD server app the command runs and kubectl
 * fails as it would against the API server ("You must be logged in to the server").
 */
import { randomUUID } from 'node:crypto';

import { ArmError, bodyObject, isoNow, ok } from '../http';
import { answerObjectKubectl, SUPPORTED_OBJECT_KUBECTL, unzipContext } from '../instance-types';
import { kubectlList, parseKubectl, SUPPORTED_KUBECTL } from '../kube';
import type { Router } from '../router';
import { COMMAND_RESULT_AFTER_READ_MS, COMMAND_RESULT_TTL_MS, type ClusterRecord, type SandboxState } from '../state';
import { clusterTokenVerdict } from './identity';

const CLUSTER = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}';

/** kubectl's answer to a bearer token the API server does not accept. */
export const KUBECTL_UNAUTHORIZED = 'error: You must be logged in to the server (Unauthorized)';

/**
 * Commands run on the monotonic clock: a test that freezes `Date` (in the same process as the
 * emulator) must not freeze a command forever.
 */
const monotonicNow = () => performance.now();

/** Whole seconds until `doneAt` (monotonic ms; at least 1 while running), for `Retry-After`. */
function retryAfter(doneAt: number): string {
  return String(Math.max(1, Math.ceil((doneAt - monotonicNow()) / 1000)));
}

/** `properties` of the result: the kubectl List, kubectl's refusal, or the sandbox's refusal. */
function commandProperties(
  state: SandboxState,
  cluster: ClusterRecord,
  command: string,
  files: Record<string, Uint8Array>,
  authorized: boolean,
  now: number,
  doneAt: number,
) {
  const parsed = parseKubectl(command);
  const times = { startedAt: isoNow(now), finishedAt: isoNow(doneAt) };
  if (!authorized) return { provisioningState: 'succeeded', exitCode: 1, ...times, logs: KUBECTL_UNAUTHORIZED };
  if (!parsed) {
    // Objects change when the command runs (its POST): the result read later reports that run.
    const answer = answerObjectKubectl(state, cluster, command.replace(/\s+/g, ' ').trim(), files);
    if (answer) return { provisioningState: 'succeeded', ...times, ...answer };
    return {
      provisioningState: 'failed',
      exitCode: 1,
      ...times,
      reason: 'CommandNotSupportedInSandbox',
      logs: `The sandbox only answers these commands: ${[...SUPPORTED_KUBECTL, ...SUPPORTED_OBJECT_KUBECTL].map((c) => `"${c}"`).join(' or ')}.`,
    };
  }
  return {
    provisioningState: 'succeeded',
    exitCode: 0,
    ...times,
    logs: JSON.stringify(kubectlList(cluster, state.extensionsOn(cluster), { ...parsed, now, provisioningMs: state.provisioningMs }), null, 4),
  };
}

/** `POST .../runCommand` (202 + Location) and `GET .../commandResults/{id}` (202, then 200). */
export function registerRunCommandRoutes(router: Router): void {
  router.add('POST', `${CLUSTER}/runCommand`, async (ctx) => {
    const cluster = ctx.state.cluster('managedClusters', ctx.params.sub, ctx.params.rg, ctx.params.name);
    const body = bodyObject(ctx);
    if (typeof body.command !== 'string' || body.command.trim() === '') {
      throw new ArmError(400, 'InvalidParameter', "The value of parameter 'command' is required.");
    }
    const files = unzipContext(body.context);
    if (typeof files === 'string') throw new ArmError(400, 'InvalidParameter', `The value of parameter 'context' is invalid: ${files}.`);
    let authorized = true;
    if (cluster.seed.kind === 'managedClusters' && cluster.seed.aadProfile) {
      const token = typeof body.clusterToken === 'string' ? body.clusterToken.trim() : '';
      if (!token) throw new ArmError(400, 'MissingAADClusterToken', 'This cluster have Azure Active Directory enabled, .clusterToken is required.');
      authorized = (await clusterTokenVerdict(router, token)) !== 'invalid';
    }
    const id = randomUUID().replace(/-/g, '');
    const now = Date.now();
    const properties = commandProperties(ctx.state, cluster, body.command, files, authorized, now, now + ctx.state.runCommandMs);
    const doneAt = monotonicNow() + ctx.state.runCommandMs;
    ctx.state.commandResults.set(id, { id, clusterId: cluster.id, body: { id, properties }, doneAt });
    // An unread result lives its TTL after the command finishes, however long it ran.
    ctx.state.commandResults.expireIn(id, ctx.state.runCommandMs + COMMAND_RESULT_TTL_MS);
    const version = ctx.url.searchParams.get('api-version');
    const location = `${ctx.origin}${cluster.id}/commandResults/${id}${version ? `?api-version=${encodeURIComponent(version)}` : ''}`;
    return { status: 202, headers: { Location: location, 'Retry-After': retryAfter(doneAt) } };
  });
  router.add('GET', `${CLUSTER}/commandResults/{commandId}`, (ctx) => {
    const cluster = ctx.state.cluster('managedClusters', ctx.params.sub, ctx.params.rg, ctx.params.name);
    const result = ctx.state.commandResults.get(ctx.params.commandId);
    if (!result || result.clusterId !== cluster.id) {
      throw new ArmError(404, 'NotFound', `Command result '${ctx.params.commandId}' was not found.`);
    }
    if (monotonicNow() < result.doneAt) {
      return { status: 202, headers: { Location: `${ctx.origin}${ctx.url.pathname}${ctx.url.search}`, 'Retry-After': retryAfter(result.doneAt) } };
    }
    // Read once is nearly done with: keep it only for a retried read (the store is bounded anyway).
    ctx.state.commandResults.expireIn(ctx.params.commandId, COMMAND_RESULT_AFTER_READ_MS);
    return ok(result.body);
  });
}
