/**
 * `Microsoft.KubernetesConfiguration/extensions` on AKS and Arc clusters
 * (`@azure/arm-kubernetesconfiguration` 6.1.0, api-version 2023-05-01): PUT/PATCH/DELETE are
 * long-running, pointed at by the headers `/_sandbox/behaviour` selects (`Azure-AsyncOperation`
 * and `Operation-Location` by default, as the spec's examples); protected settings are write-only.
 */
import { ArmError, bodyObject, isoNow, ok, paginate, stringMap, type RequestContext } from '../http';
import { isAzureMl } from '../kube';
import { beginExtensionOperation, finishUpdateNow } from '../operations';
import type { Router } from '../router';
import type { ClusterRecord, ExtensionRecord, OperationRecord, SandboxState } from '../state';
import { randomUUID } from 'node:crypto';
import { extensionResourceId } from '../ids';

const SCOPE = '/subscriptions/{sub}/resourceGroups/{rg}/providers/{rp}/{kind}/{cluster}/providers/Microsoft.KubernetesConfiguration/extensions';
/** ARM/Terraform rule for extension names (DOMAIN.md section 3.8). */
const EXTENSION_NAME = /^[A-Za-z0-9.-]{1,253}$/;

function resolveCluster(ctx: RequestContext): ClusterRecord {
  const { rp, kind } = ctx.params;
  const pair = `${rp}/${kind}`.toLowerCase();
  const k =
    pair === 'microsoft.containerservice/managedclusters'
      ? 'managedClusters'
      : pair === 'microsoft.kubernetes/connectedclusters'
        ? 'connectedClusters'
        : null;
  if (!k) throw new ArmError(400, 'InvalidResourceType', `Extensions are not supported on '${rp}/${kind}'.`);
  return ctx.state.cluster(k, ctx.params.sub, ctx.params.rg, ctx.params.cluster);
}

function findExtension(ctx: RequestContext, cluster: ClusterRecord): ExtensionRecord | undefined {
  return ctx.state.extensions.get(extensionResourceId(cluster.id, ctx.params.ext).toLowerCase());
}

function requireExtension(ctx: RequestContext, cluster: ClusterRecord): ExtensionRecord {
  const ext = findExtension(ctx, cluster);
  if (!ext) {
    throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.KubernetesConfiguration/extensions/${ctx.params.ext}' was not found.`);
  }
  return ext;
}

function rejectIfBusy(ext: ExtensionRecord): void {
  if (ext.activeOperationId) {
    throw new ArmError(
      409,
      'Conflict',
      `Another operation is in progress on extension '${ext.name}' (provisioningState ${ext.provisioningState}). Wait for it to finish and try again.`,
    );
  }
}

/** The extension as ARM returns it: protected settings are never echoed (always `{}`). */
export function extensionBody(state: SandboxState, ext: ExtensionRecord) {
  const isArc = ext.cluster.seed.kind === 'connectedClusters';
  const identity = { type: 'SystemAssigned', principalId: ext.principalId, tenantId: state.world.tenantId };
  return {
    id: ext.id,
    name: ext.name,
    type: 'Microsoft.KubernetesConfiguration/extensions',
    ...(isArc ? { identity } : {}),
    systemData: {
      createdBy: ext.createdBy,
      createdByType: 'User',
      createdAt: ext.createdAt,
      lastModifiedBy: ext.lastModifiedBy,
      lastModifiedByType: 'User',
      lastModifiedAt: ext.lastModifiedAt,
    },
    properties: {
      extensionType: ext.extensionType,
      autoUpgradeMinorVersion: ext.autoUpgradeMinorVersion,
      releaseTrain: ext.releaseTrain,
      version: ext.version,
      scope: { cluster: { releaseNamespace: ext.releaseNamespace } },
      configurationSettings: { ...ext.settings },
      configurationProtectedSettings: {},
      provisioningState: ext.provisioningState,
      currentVersion: ext.currentVersion,
      statuses: ext.statuses.map((s) => ({ ...s })),
      ...(ext.errorInfo ? { errorInfo: { ...ext.errorInfo } } : {}),
      isSystemExtension: false,
      ...(isArc ? {} : { aksAssignedIdentity: identity }),
    },
  };
}

function readProperties(ctx: RequestContext): Record<string, unknown> {
  const props = bodyObject(ctx).properties;
  if (props === undefined) return {};
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    throw new ArmError(400, 'InvalidRequestContent', "'properties' must be an object.");
  }
  return props as Record<string, unknown>;
}

function optionalString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ArmError(400, 'InvalidRequestContent', `'${field}' must be a string.`);
  return v;
}

function optionalBool(v: unknown, field: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ArmError(400, 'InvalidRequestContent', `'${field}' must be a boolean.`);
  return v;
}

