import 'server-only';

import { SessionTokenCredential } from '@/lib/auth/session-credential';
import { getSignInConnection } from '@/lib/azure/arm-connection';
import { getExtension } from '@/lib/azure/extensions';
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
async function readAsActor(entry: AuditEntry): Promise<ExtensionRead> {
  const homeAccountId = entry.actor.id;
  if (!entry.extensionId || !isSessionActor(homeAccountId)) return { kind: 'no-credential' };
  if (!(await getSessionStore().hasActiveSession(homeAccountId))) return { kind: 'no-credential' };
  const connection = await getSignInConnection(process.env.PORTAL_BASE_URL?.trim() || 'http://localhost');
  const credential = new SessionTokenCredential(connection, { homeAccountId, name: entry.actor.name, username: '', sessionId: '' });
  try {
    const extension = await getExtension(credential, entry.extensionId);
    return { kind: 'state', provisioningState: extension.provisioningState ?? 'Unknown', error: extension.errorInfo ?? undefined };
  } catch (err) {
    const code = toAppError(err).code;
    if (code === 'ResourceNotFound') return { kind: 'not-found' };
    if (code === 'Unauthenticated') return { kind: 'no-credential' };
    throw err;
  }
}

const liveDeps: ReconcileDeps = {
  trail: { listOpen: (...args) => trail().listOpen(...args), settleOpen: (...args) => trail().settleOpen(...args) },
  readExtension: readAsActor,
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
