/**
 * `Microsoft.MachineLearningServices` (`@azure/arm-machinelearning` 2.1.1, api-version
 * 2022-10-01): workspaces (read, seeded in world.ts) and Kubernetes computes (attach = long-running
 * PUT, GET, list, detach = long-running DELETE with `underlyingResourceAction=Detach`). Bodies as
 * machineLearningServices.json and its Compute_CreateOrUpdate / Compute_Get KubernetesCompute
 * examples. Where the spec is silent the choices are in lib/sandbox/README.md ("Machine Learning").
 */
import { randomUUID } from 'node:crypto';

import { COMPUTE_NAME_PATTERN } from '@/lib/domain/attach';
import { parseClusterId, sameResourceId } from '@/lib/domain/cluster';

import { apiVersionSentFor } from '../api-versions';
import { BoundedMap } from '../bounded-map';
import { ArmError, bodyObject, isoNow, ok, paginate, type RequestContext } from '../http';
import { isAzureMl } from '../kube';
import type { Router } from '../router';
import type { SandboxState } from '../state';
import type { WorldWorkspace } from '../world-types';

const NAMESPACE = 'Microsoft.MachineLearningServices';
/** The api-version echoed in the URLs handed out (what the SDK sends: the one table). */
export const MACHINE_LEARNING_API_VERSION = apiVersionSentFor(NAMESPACE);
const WORKSPACES = `/subscriptions/{sub}/resourceGroups/{rg}/providers/${NAMESPACE}/workspaces`;
const COMPUTES = `${WORKSPACES}/{ws}/computes`;
const OPERATIONS = `/subscriptions/{sub}/providers/${NAMESPACE}/locations/{location}`;
/** Operations kept per emulator, oldest first (a few hundred bytes each). */
const MAX_COMPUTE_OPERATIONS = 1_000;

interface ComputeError {
  code: string;
  message: string;
}

interface ComputeRecord {
  id: string;
  name: string;
  workspace: WorldWorkspace;
  location: string;
  description: string | null;
  resourceId: string;
  identity: Record<string, unknown> | undefined;
  /** `properties.properties` as sent, minus the write-only connection strings. */
  kubernetes: Record<string, unknown>;
  provisioningState: 'Creating' | 'Deleting' | 'Succeeded' | 'Failed';
  provisioningErrors: ComputeError[];
  createdOn: string;
  modifiedOn: string;
  activeOperationId: string | null;
}

interface ComputeOperation {
  id: string;
  computeId: string;
  kind: 'attach' | 'detach';
  status: 'InProgress' | 'Succeeded' | 'Failed';
  error: ComputeError | null;
}

interface MachineLearningState {
  computes: Map<string, ComputeRecord>;
  operations: BoundedMap<string, ComputeOperation>;
}

/** Per emulator state; a `/_sandbox/reset` builds a new SandboxState, so it starts empty again. */
const perState = new WeakMap<SandboxState, MachineLearningState>();

function mlState(state: SandboxState): MachineLearningState {
  let ml = perState.get(state);
  if (!ml) {
    ml = { computes: new Map(), operations: new BoundedMap({ maxEntries: MAX_COMPUTE_OPERATIONS }) };
    perState.set(state, ml);
  }
  return ml;
}

export function workspaceResourceId(w: Pick<WorldWorkspace, 'subscriptionId' | 'resourceGroup' | 'name'>): string {
  return `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/${NAMESPACE}/workspaces/${w.name}`;
}

function workspacesOf(state: SandboxState): WorldWorkspace[] {
  return state.world.workspaces ?? [];
}

function requireWorkspace(ctx: RequestContext): WorldWorkspace {
  ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg);
  const found = workspacesOf(ctx.state).find(
    (w) =>
      w.subscriptionId.toLowerCase() === ctx.params.sub.toLowerCase() &&
      w.resourceGroup.toLowerCase() === ctx.params.rg.toLowerCase() &&
      w.name.toLowerCase() === ctx.params.ws.toLowerCase(),
  );
  if (!found) {
    throw new ArmError(404, 'ResourceNotFound', `The Resource '${NAMESPACE}/workspaces/${ctx.params.ws}' under resource group '${ctx.params.rg}' was not found.`);
  }
  return found;
}