function putExtension(ctx: RequestContext) {
  const cluster = resolveCluster(ctx);
  ctx.state.requireRegistered(cluster.seed.subscriptionId, 'Microsoft.KubernetesConfiguration');
  if (!EXTENSION_NAME.test(ctx.params.ext)) {
    throw new ArmError(400, 'InvalidExtensionName', `Extension name '${ctx.params.ext}' must be 1 to 253 letters, digits, '.' or '-'.`);
  }
  const props = readProperties(ctx);
  const extensionType = optionalString(props.extensionType, 'properties.extensionType');
  const existing = findExtension(ctx, cluster);
  if (existing) rejectIfBusy(existing);
  if (!extensionType) throw new ArmError(400, 'InvalidRequestContent', "'properties.extensionType' is required.");
  if (existing && existing.extensionType.toLowerCase() !== extensionType.toLowerCase()) {
    throw new ArmError(400, 'InvalidUpdateOperation', 'The extension type of an existing extension cannot be changed.');
  }
  const scope = (props.scope ?? {}) as { cluster?: { releaseNamespace?: unknown } };
  const releaseNamespace =
    optionalString(scope.cluster?.releaseNamespace, 'properties.scope.cluster.releaseNamespace') ??
    (isAzureMl(extensionType) ? 'azureml' : ctx.params.ext);
  const now = isoNow();
  const user = ctx.state.world.userPrincipalName;
  const fields = {
    releaseTrain: optionalString(props.releaseTrain, 'properties.releaseTrain') ?? 'stable',
    autoUpgradeMinorVersion: optionalBool(props.autoUpgradeMinorVersion, 'properties.autoUpgradeMinorVersion') ?? true,
    version: optionalString(props.version, 'properties.version') ?? null,
    settings: stringMap(props.configurationSettings, 'properties.configurationSettings'),
    protectedSettings: stringMap(props.configurationProtectedSettings, 'properties.configurationProtectedSettings'),
    releaseNamespace,
    lastModifiedAt: now,
    lastModifiedBy: user,
    statuses: [],
    errorInfo: null,
  };
  if (existing) {
    Object.assign(existing, fields, { provisioningState: 'Updating' });
    // The example's 200 is the final state (`putExisting: 'succeeded'`); real ARM may answer
    // 200 Updating and run an operation (`'updating'`).
    const headers =
      ctx.state.putExisting === 'succeeded'
        ? finishUpdateNow(ctx.state, existing, ctx.origin)
        : beginExtensionOperation(ctx.state, existing, 'update', ctx.origin).headers;
    return { status: 200, body: extensionBody(ctx.state, existing), headers };
  }
  const ext: ExtensionRecord = {
    ...fields,
    id: extensionResourceId(cluster.id, ctx.params.ext),
    name: ctx.params.ext,
    cluster,
    extensionType,
    currentVersion: null,
    provisioningState: 'Creating',
    createdAt: now,
    createdBy: user,
    principalId: randomUUID(),
    activeOperationId: null,
    components: [],
  };
  ctx.state.extensions.set(ext.id.toLowerCase(), ext);
  const { headers } = beginExtensionOperation(ctx.state, ext, 'create', ctx.origin);
  return { status: 201, body: extensionBody(ctx.state, ext), headers };
}

/**
 * PATCH: `configurationSettings` merge key by key, or replace the map (the spec does not say
 * which: {@link SandboxState.patchSettings}); each value must be a string, as the spec types it,
 * so `null` (which cannot remove a key) is refused. `configurationProtectedSettings`, when sent,
 * replace the stored set wholesale (as ARM does).
 */
