/**
 * Long-running operations: extension create/update/delete and provider registration. Each
 * operation is a record answered at its status URL (`Azure-AsyncOperation` and/or
 * `Operation-Location`) or its result URL (`Location`), as {@link SandboxState.lroHeaders} says,
 * and finished by an unref'd timer, so the process can exit while operations are pending.
 */
import { randomUUID } from 'node:crypto';

import { apiVersionSentFor } from './api-versions';
import { installFailure } from './faults';
import { isoNow } from './http';
import { planComponents } from './kube';
import type { ExtensionRecord, LroHeaderBehaviour, OperationRecord, SandboxState } from './state';

/** The version an auto-upgrading Azure ML extension installs. */
export const LATEST_EXTENSION_VERSION = '1.1.64';
/** api-version echoed in the URLs the emulator hands out (what the SDK sends: the one table). */
export const EXTENSIONS_API_VERSION = apiVersionSentFor('Microsoft.KubernetesConfiguration');

export type ExtensionOperationKind = 'create' | 'update' | 'delete';

/** How long each kind of operation runs, relative to `provisioningMs`. */
function durationMs(kind: ExtensionOperationKind, provisioningMs: number): number {
  return kind === 'delete' ? provisioningMs / 2 : provisioningMs;
}

/** Absolute status URL on the emulator's origin (the SDK follows it as given). */
export function asyncOperationUrl(origin: string, ext: ExtensionRecord, opId: string): string {
  return `${origin}${ext.id}/operations/${opId}?api-version=${EXTENSIONS_API_VERSION}`;
}

/**
 * Absolute `Location` URL: 202 while the operation runs, then the final answer (the extension,
 * or 204 after a delete): ARM's "Location" pattern, for `lroHeaders: 'location'`.
 */
export function operationResultUrl(origin: string, ext: ExtensionRecord, opId: string): string {
  return `${origin}${ext.id}/operationResults/${opId}?api-version=${EXTENSIONS_API_VERSION}`;
}

/**
 * The headers that point a client at operation `opId` under `mode`. `finishedPut` is a PUT on an
 * existing extension answered with its final state: the CreateExtension example's 200 carries
 * `Operation-Location` only, so `both` drops `Azure-AsyncOperation` there.
 */
export function operationHeaders(
  mode: LroHeaderBehaviour,
  origin: string,
  ext: ExtensionRecord,
  opId: string,
  finishedPut = false,
): Record<string, string> {
  if (mode === 'none') return {};
  const status = asyncOperationUrl(origin, ext, opId);
  const pointers: Record<string, string> =
    mode === 'location'
      ? { Location: operationResultUrl(origin, ext, opId) }
      : {
          ...(mode !== 'operation-location' && !(finishedPut && mode === 'both') ? { 'Azure-AsyncOperation': status } : {}),
          ...(mode !== 'azure-async-operation' ? { 'Operation-Location': status } : {}),
        };
  return { ...pointers, ...(finishedPut ? {} : { 'Retry-After': '1' }), 'x-ms-async-operation-timeout': 'PT48H' };
}

function newOperation(state: SandboxState, ext: ExtensionRecord, kind: ExtensionOperationKind): OperationRecord {
  const op: OperationRecord = {
    id: randomUUID(),
    resourceId: ext.id,
    kind,
    status: 'InProgress',
    error: null,
    startTime: isoNow(),
    endTime: null,
  };
  state.operations.set(op.id, op);
  return op;
}

/**
 * Starts an operation on `ext` (state already set to Creating/Updating/Deleting by the caller)
 * and returns the response headers that point the client at it. Under `lroHeaders: 'none'` the
 * operation finishes before the answer leaves (no header): `synchronous` tells the route so.
 */
export function beginExtensionOperation(
  state: SandboxState,
  ext: ExtensionRecord,
  kind: ExtensionOperationKind,
  origin: string,
): { headers: Record<string, string>; synchronous: boolean } {
  const op = newOperation(state, ext, kind);
  if (state.lroHeaders === 'none') {
    finish(state, ext, op, kind);
    return { headers: {}, synchronous: true };
  }
  ext.activeOperationId = op.id;
  state.schedule(durationMs(kind, state.provisioningMs), () => finish(state, ext, op, kind));
  return { headers: operationHeaders(state.lroHeaders, origin, ext, op.id), synchronous: false };
}

/**
 * A PUT on an existing extension answered with its final state (`putExisting: 'succeeded'`): the
 * update is applied at once, and the answer points at an operation that has already finished.
 */
export function finishUpdateNow(state: SandboxState, ext: ExtensionRecord, origin: string): Record<string, string> {
  const op = newOperation(state, ext, 'update');
  finish(state, ext, op, 'update');
  return operationHeaders(state.lroHeaders, origin, ext, op.id, true);
}

function finish(state: SandboxState, ext: ExtensionRecord, op: OperationRecord, kind: ExtensionOperationKind): void {
  const now = Date.now();
  op.endTime = isoNow(now);
  ext.activeOperationId = null;
  if (kind === 'delete') {
    // Components go at once with the resource: the sandbox has no "agents reconcile later" lag.
    state.extensions.delete(ext.id.toLowerCase());
    op.status = 'Succeeded';
    return;
  }
  const failure = installFailure(ext, kind === 'create' ? 'install' : 'upgrade');
  if (failure) {
    ext.provisioningState = 'Failed';
    ext.errorInfo = { code: failure.code, message: failure.message };
    // The 2023-05-01 examples never show a status entry; real failures carry the health-check code
    // in the Helm message text only. `failedStatuses: 'with-code'` adds the entry back.
    ext.statuses =
      state.failedStatuses === 'with-code'
        ? [{ code: failure.healthCode, displayStatus: 'Failed', level: 'Error', message: failure.message, time: op.endTime }]
        : [];
    // A failed pre-install hook leaves nothing behind; a failed upgrade keeps the old release running.
    if (kind === 'create') ext.components = [];
    op.status = 'Failed';
    op.error = { code: failure.code, message: failure.message };
    return;
  }
  ext.provisioningState = 'Succeeded';
  ext.errorInfo = null;
  ext.statuses = [];
  ext.currentVersion = ext.version ?? LATEST_EXTENSION_VERSION;
  ext.components = planComponents(ext, now, state.provisioningMs, kind === 'create' ? [] : ext.components);
  op.status = 'Succeeded';
}

/**
 * Starts registering a provider: `Registering` now, `Registered` after a quarter of
 * `provisioningMs` (about 5 s by default, near zero in tests).
 */
export function beginProviderRegistration(state: SandboxState, subscriptionId: string, namespace: string): void {
  const providers = state.providers.get(subscriptionId.toLowerCase());
  const key = namespace.toLowerCase();
  if (!providers || providers.get(key) === 'Registered' || providers.get(key) === 'Registering') return;
  providers.set(key, 'Registering');
  state.schedule(state.provisioningMs / 4, () => providers.set(key, 'Registered'));
}
