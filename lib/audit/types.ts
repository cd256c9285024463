/**
 * The audit trail's vocabulary. Pure types and constants: the API, the page and the store share
 * them.
 */

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'register-provider',
  'attach',
  'detach',
  'apply-instance-type',
  'delete-instance-type',
] as const;
/**
 * What the portal did on the user's behalf. The first four write extensions (and a provider);
 * {@link RESOURCE_WRITE_ACTIONS} write other resources (a compute, an instance type), named by `resourceId`.
 */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** Writes of resources that are not extensions: their rows carry `resourceId`, never `extensionId`. */
export const RESOURCE_WRITE_ACTIONS = ['attach', 'detach', 'apply-instance-type', 'delete-instance-type'] as const satisfies readonly AuditAction[];
export type ResourceWriteAction = (typeof RESOURCE_WRITE_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['pending', 'accepted', 'succeeded', 'failed', 'refused', 'not-found', 'unverified'] as const;
/**
 * `pending`: recorded BEFORE the write was sent (write-ahead), so a crash between the PUT and its
 * answer still leaves a row; `accepted`: ARM took a long-running write, its end is not known yet
 * (see `reconcileAuditOutcome` and `reconcileOpenAuditRows`); `succeeded`/`failed`: the end;
 * `refused`: the portal did not send it (validation or a blocking preflight finding);
 * `not-found`: the reconciler found no such extension in Azure (never created, or removed outside
 * the portal); `unverified`: still open after the maximum age and nobody could check it.
 */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Who acted: labels for people, never used to authorise anything. */
export interface AuditActor {
  id: string;
  name: string;
}

export interface AuditError {
  code: string;
  /** A user-facing message (AppError.userMessage or ARM's redacted message). */
  message: string;
}

/** One recorded action, as the API and the page show it. */
export interface AuditEntry {
  id: string;
  /** When the portal acted, ISO 8601 UTC. */
  at: string;
  actor: AuditActor;
  action: AuditAction;
  clusterId?: string;
  extensionId?: string;
  /**
   * The resource a non-extension write wrote (an attach's or detach's compute id, an instance
   * type's `<clusterId>/instanceTypes/<name>`). Absent on extension writes.
   */
  resourceId?: string;
  subscriptionId?: string;
  /** Non-protected settings only (see `sanitizeSettings`). */
  settings?: Record<string, string>;
  /**
   * An update's values before it, for the keys in `settings` that had one (sanitised exactly like
   * `settings`): the page shows `key: old → new` from the two. Absent on older entries and others.
   */
  previousSettings?: Record<string, string>;
  outcome: AuditOutcome;
  error?: AuditError;
}

/** What a caller records; id and time are assigned by the trail. */
export interface AuditInput {
  actor: AuditActor;
  action: AuditAction;
  clusterId?: string;
  extensionId?: string;
  /** The resource a non-extension write wrote (see {@link AuditEntry.resourceId}). */
  resourceId?: string;
  /** Derived from `clusterId` or `extensionId` when omitted. */
  subscriptionId?: string;
  /** Settings as sent. `null` (an update removing a key) is recorded as {@link REMOVED_SETTING}. */
  settings?: Readonly<Record<string, string | null>>;
  /**
   * An update's settings before it (the extension's current `configurationSettings`). Only the
   * keys `settings` names are kept, sanitised like `settings` (same protected keys, same guard).
   */
  previousSettings?: Readonly<Record<string, string | null>>;
  /** Keys sent as protected settings (`configurationProtectedSettings`): never recorded. */
  protectedKeys?: readonly string[];
  outcome: AuditOutcome;
  error?: AuditError;
}

/** One page of the trail, newest first; `nextCursor` asks for the next (older) page. */
export interface AuditPage {
  value: AuditEntry[];
  nextCursor?: string;
}

/** Shown for a setting an update removed. */
export const REMOVED_SETTING = '(removed)';
/** Outcomes not settled yet: the reconciler's work list. */
export const OPEN_AUDIT_OUTCOMES = ['pending', 'accepted'] as const satisfies readonly AuditOutcome[];

/** Entries per page when the caller does not say. */
export const AUDIT_DEFAULT_PAGE_SIZE = 25;
/** Most entries one page may hold. */
export const AUDIT_MAX_PAGE_SIZE = 200;
