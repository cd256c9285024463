import 'server-only';

import type { ComputeResource } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';

import { beginResourceWrite, reconcileResourceAuditOutcome } from '@/lib/audit/audit';
import { preflightRefusal } from '@/lib/audit/create-audit';
import { getCluster } from '@/lib/azure/clusters';
import { beginAttachCompute, deleteCompute, getCompute, listComputes, type KubernetesComputeResource } from '@/lib/azure/computes';
import { listExtensions } from '@/lib/azure/extensions';
import { readNamespaceExists } from '@/lib/azure/kube-objects';
import { readWorkspacePermissions } from '@/lib/azure/permissions';
import { listWorkspaces, type WorkspaceSummary } from '@/lib/azure/workspaces';
import {
  attachRequestSchemaFor,
  buildAttachAzCommand,
  buildAttachBicep,
  buildComputeBody,
  englishAttachText,
  fieldsTheCliCannotSet,
  formatComputeId,
  parseComputeId,
  parseWorkspaceId,
  type AttachRequest,
  type AttachText,
  type KubernetesComputeBody,
} from '@/lib/domain/attach';
import {
  azuremlExtensionOf,
  namespaceOrigin,
  runAttachPreflight,
  type AttachFacts,
  type AttachFinding,
  type ClusterExtensionFacts,
  type NamespaceOrigin,
} from '@/lib/domain/attach-preflight';
import { parseClusterId } from '@/lib/domain/cluster';
import { statusClassOf } from '@/lib/domain/status-vocabulary';
import { AppError, toAppError } from '@/lib/errors';
import { getLockStore, LockTimeoutError } from '@/lib/store/locks';
import { workloadsOf, type AttachWorkload } from '@/lib/ui/attach-form';

import { oncePerIdempotencyKey } from './idempotency';

/**
 * Attaching a cluster to an Azure ML workspace as Kubernetes compute (issue 17 items 1-3): the
 * workspaces to choose from, the plan (ARM body, az command, Bicep, preflight; no write), the
 * audited attach and detach, and the compute's status as pages and the API read it.
 */

/** A field's problem: `key` is the field path (`name`, `workspaceId`, `identity.userAssignedIdentities.0`). */
export interface AttachFieldError {
  key: string;
  message: string;
}

export type PlanAttachResult =
  | {
      ok: true;
      body: KubernetesComputeBody;
      azCommand: string;
      bicep: string;
      cliCannotSet: ReturnType<typeof fieldsTheCliCannotSet>;
      findings: AttachFinding[];
      namespaceOrigin: NamespaceOrigin;
    }
  | { ok: false; errors: AttachFieldError[] };

export type AttachResult = { ok: true; id: string; statusUrl: string } | { ok: false; findings: AttachFinding[] } | { ok: false; errors: AttachFieldError[] };

/** A compute as GET /api/v1/computes/status answers it. */
export interface ComputeStatus {
  id: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  provisioningState: string;
  namespace?: string;
  defaultInstanceType?: string;
  /** The service's provisioning errors, each with what to do. */
  errors: Array<{ code: string; message: string; fix?: string }>;
  /** True once the state will not change by itself (Succeeded, Failed, Canceled). */
  terminal: boolean;
}

/** An attachment of a cluster, as GET /api/v1/computes?clusterId= lists it. */
export interface ClusterCompute {
  id: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  namespace?: string;
  provisioningState: string;
}

/** Where the UI and API callers poll a started attach. */
export function computeStatusUrl(computeId: string): string {
  return `/api/v1/computes/status?id=${encodeURIComponent(computeId)}`;
}

const sameId = (a: string | null | undefined, b: string) => (a ?? '').replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/**
 * The workspaces a cluster can be attached to: those the caller sees in the cluster's subscription
 * (Azure ML cannot attach a cluster from another subscription; the attach preflight says so, with
 * the Arc remedy, when another workspace id is given).
 */
