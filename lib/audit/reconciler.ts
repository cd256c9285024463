import type { AuditTrail } from './trail';
import { RESOURCE_WRITE_ACTIONS, type AuditAction, type AuditEntry, type AuditError, type AuditOutcome } from './types';

/**
 * Settles audit rows left open (`pending`, `accepted`): a portal killed between the PUT and its
 * answer, a create whose extension later vanished, a status page nobody reopened. Pure over its
 * inputs (the trail, one ARM read, a clock, a sleep), so it is tested without timers or Azure;
 * `reconcile-runner.ts` wires it to the process.
 *
 * Which credential reads ARM: the portal has no identity of its own in live mode, so a row is read
 * as its actor, and only while the actor is signed in (their token cache exists only then; the
 * portal acts for nobody who signed out). Rows of bearer callers (opaque tokens: the portal never
 * keeps them) or of signed-out users cannot be read by the portal: they stay open for a status
 * read by someone who can (`reconcileAuditOutcome`), and past {@link ReconcileOptions.maxAgeMs}
 * they are marked `unverified` rather than left looking in progress forever.
 */

/** What one ARM read of a row's extension found. */
export type ExtensionRead =
  | { kind: 'state'; provisioningState: string; error?: Partial<AuditError> }
  | { kind: 'not-found' }
  /** Nobody who may read this row is signed in (or the actor was a bearer token). */
  | { kind: 'no-credential' };

export interface ReconcileDeps {
  trail: Pick<AuditTrail, 'listOpen' | 'settleOpen'>;
  /** Reads the row's extension as someone allowed to; throws on a transient failure (the row waits for the next pass). */
  readExtension(entry: AuditEntry): Promise<ExtensionRead>;
  /**
   * Reads the resource of a non-extension row (an attach's or detach's compute) the same way.
   * Absent, or for a row it cannot read (an instance type): `no-credential`. Never asked for an extension.
   */
  readResource?(entry: AuditEntry): Promise<ExtensionRead>;
  now(): Date;
  /** Spaces ARM reads; injected so tests do not wait. */
  sleep(ms: number): Promise<void>;
}

export interface ReconcileOptions {
  /** Rows younger than this are left to the request that wrote them. */
  graceMs: number;
  /** Open rows older than this that nobody could check become `unverified`. */
  maxAgeMs: number;
  /** ARM reads per pass at most. */
  maxRows: number;
  /** Pause between two reads. */
  spacingMs: number;
}

export const DEFAULT_RECONCILE_OPTIONS: ReconcileOptions = { graceMs: 10 * 60_000, maxAgeMs: 24 * 60 * 60_000, maxRows: 20, spacingMs: 250 };
/** Every how long a process settles open audit rows. */
export const DEFAULT_RECONCILE_INTERVAL_MS = 5 * 60_000;

/**
 * Pure: the reconciler's schedule from the environment: `AUDIT_RECONCILE_INTERVAL_MS` (how often)
 * and `AUDIT_RECONCILE_GRACE_MS` (how old a row must be before a pass touches it; a short one is
 * for tests and for operators who want a crashed replica's rows settled sooner). Anything that is
 * not a positive number keeps the default.
 */
export function reconcileScheduleFromEnv(env: Readonly<Record<string, string | undefined>>): { intervalMs: number; options: ReconcileOptions } {
  const positive = (raw: string | undefined, fallback: number) => {
    const value = Number(raw?.trim() || Number.NaN);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    intervalMs: positive(env.AUDIT_RECONCILE_INTERVAL_MS, DEFAULT_RECONCILE_INTERVAL_MS),
    options: { ...DEFAULT_RECONCILE_OPTIONS, graceMs: positive(env.AUDIT_RECONCILE_GRACE_MS, DEFAULT_RECONCILE_OPTIONS.graceMs) },
  };
}

