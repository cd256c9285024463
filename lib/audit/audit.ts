import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { describeCaller } from '@/lib/auth/caller';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { redactSecrets, toAppError } from '@/lib/errors';
import { getDatabase } from '@/lib/store/database';

import { createAuditTrail, type AuditTrail, type ListAuditOptions } from './trail';
import type { AuditEntry, AuditError, AuditInput, AuditOutcome, AuditPage, ResourceWriteAction } from './types';

/**
 * The process's audit trail (on the store `lib/store/database.ts` chooses). Recording never fails
 * the user's action: a store failure is logged as a warning (action, target, error; never the
 * settings) and the action goes on.
 */

// On globalThis so every Next.js bundle shares one trail (and migrates once).
const KEY = Symbol.for('azureml-portal.audit-trail');
type TrailGlobal = typeof globalThis & { [KEY]?: AuditTrail };

/** The process's trail (for the reconciler; writers use the functions below). */
export function trail(): AuditTrail {
  const g = globalThis as TrailGlobal;
  g[KEY] ??= createAuditTrail(getDatabase());
  return g[KEY];
}

function warn(what: string, target: string | undefined, err: unknown): void {
  const cause = err instanceof Error ? `${err.name}: ${redactSecrets(err.message)}` : typeof err;
  console.warn(`[audit] could not ${what}${target ? ` for ${target}` : ''}: ${cause}`);
}

/** Records one action; resolves to the entry, or null when the store failed (logged). */
export async function recordAudit(input: AuditInput): Promise<AuditEntry | null> {
  try {
    return await trail().record(input);
  } catch (err) {
    warn(`record ${input.action} (${input.outcome})`, input.extensionId ?? input.resourceId ?? input.clusterId ?? input.subscriptionId, err);
    return null;
  }
}

/** One page of the trail, newest first. Store failures throw (the page shows them). */
export async function listAudit(options: ListAuditOptions = {}): Promise<AuditPage> {
  return trail().list(options);
}

/**
 * Settles the newest `accepted` write of an extension when a read sees a terminal state:
 * `Succeeded`, `Failed`, `Canceled`, or `Deleted` (pass this when ARM answers 404 for the
 * extension). Idempotent; other states do nothing. `readStartedAt` (default now) keeps a read
 * that began before a newer write from settling that write. Never throws.
 */
export async function reconcileAuditOutcome(
  extensionId: string,
  provisioningState: string,
  error?: { code?: string; message?: string } | null,
  readStartedAt?: Date,
): Promise<void> {
  try {
    const cleanError = error ? { code: error.code, message: error.message === undefined ? undefined : redactSecrets(error.message) } : undefined;
    await trail().reconcile(extensionId, provisioningState, cleanError, readStartedAt);
  } catch (err) {
    warn(`settle the outcome (${provisioningState})`, extensionId, err);
  }
}

/**
 * {@link reconcileAuditOutcome} for a resource write, keyed by its resource id: a compute's status
 * read settles its newest `accepted` attach (`Succeeded`, `Failed`, `Canceled`) or detach (pass
 * `Deleted` when the compute read 404). Never throws.
 */
export async function reconcileResourceAuditOutcome(
  resourceId: string,
  provisioningState: string,
  error?: { code?: string; message?: string } | null,
  readStartedAt?: Date,
): Promise<void> {
  try {
    const cleanError = error ? { code: error.code, message: error.message === undefined ? undefined : redactSecrets(error.message) } : undefined;
    await trail().reconcileResource(resourceId, provisioningState, cleanError, readStartedAt);
  } catch (err) {
    warn(`settle the outcome (${provisioningState})`, resourceId, err);
  }
}

/** The `{ code, message }` the trail keeps for a thrown error: the user message, never the raw cause. */
export function auditErrorOf(err: unknown): AuditError {
  const appError = toAppError(err);
  return { code: appError.code, message: appError.userMessage };
}

