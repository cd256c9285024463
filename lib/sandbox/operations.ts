/**
 * Long-running operations: extension create/update/delete and provider registration. Each
 * operation is a record answered at its `Azure-AsyncOperation` URL and finished by an unref'd
 * timer, so the process can exit while operations are pending.
 */
import { randomUUID } from 'node:crypto';
import { installFailure } from './faults';
import { isoNow } from './http';
import { planComponents } from './kube';
import type { ExtensionRecord, OperationRecord, SandboxState } from './state';

/** The version an auto-upgrading Azure ML extension installs. */
export const LATEST_EXTENSION_VERSION = '1.1.64';
/** api-version echoed in the URLs the emulator hands out (what the SDK sends). */
export const EXTENSIONS_API_VERSION = '2023-05-01';

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
 * Starts an operation on `ext` (state already set to Creating/Updating/Deleting by the caller)
 * and returns the response headers that point the client at it.
 */
export function beginExtensionOperation(
  state: SandboxState,
  ext: ExtensionRecord,
  kind: ExtensionOperationKind,
  origin: string,
): Record<string, string> {
  const op: OperationRecord = {
    id: randomUUID(),
    resourceId: ext.id,
    status: 'InProgress',
    error: null,
    startTime: isoNow(),
    endTime: null,
  };
  state.operations.set(op.id, op);
  ext.activeOperationId = op.id;
  state.schedule(durationMs(kind, state.provisioningMs), () => finish(state, ext, op, kind));
  return {
    'Azure-AsyncOperation': asyncOperationUrl(origin, ext, op.id),
    'Retry-After': '1',
    'x-ms-async-operation-timeout': 'PT48H',
  };
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
    ext.statuses = [
      { code: failure.healthCode, displayStatus: 'Failed', level: 'Error', message: failure.message, time: op.endTime },
    ];
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
