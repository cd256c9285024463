import 'server-only';

import { SessionTokenCredential } from '@/lib/auth/session-credential';
import { getSignInConnection } from '@/lib/azure/arm-connection';
import { getCompute } from '@/lib/azure/computes';
import { getExtension } from '@/lib/azure/extensions';
import { parseComputeId } from '@/lib/domain/attach';
import { toAppError } from '@/lib/errors';
import { getSessionStore } from '@/lib/store/session-store';

import { trail } from './audit';
import { createAuditReconciler, reconcileScheduleFromEnv, type ExtensionRead, type ReconcileDeps, type ReconcilePass } from './reconciler';
import type { AuditEntry } from './types';

/** Actor ids that are no signed-in user: bearer callers (`token:<hash>`) and unreadable credentials. */
const isSessionActor = (actorId: string) => !actorId.startsWith('token:') && actorId !== 'unknown';

/**
 * Reads a row's extension as its actor, only while they have a live session (see `reconciler.ts`
 * for why). The session id is not needed for a silent token: the cache partition is the user's.
 */
async function actorCredential(entry: AuditEntry): Promise<SessionTokenCredential | undefined> {
  const homeAccountId = entry.actor.id;
  if (!isSessionActor(homeAccountId)) return undefined;
  if (!(await getSessionStore().hasActiveSession(homeAccountId))) return undefined;
  const connection = await getSignInConnection(process.env.PORTAL_BASE_URL?.trim() || 'http://localhost');
  return new SessionTokenCredential(connection, { homeAccountId, name: entry.actor.name, username: '', sessionId: '' });
}

/** A read's failure as the reconciler takes it: 404 is `not-found`, 401 nobody to read as; others throw (next pass). */
function readFailure(err: unknown): ExtensionRead {
  const code = toAppError(err).code;
  if (code === 'ResourceNotFound') return { kind: 'not-found' };
  if (code === 'Unauthenticated') return { kind: 'no-credential' };
  throw err;
}

async function readAsActor(entry: AuditEntry): Promise<ExtensionRead> {
  if (!entry.extensionId) return { kind: 'no-credential' };
  const credential = await actorCredential(entry);
  if (!credential) return { kind: 'no-credential' };
  try {
    const extension = await getExtension(credential, entry.extensionId);
    return { kind: 'state', provisioningState: extension.provisioningState ?? 'Unknown', error: extension.errorInfo ?? undefined };
  } catch (err) {
    return readFailure(err);
  }
}

/** An attach's or detach's compute, read as the row's actor; other resource rows (instance types) are not read. */
async function readResourceAsActor(entry: AuditEntry): Promise<ExtensionRead> {
  const compute = entry.resourceId && (entry.action === 'attach' || entry.action === 'detach') ? parseComputeId(entry.resourceId) : null;
  if (!compute) return { kind: 'no-credential' };
  const credential = await actorCredential(entry);
  if (!credential) return { kind: 'no-credential' };
  try {
    const found = await getCompute(credential, compute.workspaceId, compute.name);
    const error = found.properties?.provisioningErrors?.[0]?.error;
    return {
      kind: 'state',
      provisioningState: found.properties?.provisioningState ?? 'Unknown',
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
    };
  } catch (err) {
    return readFailure(err);
  }
}

const liveDeps: ReconcileDeps = {
  trail: { listOpen: (...args) => trail().listOpen(...args), settleOpen: (...args) => trail().settleOpen(...args) },
  readExtension: readAsActor,
  readResource: readResourceAsActor,
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

const KEY = Symbol.for('azureml-portal.audit-reconciler');
type RunnerGlobal = typeof globalThis & { [KEY]?: { pass: () => Promise<ReconcilePass>; timer?: NodeJS.Timeout; running?: Promise<ReconcilePass> } };

function runner() {
  const g = globalThis as RunnerGlobal;
  g[KEY] ??= { pass: createAuditReconciler(liveDeps, reconcileScheduleFromEnv(process.env).options) };
  return g[KEY];
}

/** One pass over the process's trail now (the two-replica test calls it). Passes never overlap. */
export async function reconcileOpenAuditRows(): Promise<ReconcilePass> {
  const state = runner();
  state.running ??= state.pass().finally(() => {
    state.running = undefined;
  });
  return state.running;
}

/** Starts the periodic reconciler (first pass right away, in the background); the timer never keeps the process alive. */
export function startAuditReconciler(): void {
  const state = runner();
  if (state.timer) return;
  const run = () =>
    void reconcileOpenAuditRows().catch((err: unknown) => console.warn(`[audit] reconciliation pass failed: ${err instanceof Error ? err.name : typeof err}`));
  state.timer = setInterval(run, reconcileScheduleFromEnv(process.env).intervalMs);
  state.timer.unref();
  setTimeout(run, 0).unref();
}
