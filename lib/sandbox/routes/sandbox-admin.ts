/**
 * Test-only admin routes on the emulator's origin, deliberately unauthenticated (they are not
 * ARM): select a cluster's fault scenario at run time, list scenarios, reset the world, take the
 * emulator offline for a while (restart), prove what protected settings arrived (as hashes only),
 * and choose what ARM does where the REST spec leaves it open (`/_sandbox/behaviour`: how a PATCH
 * applies settings, which LRO headers a write sends, how a PUT on an existing extension answers,
 * whether a failed install has a status entry, how long a runCommand runs).
 */
import { createHash } from 'node:crypto';

import { ArmError, bodyObject, ok, type RequestContext } from '../http';
import type { Router } from '../router';
import {
  FAILED_STATUSES_BEHAVIOURS,
  LRO_HEADER_BEHAVIOURS,
  PATCH_SETTINGS_BEHAVIOURS,
  PUT_EXISTING_BEHAVIOURS,
  type FailedStatusesBehaviour,
  type LroHeaderBehaviour,
  type PatchSettingsBehaviour,
  type PutExistingBehaviour,
  type SandboxState,
} from '../state';
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
  router.add('GET', '/_sandbox/protected-hashes', (ctx) => protectedHashes(ctx));
  router.add('PUT', '/_sandbox/behaviour', (ctx) => setBehaviour(ctx));
  router.add('GET', '/_sandbox/behaviour', (ctx) => ok(behaviourOf(ctx.state)));
}

/** The choices `/_sandbox/behaviour` takes, each where the REST spec leaves ARM's behaviour open. */
const BEHAVIOUR_CHOICES = {
  patchSettings: PATCH_SETTINGS_BEHAVIOURS,
  lroHeaders: LRO_HEADER_BEHAVIOURS,
  putExisting: PUT_EXISTING_BEHAVIOURS,
  failedStatuses: FAILED_STATUSES_BEHAVIOURS,
} as const;
/** The longest runCommand the route accepts: enough for any test of "taking a while". */
export const MAX_RUN_COMMAND_MS = 120_000;

function behaviourOf(state: SandboxState) {
  return {
    patchSettings: state.patchSettings,
    lroHeaders: state.lroHeaders,
    putExisting: state.putExisting,
    failedStatuses: state.failedStatuses,
    runCommandMs: state.runCommandMs,
  };
}

/**
 * `PUT /_sandbox/behaviour` with any of `patchSettings`, `lroHeaders`, `putExisting`,
 * `failedStatuses` (one of {@link BEHAVIOUR_CHOICES} each) and `runCommandMs` (whole ms): all
 * checked before any is applied; the answer is every current choice. A reset restores the defaults.
 */
function setBehaviour(ctx: RequestContext) {
  const body = bodyObject(ctx);
  const known = [...Object.keys(BEHAVIOUR_CHOICES), 'runCommandMs'];
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length > 0 || Object.keys(body).length === 0) {
    throw new ArmError(400, 'InvalidBehaviour', `Send one or more of: ${known.join(', ')}.`);
  }
  for (const [key, choices] of Object.entries(BEHAVIOUR_CHOICES)) {
    const value = body[key];
    if (value !== undefined && !(choices as readonly unknown[]).includes(value)) {
      throw new ArmError(400, 'InvalidBehaviour', `${key} must be one of: ${choices.join(', ')}.`);
    }
  }
  const runCommandMs = body.runCommandMs;
  if (runCommandMs !== undefined && (typeof runCommandMs !== 'number' || !Number.isInteger(runCommandMs) || runCommandMs < 0 || runCommandMs > MAX_RUN_COMMAND_MS)) {
    throw new ArmError(400, 'InvalidBehaviour', `runCommandMs must be a whole number of milliseconds from 0 to ${MAX_RUN_COMMAND_MS}.`);
  }
  const state = ctx.state;
  if (body.patchSettings !== undefined) state.patchSettings = body.patchSettings as PatchSettingsBehaviour;
  if (body.lroHeaders !== undefined) state.lroHeaders = body.lroHeaders as LroHeaderBehaviour;
  if (body.putExisting !== undefined) state.putExisting = body.putExisting as PutExistingBehaviour;
  if (body.failedStatuses !== undefined) state.failedStatuses = body.failedStatuses as FailedStatusesBehaviour;
  if (typeof runCommandMs === 'number') state.runCommandMs = runCommandMs;
  return ok(behaviourOf(state));
}

/**
 * `GET /_sandbox/protected-hashes?extensionId=` → `{ extensionId, value: { <key>: <sha256 hex> } }`:
 * proof of what the emulator received in `configurationProtectedSettings`, for the secret-hygiene
 * test, without ever echoing a secret (a SHA-256 of a key or a random Relay key reveals nothing).
 */
function protectedHashes(ctx: RequestContext) {
  const extensionId = ctx.url.searchParams.get('extensionId')?.trim() ?? '';
  const extension = ctx.state.extensions.get(extensionId.toLowerCase());
  if (!extension) throw new ArmError(404, 'ResourceNotFound', 'No sandbox extension has that id.');
  const value = Object.fromEntries(
    Object.entries(extension.protectedSettings).map(([key, secret]) => [key, createHash('sha256').update(secret, 'utf8').digest('hex')]),
  );
  return ok({ extensionId: extension.id, value });
}

/** The longest outage `POST /_sandbox/restart` accepts: enough for any test, never "down for good" by a typo. */
export const MAX_RESTART_DOWN_MS = 60_000;

/**
 * Takes the listener down for `downForMs`, after the answer has left. Answers false when a restart
 * is already under way (nothing is scheduled then).
 */