function patchExtension(ctx: RequestContext) {
  const cluster = resolveCluster(ctx);
  ctx.state.requireRegistered(cluster.seed.subscriptionId, 'Microsoft.KubernetesConfiguration');
  const ext = requireExtension(ctx, cluster);
  rejectIfBusy(ext);
  const props = readProperties(ctx);
  const settingsPatch = props.configurationSettings;
  if (settingsPatch !== undefined && settingsPatch !== null) {
    if (typeof settingsPatch !== 'object' || Array.isArray(settingsPatch)) {
      throw new ArmError(400, 'InvalidRequestContent', "'properties.configurationSettings' must be an object.");
    }
    const entries = Object.entries(settingsPatch as Record<string, unknown>);
    const notString = entries.find(([, v]) => typeof v !== 'string');
    if (notString) {
      throw new ArmError(400, 'InvalidRequestContent', `The value of 'properties.configurationSettings.${notString[0]}' must be a string.`);
    }
    if (ctx.state.patchSettings === 'replace') ext.settings = {};
    for (const [k, v] of entries) ext.settings[k] = v as string;
  }
  if (props.configurationProtectedSettings !== undefined && props.configurationProtectedSettings !== null) {
    ext.protectedSettings = stringMap(props.configurationProtectedSettings, 'properties.configurationProtectedSettings');
  }
  ext.releaseTrain = optionalString(props.releaseTrain, 'properties.releaseTrain') ?? ext.releaseTrain;
  ext.autoUpgradeMinorVersion = optionalBool(props.autoUpgradeMinorVersion, 'properties.autoUpgradeMinorVersion') ?? ext.autoUpgradeMinorVersion;
  if (props.version !== undefined) ext.version = optionalString(props.version, 'properties.version') ?? null;
  ext.lastModifiedAt = isoNow();
  ext.lastModifiedBy = ctx.state.world.userPrincipalName;
  ext.provisioningState = 'Updating';
  ext.statuses = [];
  ext.errorInfo = null;
  const { headers, synchronous } = beginExtensionOperation(ctx.state, ext, 'update', ctx.origin);
  // Finished at once (`lroHeaders: 'none'`): 200 with the final state, as the example's 200.
  return { status: synchronous ? 200 : 202, body: extensionBody(ctx.state, ext), headers };
}

function deleteExtension(ctx: RequestContext) {
  const cluster = resolveCluster(ctx);
  const ext = findExtension(ctx, cluster);
  // ARM answers 204 for deleting something that is not there.
  if (!ext) return { status: 204 };
  rejectIfBusy(ext);
  // forceDelete=true is accepted; the sandbox has no stuck agents, so it changes nothing here.
  ext.provisioningState = 'Deleting';
  const { headers, synchronous } = beginExtensionOperation(ctx.state, ext, 'delete', ctx.origin);
  // Finished at once (`lroHeaders: 'none'`): 200, one of the example's answers.
  return synchronous ? { status: 200 } : { status: 202, headers };
}

function requireOperation(ctx: RequestContext): { cluster: ClusterRecord; op: OperationRecord } {
  const cluster = resolveCluster(ctx);
  const op = ctx.state.operations.get(ctx.params.op);
  const extId = extensionResourceId(cluster.id, ctx.params.ext).toLowerCase();
  if (!op || op.resourceId.toLowerCase() !== extId) {
    throw new ArmError(404, 'ResourceNotFound', `Operation '${ctx.params.op}' was not found.`);
  }
  return { cluster, op };
}

/**
 * 2023-05-01 `OperationStatusResult` (GetExtensionAsyncOperationStatus.json): id, name, status,
 * properties, error. That api-version defines no `startTime`/`endTime`, so they stay internal.
 */
function operationStatus(ctx: RequestContext) {
  const { op } = requireOperation(ctx);
  return ok({
    id: `${op.resourceId}/operations/${op.id}`,
    name: op.id,
    status: op.status,
    properties: {},
    error: op.error ? { ...op.error } : null,
  });
}

/**
 * The `Location` of `lroHeaders: 'location'`: 202 (same `Location`, `Retry-After`) while the
 * operation runs; then the extension (200), 204 after a delete, or the operation's error.
 */
function operationResult(ctx: RequestContext) {
  const { cluster, op } = requireOperation(ctx);
  if (op.status === 'InProgress') {
    return { status: 202, headers: { Location: `${ctx.origin}${ctx.url.pathname}${ctx.url.search}`, 'Retry-After': '1' } };
  }
  if (op.status === 'Failed') {
    throw new ArmError(400, op.error?.code ?? 'ExtensionOperationFailed', op.error?.message ?? 'The extension operation failed.');
  }
  if (op.kind === 'delete') return { status: 204 };
  return ok(extensionBody(ctx.state, requireExtension(ctx, cluster)));
}

/** Extension CRUD, list and operation status on both cluster kinds. */
export function registerExtensionRoutes(router: Router): void {
  router.add('GET', SCOPE, (ctx) => {
    const cluster = resolveCluster(ctx);
    return paginate(ctx, ctx.state.extensionsOn(cluster).map((e) => extensionBody(ctx.state, e)));
  });
  router.add('GET', `${SCOPE}/{ext}`, (ctx) => ok(extensionBody(ctx.state, requireExtension(ctx, resolveCluster(ctx)))));
  router.add('PUT', `${SCOPE}/{ext}`, putExtension);
  router.add('PATCH', `${SCOPE}/{ext}`, patchExtension);
  router.add('DELETE', `${SCOPE}/{ext}`, deleteExtension);
  router.add('GET', `${SCOPE}/{ext}/operations/{op}`, operationStatus);
  router.add('GET', `${SCOPE}/{ext}/operationResults/{op}`, operationResult);
}