export async function listAttachWorkspaces(credential: TokenCredential, clusterId: string): Promise<WorkspaceSummary[]> {
  const cluster = parseClusterId(clusterId);
  if (!cluster) throw new AppError({ code: 'InvalidResourceId', status: 400, target: clusterId, userText: { key: 'resources.notAClusterId', values: { id: clusterId } } });
  const workspaces = await listWorkspaces(credential, cluster.subscriptionId);
  return workspaces.sort((a, b) => a.name.localeCompare(b.name));
}

/** The input's workloads (`training`, `inference`), or undefined when it names none valid. */
function workloadsIn(input: unknown): AttachWorkload[] | undefined {
  const raw = input && typeof input === 'object' ? (input as { workloads?: unknown }).workloads : undefined;
  if (!Array.isArray(raw)) return undefined;
  return raw.filter((w): w is AttachWorkload => w === 'training' || w === 'inference');
}

function parseInput(input: unknown, text: AttachText): { ok: true; request: AttachRequest } | { ok: false; errors: AttachFieldError[] } {
  const body = input && typeof input === 'object' ? Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'workloads')) : input;
  const parsed = attachRequestSchemaFor(text).safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ key: issue.path.join('.'), message: issue.message })) };
}

function extensionFacts(extension: Awaited<ReturnType<typeof listExtensions>>[number]): ClusterExtensionFacts {
  return {
    id: extension.id ?? '',
    name: extension.name ?? '',
    extensionType: extension.extensionType ?? '',
    ...(extension.provisioningState ? { provisioningState: extension.provisioningState } : {}),
    ...(extension.configurationSettings ? { configurationSettings: { ...extension.configurationSettings } } : {}),
  };
}

/** A read whose failure leaves a fact unknown (preflight then says nothing about it). */
async function orUndefined<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch {
    return undefined;
  }
}

type Planned = { ok: true; request: AttachRequest; plan: Extract<PlanAttachResult, { ok: true }> } | { ok: false; errors: AttachFieldError[] };

async function plan(credential: TokenCredential, input: unknown, text: AttachText): Promise<Planned> {
  const parsed = parseInput(input, text);
  if (!parsed.ok) return parsed;
  const { request } = parsed;
  const workspaceParts = parseWorkspaceId(request.workspaceId)!;
  const [details, extensions, workspaces, computes, workspacePermissions] = await Promise.all([
    getCluster(credential, request.clusterId),
    listExtensions(credential, request.clusterId),
    listWorkspaces(credential, workspaceParts.subscriptionId),
    orUndefined(listComputes(credential, request.workspaceId)),
    orUndefined(readWorkspacePermissions(credential, request.workspaceId)),
  ]);
  const workspace = workspaces.find((candidate) => sameId(candidate.id, request.workspaceId));
  if (!workspace) return { ok: false, errors: [{ key: 'workspaceId', message: text('attach.service.workspaceNotFound', { id: request.workspaceId }) }] };
  const extensionList = extensions.map(extensionFacts);
  const extension = azuremlExtensionOf(extensionList);
  // Only a namespace that is neither `default` nor the extension's own needs a look inside the cluster.
  const origin = namespaceOrigin(request.namespace, Boolean(extension), undefined);
  const namespaceExists = origin === 'unknown' ? await orUndefined(readNamespaceExists(credential, request.clusterId, request.namespace)) : undefined;
  const facts: AttachFacts = {
    cluster: details,
    workspace: { id: workspace.id, name: workspace.name },
    extensions: extensionList,
    ...(computes ? { computes: computes.map((c) => ({ name: c.name ?? '', computeType: c.properties?.computeType ?? '', resourceId: c.properties?.resourceId ?? null })) } : {}),
    ...(namespaceExists === undefined ? {} : { namespaceExists }),
    ...(workspacePermissions ? { workspacePermissions } : {}),
  };
  const workloads = workloadsIn(input) ?? (extension ? workloadsOf(extension.configurationSettings ?? {}, details.type) : []);
  const findings = runAttachPreflight(facts, { computeName: request.name, namespace: request.namespace, workloads }, text);
  const body = buildComputeBody(request, workspace);
  return {
    ok: true,
    request,
    plan: {
      ok: true,
      body,
      azCommand: buildAttachAzCommand(request),
      bicep: buildAttachBicep(request, body),
      cliCannotSet: fieldsTheCliCannotSet(request),
      findings,
      namespaceOrigin: namespaceOrigin(request.namespace, Boolean(extension), namespaceExists),
    },
  };
}