/** A workspace as 2022-10-01's `Workspace` (only fields the spec defines; ids of its resources derived from its name). */
function workspaceBody(state: SandboxState, w: WorldWorkspace) {
  const rg = `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers`;
  const short = w.name.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 16);
  return {
    id: workspaceResourceId(w),
    name: w.name,
    type: `${NAMESPACE}/workspaces`,
    location: w.location,
    tags: {},
    sku: { name: 'Basic', tier: 'Basic' },
    identity: { type: 'SystemAssigned', principalId: w.workspaceId, tenantId: state.world.tenantId },
    properties: {
      workspaceId: w.workspaceId,
      friendlyName: w.friendlyName,
      description: w.purpose,
      keyVault: `${rg}/Microsoft.KeyVault/vaults/kv${short}`,
      applicationInsights: `${rg}/Microsoft.Insights/components/ai${short}`,
      containerRegistry: null,
      storageAccount: `${rg}/Microsoft.Storage/storageAccounts/st${short}`,
      discoveryUrl: `https://${w.location}.api.azureml.ms/discovery`,
      provisioningState: 'Succeeded',
      hbiWorkspace: false,
      publicNetworkAccess: 'Enabled',
      tenantId: state.world.tenantId,
      storageHnsEnabled: false,
      mlFlowTrackingUri: `azureml://${w.location}.api.azureml.ms/mlflow/v1.0${workspaceResourceId(w)}`,
      v1LegacyMode: false,
    },
  };
}

/** A compute as 2022-10-01's `ComputeResource` with the `Kubernetes` properties, as the examples show them. */
function computeBody(c: ComputeRecord) {
  return {
    id: c.id,
    name: c.name,
    type: `${NAMESPACE}/workspaces/computes`,
    location: c.location,
    ...(c.identity ? { identity: c.identity } : {}),
    properties: {
      createdOn: c.createdOn,
      modifiedOn: c.modifiedOn,
      description: c.description,
      resourceId: c.resourceId,
      computeType: 'Kubernetes',
      provisioningState: c.provisioningState,
      provisioningErrors: c.provisioningErrors.length > 0 ? c.provisioningErrors.map((error) => ({ error: { ...error } })) : null,
      isAttachedCompute: true,
      properties: {
        // Write-only secrets, never returned (as the examples: null).
        relayConnectionString: null,
        serviceBusConnectionString: null,
        extensionPrincipalId: null,
        extensionInstanceReleaseTrain: 'stable',
        vcName: null,
        namespace: 'default',
        ...c.kubernetes,
      },
    },
  };
}

function computeId(ctx: RequestContext, w: WorldWorkspace): string {
  return `${workspaceResourceId(w)}/computes/${ctx.params.compute}`;
}

function findCompute(ctx: RequestContext, w: WorldWorkspace): ComputeRecord | undefined {
  return mlState(ctx.state).computes.get(computeId(ctx, w).toLowerCase());
}

function requireCompute(ctx: RequestContext, w: WorldWorkspace): ComputeRecord {
  const c = findCompute(ctx, w);
  if (!c) throw new ArmError(404, 'ResourceNotFound', `The Resource '${NAMESPACE}/workspaces/${w.name}/computes/${ctx.params.compute}' was not found.`);
  return c;
}

function rejectIfBusy(c: ComputeRecord): void {
  if (c.activeOperationId) {
    throw new ArmError(409, 'Conflict', `Another operation is in progress on compute '${c.name}' (provisioningState ${c.provisioningState}). Wait for it to finish and try again.`);
  }
}

function statusUrl(ctx: RequestContext, c: ComputeRecord, opId: string): string {
  return `${ctx.origin}/subscriptions/${c.workspace.subscriptionId}/providers/${NAMESPACE}/locations/${c.location}/computeOperationsStatus/${opId}?api-version=${MACHINE_LEARNING_API_VERSION}`;
}

function resultUrl(ctx: RequestContext, c: ComputeRecord, opId: string): string {
  return `${ctx.origin}/subscriptions/${c.workspace.subscriptionId}/providers/${NAMESPACE}/locations/${c.location}/computeOperationsResult/${opId}?api-version=${MACHINE_LEARNING_API_VERSION}`;
}

function badRequest(message: string): ArmError {
  return new ArmError(400, 'BadRequest', message);
}

/** The cluster the body names: same subscription as the workspace (else 400, before any write), and known. */
function attachTarget(ctx: RequestContext, w: WorldWorkspace, resourceId: unknown) {
  if (typeof resourceId !== 'string' || resourceId.length === 0) throw badRequest("'properties.resourceId' is required: the ARM id of the AKS or Arc cluster.");
  const parsed = parseClusterId(resourceId);
  if (!parsed) throw badRequest(`'${resourceId}' is not the id of an AKS (Microsoft.ContainerService/managedClusters) or Arc (Microsoft.Kubernetes/connectedClusters) cluster.`);
  if (parsed.subscriptionId.toLowerCase() !== w.subscriptionId.toLowerCase()) {
    throw badRequest(
      `The Kubernetes cluster '${resourceId}' is in subscription '${parsed.subscriptionId}', not in the workspace's subscription '${w.subscriptionId}'. Attaching a cluster from another subscription is not supported; connect it to Azure Arc in the workspace's subscription instead.`,
    );
  }
  const cluster = ctx.state.clusters.find((c) => sameResourceId(c.id, resourceId));
  if (!cluster) throw badRequest(`The Kubernetes cluster '${resourceId}' was not found.`);
  return cluster;
}

