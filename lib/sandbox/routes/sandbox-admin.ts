/**
 * Test-only admin routes on the emulator's origin, deliberately unauthenticated (they are not
 * ARM): select a cluster's fault scenario at run time, list scenarios, reset the world.
 */
import { ArmError, bodyObject, ok } from '../http';
import type { Router } from '../router';
import { FAULT_SCENARIOS, type FaultScenario } from '../world-types';

/** Path prefix the emulator lets through without a bearer token. */
export const ADMIN_PREFIX = '/_sandbox/';

/** `GET /_sandbox/clusters`, `PUT /_sandbox/clusters/{name}/scenario`, `POST /_sandbox/reset`. */
export function registerSandboxAdminRoutes(router: Router, reset: () => void): void {
  router.add('GET', '/_sandbox/clusters', (ctx) =>
    ok({ value: ctx.state.clusters.map((c) => ({ name: c.seed.name, id: c.id, kind: c.seed.kind, scenario: c.scenario })) }),
  );
  router.add('PUT', '/_sandbox/clusters/{name}/scenario', (ctx) => {
    const cluster = ctx.state.clusterByName(ctx.params.name);
    if (!cluster) throw new ArmError(404, 'ResourceNotFound', `No sandbox cluster is named '${ctx.params.name}'.`);
    const scenario = bodyObject(ctx).scenario;
    if (scenario !== null && !FAULT_SCENARIOS.includes(scenario as FaultScenario)) {
      throw new ArmError(400, 'InvalidScenario', `scenario must be null or one of: ${FAULT_SCENARIOS.join(', ')}.`);
    }
    cluster.scenario = scenario as FaultScenario | null;
    cluster.requestCount = 0;
    return ok({ name: cluster.seed.name, id: cluster.id, scenario: cluster.scenario });
  });
  router.add('POST', '/_sandbox/reset', () => {
    reset();
    return { status: 204 };
  });
}