/** What the attach would send and what its preflight found, in `text`'s language. No write. */
export async function planAttach(credential: TokenCredential, input: unknown, text: AttachText = englishAttachText): Promise<PlanAttachResult> {
  const planned = await plan(credential, input, text);
  return planned.ok ? planned.plan : planned;
}

/** One attach per compute name at a time (every replica sharing the store): from preflight to the accepted PUT. */
async function withComputeAttachLock<T>(computeId: string, name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await getLockStore().withLock(`attach:${computeId.toLowerCase()}`, work);
  } catch (err) {
    if (err instanceof LockTimeoutError) throw new AppError({ code: 'Conflict', status: 409, retryable: true, userText: { key: 'resources.computeAttachBusy', values: { name } } });
    throw err;
  }
}

const FIELD_ERROR_CODE = 'ValidationFailed';

/**
 * Attaches the cluster: the plan again (validation, preflight), refused on a blocking finding with
 * no ARM write (audited `refused`), else a write-ahead audit row, the compute's PUT, `accepted`
 * once ARM took it (its end is settled when its status is read). With an `idempotencyKey`, as
 * `createExtension` (lib/deploy/idempotency.ts).
 */
export async function attachCluster(
  credential: TokenCredential,
  input: unknown,
  options: { idempotencyKey?: string } = {},
  text: AttachText = englishAttachText,
): Promise<AttachResult> {
  const { workloads, ...request } = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return oncePerIdempotencyKey('attach-compute', credential, options.idempotencyKey, { request, workloads }, () => attachOnce(credential, input, text));
}

async function attachOnce(credential: TokenCredential, input: unknown, text: AttachText): Promise<AttachResult> {
  const parsed = parseInput(input, text);
  if (!parsed.ok) return parsed;
  const { request } = parsed;
  const computeId = formatComputeId(parseWorkspaceId(request.workspaceId)!, request.name);
  return withComputeAttachLock(computeId, request.name, async () => {
    const audit = await beginResourceWrite(credential, {
      action: 'attach',
      clusterId: request.clusterId,
      resourceId: computeId,
      settings: {
        namespace: request.namespace,
        ...(request.defaultInstanceType ? { defaultInstanceType: request.defaultInstanceType } : {}),
        identity: request.identity?.type ?? 'None',
      },
    });
    try {
      const planned = await plan(credential, input, text);
      if (!planned.ok) {
        await audit.settle('refused', { code: FIELD_ERROR_CODE, message: planned.errors.map((e) => `${e.key}: ${e.message}`).join(' ') });
        return planned;
      }
      const blocking = planned.plan.findings.filter((finding) => finding.severity === 'error');
      if (blocking.length > 0) {
        await audit.settle('refused', preflightRefusal(planned.plan.findings as never));
        return { ok: false, findings: planned.plan.findings };
      }
      const started = await beginAttachCompute(credential, request.workspaceId, request.name, planned.plan.body as ComputeResource);
      await audit.settle('accepted');
      const id = started.compute?.id ?? computeId;
      return { ok: true, id, statusUrl: computeStatusUrl(id) };
    } catch (err) {
      await audit.fail(err);
      throw err;
    }
  });
}

function requireComputeId(computeId: string) {
  const parsed = parseComputeId(computeId);
  if (!parsed) throw new AppError({ code: 'InvalidResourceId', status: 400, target: computeId, userText: { key: 'resources.notAComputeId', values: { id: computeId } } });
  return parsed;
}