export const NOT_FOUND_ERROR: AuditError = { code: 'NotFoundInAzure', message: 'Not found in Azure: never created, or removed outside the portal.' };
export const UNVERIFIED_ERROR: AuditError = { code: 'Unverified', message: 'Could not be checked: nobody who may read it was signed in before it grew too old.' };

const COMPUTE_STILL_PRESENT: AuditError = { code: 'ComputeStillPresent', message: 'The compute is still in the workspace: the detach did not take effect.' };

/** Pure: how a pass reads an open row: its resource for a non-extension write, its extension otherwise, or nothing. */
export function readerOf(entry: AuditEntry): 'resource' | 'extension' | 'none' {
  if (entry.resourceId || (RESOURCE_WRITE_ACTIONS as readonly string[]).includes(entry.action)) return entry.resourceId ? 'resource' : 'none';
  return entry.extensionId ? 'extension' : 'none';
}

type Settlement = { outcome: AuditOutcome; error?: AuditError } | null;

/** Pure: what a read means for an open row of `action` (null: still in progress, leave it open). */
export function settlementOf(action: AuditAction, read: Exclude<ExtensionRead, { kind: 'no-credential' }>): Settlement {
  const removes = action === 'delete' || action === 'detach';
  if (read.kind === 'not-found') return removes ? { outcome: 'succeeded' } : { outcome: 'not-found', error: NOT_FOUND_ERROR };
  const state = read.provisioningState.toLowerCase();
  const failure = (): AuditError => ({ code: read.error?.code ?? read.provisioningState, message: read.error?.message ?? `The operation ended ${read.provisioningState}.` });
  if (state === 'failed' || state === 'canceled') return { outcome: 'failed', error: failure() };
  if (state !== 'succeeded') return null;
  if (action === 'detach') return { outcome: 'failed', error: COMPUTE_STILL_PRESENT };
  // A delete whose extension is still there and settled: the delete did not happen.
  if (action === 'delete') return { outcome: 'failed', error: { code: 'ExtensionStillPresent', message: 'The extension is still in Azure: the delete did not take effect.' } };
  return { outcome: 'succeeded' };
}

export interface ReconcilePass {
  checked: number;
  settled: number;
}

/**
 * Creates a reconciler. Each pass reads at most `maxRows` open rows older than the grace period,
 * oldest first, continuing after the last row of the previous pass (so rows nobody can read yet do
 * not starve the others), wrapping to the oldest when it reaches the end.
 */
export function createAuditReconciler(deps: ReconcileDeps, options: ReconcileOptions = DEFAULT_RECONCILE_OPTIONS) {
  let after: { at: string; id: string } | undefined;
  return async function reconcileOpenAuditRows(): Promise<ReconcilePass> {
    const now = deps.now();
    const rows = await deps.trail.listOpen(new Date(now.getTime() - options.graceMs), options.maxRows, after);
    after = rows.length < options.maxRows ? undefined : rows.at(-1);
    const pass: ReconcilePass = { checked: 0, settled: 0 };
    for (const [index, entry] of rows.entries()) {
      if (index > 0) await deps.sleep(options.spacingMs);
      const tooOld = now.getTime() - Date.parse(entry.at) > options.maxAgeMs;
      let read: ExtensionRead;
      try {
        const reader = readerOf(entry);
        read =
          reader === 'extension'
            ? await deps.readExtension(entry)
            : reader === 'resource' && deps.readResource
              ? await deps.readResource(entry)
              : { kind: 'no-credential' };
      } catch {
        continue; // a transient failure: the next pass tries again
      }
      pass.checked += 1;
      const settlement = read.kind === 'no-credential' ? (tooOld ? { outcome: 'unverified' as const, error: UNVERIFIED_ERROR } : null) : settlementOf(entry.action, read);
      if (settlement) pass.settled += await deps.trail.settleOpen(entry.id, settlement.outcome, settlement.error, now);
    }
    return pass;
  };
}