/** A write recorded before it was sent (write-ahead); settle it once its first answer is known. */
export interface AuditedWrite {
  /** Sets the outcome (`accepted`, `refused`, `failed`). Never throws. */
  settle(outcome: AuditOutcome, error?: AuditError): Promise<void>;
  /**
   * Settles with a thrown error: `failed`, unless the caller was not authenticated (ARM answered
   * 401): such a write never reached Azure on anyone's behalf and is no audit row (else anyone
   * could flood the trail with forged tokens). Never throws.
   */
  fail(err: unknown): Promise<void>;
  /** Removes the entry: nothing was sent after all (an update that needs confirmation). Never throws. */
  discard(): Promise<void>;
}

/**
 * Records `input` as `pending` BEFORE the write is sent, so a crash between the request to ARM and
 * its answer still leaves a row (the reconciler settles it). When the store fails at first, the
 * final outcome is recorded as a plain entry at settle time instead. Never throws.
 */
export async function beginAuditedWrite(input: Omit<AuditInput, 'outcome' | 'error'>): Promise<AuditedWrite> {
  const pending = await recordAudit({ ...input, outcome: 'pending' });
  const settle = async (outcome: AuditOutcome, error?: AuditError) => {
    if (!pending) {
      await recordAudit({ ...input, outcome, ...(error ? { error } : {}) });
      return;
    }
    try {
      await trail().settle(pending.id, outcome, error);
    } catch (err) {
      warn(`settle ${input.action} (${outcome})`, input.extensionId ?? input.resourceId ?? input.clusterId, err);
    }
  };
  const discard = async () => {
    if (!pending) return;
    try {
      await trail().discard(pending.id);
    } catch (err) {
      warn(`discard ${input.action}`, input.extensionId ?? input.resourceId ?? input.clusterId, err);
    }
  };
  return {
    settle,
    discard,
    fail: async (err) => (toAppError(err).code === 'Unauthenticated' ? discard() : settle('failed', auditErrorOf(err))),
  };
}

/** An update or delete of an extension, as {@link beginExtensionWrite} records it. */
export interface ExtensionWriteAudit {
  action: 'update' | 'delete';
  extensionId: string;
  /** The settings the update sent (`null` removes a key); sanitised before storing. */
  settings?: Readonly<Record<string, string | null>>;
  /**
   * An update's settings before it (the extension's current `configurationSettings`): the trail
   * keeps the old value of each key `settings` sends, sanitised the same way, for `old → new`.
   */
  previousSettings?: Readonly<Record<string, string | null>>;
  /** Keys of the protected settings sent: dropped from `settings` and never stored. */
  protectedKeys?: readonly string[];
}

/** {@link beginAuditedWrite} for an update or delete of an extension, as whoever `credential` acts for. */
export async function beginExtensionWrite(
  credential: TokenCredential,
  write: ExtensionWriteAudit,
): Promise<AuditedWrite> {
  return beginAuditedWrite({
    actor: await describeCaller(credential),
    action: write.action,
    extensionId: write.extensionId,
    clusterId: parseExtensionId(write.extensionId)?.clusterId,
    settings: write.settings,
    previousSettings: write.previousSettings,
    protectedKeys: write.protectedKeys,
  });
}

/** A write of a resource that is not an extension, as {@link beginResourceWrite} records it. */
export interface ResourceWriteAudit {
  action: ResourceWriteAction;
  /** The cluster the resource belongs to (an attach's cluster, an instance type's cluster). */
  clusterId: string;
  /** The resource written: a compute id, or `<clusterId>/instanceTypes/<name>`. */
  resourceId: string;
  /** What was sent, as labels (never secrets: sanitised like extension settings). */
  settings?: Record<string, string>;
}

/**
 * {@link beginAuditedWrite} for an attach, a detach or an instance-type write, as whoever
 * `credential` acts for. The row carries `resourceId` and no `extensionId`, so nothing that settles
 * extension rows touches it: a compute's status read settles an accepted attach or detach
 * ({@link reconcileResourceAuditOutcome}), and the reconcile runner reads the compute for it.
 */
export async function beginResourceWrite(credential: TokenCredential, write: ResourceWriteAudit): Promise<AuditedWrite> {
  return beginAuditedWrite({
    actor: await describeCaller(credential),
    action: write.action,
    clusterId: write.clusterId,
    resourceId: write.resourceId,
    ...(write.settings ? { settings: write.settings } : {}),
  });
}
