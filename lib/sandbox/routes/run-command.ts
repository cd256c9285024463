/**
 * AKS runCommand: the portal reads the `azureml` namespace with one kubectl command. The sandbox
 * answers exactly that command from its simulated namespace and refuses anything else.
 */
import { randomUUID } from 'node:crypto';
import { ArmError, bodyObject, isoNow, ok } from '../http';
import { kubectlList, parseKubectl, SUPPORTED_KUBECTL } from '../kube';
import type { Router } from '../router';
import { COMMAND_RESULT_AFTER_READ_MS } from '../state';

const CLUSTER = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}';

/** `POST .../runCommand` (202 + Location) and `GET .../commandResults/{id}`. */
export function registerRunCommandRoutes(router: Router): void {
  router.add('POST', `${CLUSTER}/runCommand`, (ctx) => {
    const cluster = ctx.state.cluster('managedClusters', ctx.params.sub, ctx.params.rg, ctx.params.name);
    const body = bodyObject(ctx);
    if (typeof body.command !== 'string' || body.command.trim() === '') {
      throw new ArmError(400, 'InvalidParameter', "The value of parameter 'command' is required.");
    }
    const id = randomUUID().replace(/-/g, '');
    const now = Date.now();
    const parsed = parseKubectl(body.command);
    const properties = parsed
      ? {
          provisioningState: 'succeeded',
          exitCode: 0,
          startedAt: isoNow(now),
          finishedAt: isoNow(now + 900),
          logs: JSON.stringify(
            kubectlList(cluster, ctx.state.extensionsOn(cluster), { ...parsed, now, provisioningMs: ctx.provisioningMs }),
            null,
            4,
          ),
        }
      : {
          provisioningState: 'failed',
          exitCode: 1,
          startedAt: isoNow(now),
          finishedAt: isoNow(now + 300),
          reason: 'CommandNotSupportedInSandbox',
          logs: `The sandbox only answers these commands: ${SUPPORTED_KUBECTL.map((c) => `"${c}"`).join(' or ')}.`,
        };
    ctx.state.commandResults.set(id, { id, clusterId: cluster.id, body: { id, properties } });
    const version = ctx.url.searchParams.get('api-version');
    const location = `${ctx.origin}${cluster.id}/commandResults/${id}${version ? `?api-version=${encodeURIComponent(version)}` : ''}`;
    return { status: 202, headers: { Location: location, 'Retry-After': '0' } };
  });
  router.add('GET', `${CLUSTER}/commandResults/{commandId}`, (ctx) => {
    const cluster = ctx.state.cluster('managedClusters', ctx.params.sub, ctx.params.rg, ctx.params.name);
    const result = ctx.state.commandResults.get(ctx.params.commandId);
    if (!result || result.clusterId !== cluster.id) {
      throw new ArmError(404, 'NotFound', `Command result '${ctx.params.commandId}' was not found.`);
    }
    // Read once is nearly done with: keep it only for a retried read (the store is bounded anyway).
    ctx.state.commandResults.expireIn(ctx.params.commandId, COMMAND_RESULT_AFTER_READ_MS);
    return ok(result.body);
  });
}