/**
 * Why an attach fails once the service looks at the cluster (at the end of the operation, as
 * Azure ML validates asynchronously): no Azure ML extension, one not Succeeded, or one with
 * neither training nor inference on.
 */
function attachFailure(state: SandboxState, clusterId: string): ComputeError | null {
  const cluster = state.clusters.find((c) => sameResourceId(c.id, clusterId));
  const extension = cluster ? state.extensionsOn(cluster).find((e) => isAzureMl(e.extensionType)) : undefined;
  if (!extension) {
    return {
      code: 'BadRequest',
      message: `The Azure Machine Learning extension (Microsoft.AzureML.Kubernetes) is not installed on cluster '${clusterId}'. Install it before attaching the cluster.`,
    };
  }
  if (extension.provisioningState !== 'Succeeded') {
    return {
      code: 'BadRequest',
      message: `The Azure Machine Learning extension '${extension.name}' on cluster '${clusterId}' is in provisioning state '${extension.provisioningState}', not 'Succeeded'. Attach the cluster once the extension is installed.`,
    };
  }
  const on = (key: string) => (extension.settings[key] ?? '').toLowerCase() === 'true';
  if (!on('enableTraining') && !on('enableInference')) {
    return {
      code: 'BadRequest',
      message: `The Azure Machine Learning extension '${extension.name}' on cluster '${clusterId}' has neither enableTraining nor enableInference on.`,
    };
  }
  return null;
}

function putCompute(ctx: RequestContext) {
  const w = requireWorkspace(ctx);
  // The service's rule, one constant with the portal's form (lib/domain/attach.ts gives its sources).
  if (!COMPUTE_NAME_PATTERN.test(ctx.params.compute)) {
    throw badRequest(
      `Compute name is invalid. It can include letters, digits and dashes. It must start with a letter, end with a letter or digit, and be between 2 and 16 characters in length.`,
    );
  }
  const body = bodyObject(ctx);
  const props = (body.properties ?? {}) as Record<string, unknown>;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) throw badRequest("'properties' must be an object.");
  if (props.computeType !== 'Kubernetes') throw badRequest(`The sandbox attaches only computeType 'Kubernetes', not '${String(props.computeType)}'.`);
  const cluster = attachTarget(ctx, w, props.resourceId);
  const existing = findCompute(ctx, w);
  if (existing) rejectIfBusy(existing);
  const inner = (props.properties ?? {}) as Record<string, unknown>;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw badRequest("'properties.properties' must be an object.");
  // Connection strings are write-only (the examples answer null); nothing else is kept from them.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropping the secrets is the point
  const { relayConnectionString, serviceBusConnectionString, ...kubernetes } = inner;
  const now = isoNow();
  const record: ComputeRecord = {
    id: computeId(ctx, w),
    name: ctx.params.compute,
    workspace: w,
    // The compute is a workspace child: it takes the workspace's region whatever the body says.
    location: w.location,
    description: typeof props.description === 'string' ? props.description : null,
    resourceId: cluster.id,
    identity: body.identity && typeof body.identity === 'object' ? (body.identity as Record<string, unknown>) : undefined,
    kubernetes,
    provisioningState: 'Creating',
    provisioningErrors: [],
    createdOn: existing?.createdOn ?? now,
    modifiedOn: now,
    activeOperationId: null,
  };
  const ml = mlState(ctx.state);
  ml.computes.set(record.id.toLowerCase(), record);
  const op = begin(ctx, record, 'attach');
  return { status: existing ? 200 : 201, body: computeBody(record), headers: { 'Azure-AsyncOperation': statusUrl(ctx, record, op.id) } };
}

function begin(ctx: RequestContext, c: ComputeRecord, kind: ComputeOperation['kind']): ComputeOperation {
  const ml = mlState(ctx.state);
  const op: ComputeOperation = { id: randomUUID(), computeId: c.id, kind, status: 'InProgress', error: null };
  ml.operations.set(op.id, op);
  c.activeOperationId = op.id;
  const state = ctx.state;
  state.schedule(kind === 'detach' ? state.provisioningMs / 2 : state.provisioningMs, () => {
    c.activeOperationId = null;
    if (kind === 'detach') {
      // Only the compute goes: the extension and its components stay on the cluster.
      ml.computes.delete(c.id.toLowerCase());
      op.status = 'Succeeded';
      return;
    }
    const failure = attachFailure(state, c.resourceId);
    c.modifiedOn = isoNow();
    c.provisioningState = failure ? 'Failed' : 'Succeeded';
    c.provisioningErrors = failure ? [failure] : [];
    op.status = failure ? 'Failed' : 'Succeeded';
    op.error = failure;
  });
  return op;
}