const TERMINAL_CLASSES = new Set(['healthy', 'failed', 'terminal']);

function statusOf(compute: KubernetesComputeResource, parsed: NonNullable<ReturnType<typeof parseComputeId>>, text: AttachText): ComputeStatus {
  const provisioningState = compute.properties?.provisioningState ?? 'Unknown';
  const inner = compute.properties?.properties;
  const errors = (compute.properties?.provisioningErrors ?? []).flatMap((entry) =>
    entry.error ? [{ code: entry.error.code ?? provisioningState, message: entry.error.message ?? '', fix: text('attach.service.computeFailedFix') }] : [],
  );
  return {
    id: compute.id ?? formatComputeId(parsed.workspace, parsed.name),
    name: compute.name ?? parsed.name,
    workspaceId: parsed.workspaceId,
    workspaceName: parsed.workspace.name,
    provisioningState,
    ...(inner?.namespace ? { namespace: inner.namespace } : {}),
    ...(inner?.defaultInstanceType ? { defaultInstanceType: inner.defaultInstanceType } : {}),
    errors,
    terminal: TERMINAL_CLASSES.has(statusClassOf(provisioningState)),
  };
}

/**
 * The compute's provisioning state and errors explained. Settles the newest accepted attach (a
 * terminal state) or detach (the compute gone: the 404 is rethrown) in the audit trail.
 */
export async function readComputeStatus(credential: TokenCredential, computeId: string, text: AttachText = englishAttachText): Promise<ComputeStatus> {
  const parsed = requireComputeId(computeId);
  const readStartedAt = new Date();
  let compute: KubernetesComputeResource;
  try {
    compute = await getCompute(credential, parsed.workspaceId, parsed.name);
  } catch (err) {
    if (toAppError(err).code === 'ResourceNotFound') await reconcileResourceAuditOutcome(computeId, 'Deleted', null, readStartedAt);
    throw err;
  }
  const status = statusOf(compute, parsed, text);
  if (status.terminal) await reconcileResourceAuditOutcome(formatComputeId(parsed.workspace, parsed.name), status.provisioningState, status.errors[0] ?? null, readStartedAt);
  return status;
}

/** The Kubernetes computes whose `resourceId` is the cluster, across the workspaces the caller sees in its subscription. */
export async function listClusterComputes(credential: TokenCredential, clusterId: string): Promise<ClusterCompute[]> {
  const workspaces = await listAttachWorkspaces(credential, clusterId);
  const perWorkspace = await Promise.all(workspaces.map(async (workspace) => ({ workspace, computes: (await orUndefined(listComputes(credential, workspace.id))) ?? [] })));
  return perWorkspace.flatMap(({ workspace, computes }) =>
    computes
      .filter((compute) => sameId(compute.properties?.resourceId, clusterId))
      .map((compute) => ({
        id: compute.id ?? `${workspace.id}/computes/${compute.name}`,
        name: compute.name ?? '',
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        ...(compute.properties?.properties?.namespace ? { namespace: compute.properties.properties.namespace } : {}),
        provisioningState: compute.properties?.provisioningState ?? 'Unknown',
      })),
  );
}

/** Detaches a compute (audited `detach`); the cluster and its extension stay. Settled when a status read sees it gone. */
export async function detachCompute(credential: TokenCredential, computeId: string): Promise<void> {
  const parsed = requireComputeId(computeId);
  const id = formatComputeId(parsed.workspace, parsed.name);
  const existing = await orUndefined(getCompute(credential, parsed.workspaceId, parsed.name));
  const clusterId = existing?.properties?.resourceId ?? '';
  const audit = await beginResourceWrite(credential, { action: 'detach', clusterId, resourceId: id });
  try {
    const started = await deleteCompute(credential, parsed.workspaceId, parsed.name);
    await audit.settle(started.status === 'succeeded' ? 'succeeded' : 'accepted');
  } catch (err) {
    await audit.fail(err);
    throw err;
  }
}