export type ScheduleRestart = (downForMs: number) => false | (() => void);

/**
 * `POST /_sandbox/restart` with `{ downForMs }`: 202, then the emulator closes its listener and
 * every open connection (requests in flight fail as on a real outage) and listens again on the
 * same port, with the same certificate, after `downForMs`. The world, the request counters and
 * sign-ins survive, as Azure's would: only the network goes away. `Connection: close` so the
 * caller's own connection ends cleanly with the answer.
 */
export function registerSandboxRestartRoute(router: Router, scheduleRestart: ScheduleRestart): void {
  router.add('POST', '/_sandbox/restart', (ctx) => {
    const downForMs = bodyObject(ctx).downForMs;
    if (typeof downForMs !== 'number' || !Number.isInteger(downForMs) || downForMs < 0 || downForMs > MAX_RESTART_DOWN_MS) {
      throw new ArmError(400, 'InvalidRequestContent', `downForMs must be a whole number of milliseconds from 0 to ${MAX_RESTART_DOWN_MS}.`);
    }
    const goDown = scheduleRestart(downForMs);
    if (!goDown) throw new ArmError(409, 'Conflict', 'The sandbox is already restarting.');
    return { status: 202, body: { downForMs }, headers: { Connection: 'close' }, afterResponse: goDown };
  });
}

/**
 * `GET /_sandbox/stats` (requests the emulator answered, by method, surface and status: what
 * benchmarks and resilience tests count ARM reads and writes with) and `POST /_sandbox/stats/reset`.
 */
export function registerSandboxStatsRoutes(router: Router, stats: RequestStats): void {
  router.add('GET', '/_sandbox/stats', () => ok(stats.snapshot()));
  router.add('POST', '/_sandbox/stats/reset', () => {
    stats.reset();
    return { status: 204 };
  });
}

/** Surfaces the emulator serves that are not ARM (Arc clusters' Kubernetes API, the sign-in authority). */
export const NON_ARM_SURFACES: readonly string[] = ['kube-api', 'identity'];

/** Which ARM surface a request path belongs to, for {@link RequestStats}. */
export function surfaceOf(path: string): string {
  const p = path.toLowerCase();
  if (p.startsWith('/_kube/')) return 'kube-api';
  if (p.includes('/oauth2/')) return 'identity';
  if (p.startsWith('/providers/microsoft.resourcegraph/')) return 'resource-graph';
  if (p.includes('/providers/microsoft.kubernetesconfiguration/extensions')) {
    return p.includes('/operations/') || p.includes('/operationresults/') ? 'extension-operations' : 'extensions';
  }
  if (p.includes('/runcommand') || p.includes('/commandresults/')) return 'run-command';
  if (p.includes('/providers/microsoft.containerservice/managedclusters')) return 'managed-clusters';
  if (p.includes('/providers/microsoft.kubernetes/connectedclusters')) return 'connected-clusters';
  if (p.includes('/providers/microsoft.relay/')) return 'relay';
  if (/^\/subscriptions\/[^/]+\/providers(\/|$)/.test(p)) return 'providers';
  if (/^\/subscriptions\/[^/]+\/resourcegroups(\/[^/]+)?$/.test(p)) return 'resource-groups';
  if (/^\/subscriptions(\/[^/]+)?$/.test(p)) return 'subscriptions';
  return 'other';
}

/** One counter of {@link RequestStats}. */
export interface RequestCount {
  method: string;
  surface: string;
  status: number;
  count: number;
}

/** What `GET /_sandbox/stats` answers. */
export interface RequestStatsSnapshot {
  /** When the counters were last reset, ISO 8601. */
  since: string;
  /** ARM requests ({@link NON_ARM_SURFACES} excluded), whatever their outcome. */
  armRequests: number;
  /** ARM GETs: what Resource Manager charges against the subscription's read budget. */
  armReads: number;
  /** PUT/PATCH/DELETE that ARM accepted (2xx): writes that really happened. */
  armWritesAccepted: number;
  counts: RequestCount[];
}

/**
 * Counts the requests an emulator answered, by method, surface and status. Lives outside
 * {@link SandboxState} so a world reset does not clear the figures a benchmark is reading.
 */
export class RequestStats {
  private readonly counts = new Map<string, RequestCount>();
  private since = Date.now();

  /** Records one answered request (admin routes are not recorded by the emulator). */
  record(method: string, path: string, status: number): void {
    const surface = surfaceOf(path);
    const key = `${method} ${surface} ${status}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { method, surface, status, count: 1 });
  }

  /** The counters since the last reset. */
  snapshot(): RequestStatsSnapshot {
    const counts = [...this.counts.values()].map((c) => ({ ...c })).sort((a, b) => b.count - a.count);
    const arm = counts.filter((c) => !NON_ARM_SURFACES.includes(c.surface));
    const sum = (list: RequestCount[]) => list.reduce((total, c) => total + c.count, 0);
    return {
      since: new Date(this.since).toISOString(),
      armRequests: sum(arm),
      armReads: sum(arm.filter((c) => c.method === 'GET')),
      armWritesAccepted: sum(arm.filter((c) => ['PUT', 'PATCH', 'DELETE'].includes(c.method) && c.status < 300)),
      counts,
    };
  }

  /** Accepted (2xx) requests of one method on one surface, e.g. `('PUT', 'extensions')`. */
  accepted(method: string, surface: string): number {
    let total = 0;
    for (const c of this.counts.values()) if (c.method === method && c.surface === surface && c.status < 300) total += c.count;
    return total;
  }

  /** Starts counting afresh. */
  reset(): void {
    this.counts.clear();
    this.since = Date.now();
  }
}