function deleteCompute(ctx: RequestContext) {
  const w = requireWorkspace(ctx);
  const action = [...ctx.url.searchParams].find(([k]) => k.toLowerCase() === 'underlyingresourceaction')?.[1];
  if (action === undefined) throw badRequest("The query parameter 'underlyingResourceAction' is required ('Delete' or 'Detach').");
  const c = findCompute(ctx, w);
  if (!c) return { status: 204 };
  if (action.toLowerCase() !== 'detach') {
    throw badRequest(`An attached Kubernetes compute can only be detached: underlyingResourceAction must be 'Detach', not '${action}'.`);
  }
  rejectIfBusy(c);
  c.provisioningState = 'Deleting';
  const op = begin(ctx, c, 'detach');
  return { status: 202, headers: { 'Azure-AsyncOperation': statusUrl(ctx, c, op.id), Location: resultUrl(ctx, c, op.id) } };
}

function requireOperation(ctx: RequestContext): ComputeOperation {
  const op = mlState(ctx.state).operations.get(ctx.params.op);
  if (!op || !op.computeId.toLowerCase().startsWith(`/subscriptions/${ctx.params.sub.toLowerCase()}/`)) {
    throw new ArmError(404, 'ResourceNotFound', `Operation '${ctx.params.op}' was not found.`);
  }
  return op;
}

/** ARM's generic asynchronous operation status (`Azure-AsyncOperation`): `{ status, error? }`. */
function operationStatus(ctx: RequestContext) {
  const op = requireOperation(ctx);
  return ok({ status: op.status, ...(op.error ? { error: { ...op.error } } : {}) });
}

/** The detach's `Location`: 202 while it runs, then 204 (or the attach's error, 400). */
function operationResult(ctx: RequestContext) {
  const op = requireOperation(ctx);
  if (op.status === 'InProgress') return { status: 202, headers: { Location: `${ctx.origin}${ctx.url.pathname}${ctx.url.search}`, 'Retry-After': '1' } };
  if (op.status === 'Failed') throw new ArmError(400, op.error?.code ?? 'BadRequest', op.error?.message ?? 'The compute operation failed.');
  return { status: 204 };
}

/** Workspaces (read) and Kubernetes computes under them; their operations' status and result. */
export function registerMachineLearningRoutes(router: Router): void {
  router.add('GET', `/subscriptions/{sub}/providers/${NAMESPACE}/workspaces`, (ctx) => {
    ctx.state.subscription(ctx.params.sub);
    const mine = workspacesOf(ctx.state).filter((w) => w.subscriptionId.toLowerCase() === ctx.params.sub.toLowerCase());
    return paginate(ctx, mine.map((w) => workspaceBody(ctx.state, w)));
  });
  router.add('GET', WORKSPACES, (ctx) => {
    ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg);
    const mine = workspacesOf(ctx.state).filter(
      (w) => w.subscriptionId.toLowerCase() === ctx.params.sub.toLowerCase() && w.resourceGroup.toLowerCase() === ctx.params.rg.toLowerCase(),
    );
    return paginate(ctx, mine.map((w) => workspaceBody(ctx.state, w)));
  });
  router.add('GET', `${WORKSPACES}/{ws}`, (ctx) => ok(workspaceBody(ctx.state, requireWorkspace(ctx))));
  router.add('GET', COMPUTES, (ctx) => {
    const w = requireWorkspace(ctx);
    const id = workspaceResourceId(w).toLowerCase();
    const mine = [...mlState(ctx.state).computes.values()].filter((c) => workspaceResourceId(c.workspace).toLowerCase() === id);
    return paginate(ctx, mine.map(computeBody));
  });
  router.add('GET', `${COMPUTES}/{compute}`, (ctx) => ok(computeBody(requireCompute(ctx, requireWorkspace(ctx)))));
  router.add('PUT', `${COMPUTES}/{compute}`, putCompute);
  router.add('DELETE', `${COMPUTES}/{compute}`, deleteCompute);
  router.add('GET', `${OPERATIONS}/computeOperationsStatus/{op}`, operationStatus);
  router.add('GET', `${OPERATIONS}/computeOperationsResult/{op}`, operationResult);
}
