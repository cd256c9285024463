import 'server-only';

import { randomUUID } from 'node:crypto';

import { parseClusterId } from '@/lib/domain/cluster';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { knownStatus, statusClassOf } from '@/lib/domain/status-vocabulary';
import { migrateOnFirstUse, type Database, type SqlValue } from '@/lib/store/types';

import { decodeAuditCursor, encodeAuditCursor } from './cursor';
import { auditTimeWindow, type AuditFilter } from './filter';
import { AUDIT_COMPONENT, AUDIT_MIGRATIONS } from './migrations';
import { sanitizeSettings } from './sanitize';
import {
  AUDIT_DEFAULT_PAGE_SIZE,
  AUDIT_MAX_PAGE_SIZE,
  type AuditAction,
  type AuditEntry,
  type AuditError,
  type AuditInput,
  type AuditOutcome,
  type AuditPage,
} from './types';

/** Longest error message kept: ARM messages can carry whole Helm logs. */
export const MAX_AUDIT_ERROR_LENGTH = 1_000;

export interface ListAuditOptions {
  limit?: number;
  /** `nextCursor` of the previous page: entries strictly older than its last one. */
  before?: string;
  /** Only entries in these subscriptions (the ones the caller can see). Omitted: all. */
  subscriptionIds?: readonly string[];
  /** Only entries matching these filters (a valid one: see `parseAuditFilter`). Paging works the same. */
  filter?: AuditFilter;
}

/** Thrown for a cursor this trail did not make; routes answer 400. */
export class InvalidAuditCursorError extends Error {
  constructor() {
    super('The cursor is not valid; start again without one.');
    this.name = 'InvalidAuditCursorError';
  }
}

interface AuditRow {
  id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  cluster_id: string | null;
  extension_id: string | null;
  resource_id: string | null;
  subscription_id: string | null;
  settings: string | null;
  previous_settings: string | null;
  outcome: string;
  error_code: string | null;
  error_message: string | null;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name },
    action: row.action as AuditAction,
    ...(row.cluster_id ? { clusterId: row.cluster_id } : {}),
    ...(row.extension_id ? { extensionId: row.extension_id } : {}),
    ...(row.resource_id ? { resourceId: row.resource_id } : {}),
    ...(row.subscription_id ? { subscriptionId: row.subscription_id } : {}),
    ...(row.settings ? { settings: JSON.parse(row.settings) as Record<string, string> } : {}),
    ...(row.previous_settings ? { previousSettings: JSON.parse(row.previous_settings) as Record<string, string> } : {}),
    outcome: row.outcome as AuditOutcome,
    ...(row.error_code ? { error: { code: row.error_code, message: row.error_message ?? '' } } : {}),
  };
}

/** The columns every read returns (one list, so a new column cannot be forgotten in one query). */
const ENTRY_COLUMNS =
  'id, at, actor_id, actor_name, action, cluster_id, extension_id, resource_id, subscription_id, settings, previous_settings, outcome, error_code, error_message';

/** `text` as a LIKE pattern matching itself literally (with `ESCAPE '\\'`). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The previous values of the keys an update sent, sanitised like its settings (`{}`: none had one). */
function previousOf(input: AuditInput, settings: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!input.previousSettings || !settings) return undefined;
  const sent = new Set(Object.keys(settings));
  const relevant = Object.fromEntries(Object.entries(input.previousSettings).filter(([key, value]) => sent.has(key) && value !== null));
  // `{}` (not nothing) when no sent key had a value: every key was added, which the page says.
  return sanitizeSettings(relevant, input.protectedKeys) ?? {};
}

/**
 * The WHERE clauses of a filter, its parameters appended to `params` (`$n` numbered after what is
 * already there). Case-insensitive throughout: ARM ids compare so, and people type names as they like.
 */
function filterClauses(filter: AuditFilter, params: SqlValue[]): string[] {
  const where: string[] = [];
  const param = (value: SqlValue) => `$${params.push(value)}`;
  if (filter.cluster) {
    const cluster = filter.cluster.replace(/\/+$/, '').toLowerCase();
    where.push(cluster.startsWith('/') ? `cluster_key = ${param(cluster)}` : `cluster_key LIKE ${param(`%/${likeLiteral(cluster)}`)} ESCAPE '\\'`);
  }
  if (filter.subscription) where.push(`subscription_key = ${param(filter.subscription.toLowerCase())}`);
  if (filter.user) {
    const user = param(`%${likeLiteral(filter.user.toLowerCase())}%`);
    where.push(`(LOWER(actor_name) LIKE ${user} ESCAPE '\\' OR LOWER(actor_id) LIKE ${user} ESCAPE '\\')`);
  }
  if (filter.action) where.push(`action = ${param(filter.action)}`);
  if (filter.outcome) where.push(`outcome = ${param(filter.outcome)}`);
  if (filter.search) {
    const text = param(`%${likeLiteral(filter.search.toLowerCase())}%`);
    const columns = ['cluster_id', 'extension_id', 'resource_id', 'actor_name', 'actor_id', 'error_code', 'error_message'];
    where.push(`(${columns.map((column) => `LOWER(COALESCE(${column}, '')) LIKE ${text} ESCAPE '\\'`).join(' OR ')})`);
  }
  const { fromAt, toBefore } = auditTimeWindow(filter);
  if (fromAt) where.push(`at >= ${param(fromAt)}`);
  if (toBefore) where.push(`at < ${param(toBefore)}`);
  return where;
}

const cut = (text: string) => (text.length > MAX_AUDIT_ERROR_LENGTH ? `${text.slice(0, MAX_AUDIT_ERROR_LENGTH)}…` : text);

function subscriptionOf(input: AuditInput): string | undefined {
  if (input.subscriptionId) return input.subscriptionId;
  const clusterId = input.clusterId ?? (input.extensionId ? parseExtensionId(input.extensionId)?.clusterId : undefined);
  const fromCluster = clusterId ? parseClusterId(clusterId)?.subscriptionId : undefined;
  return fromCluster ?? (input.resourceId ? /^\/subscriptions\/([^/]+)\//i.exec(input.resourceId)?.[1] : undefined);
}

interface Settlement {
  outcome: AuditOutcome;
  actions: readonly AuditAction[];
}
const EXTENSION_WRITES: readonly AuditAction[] = ['create', 'update', 'delete'];

/**
 * Which entries a provisioning state settles, and how, by the one status vocabulary: a healthy
 * state (Succeeded) ends a create or update; an extension gone from ARM (Deleted) ends a delete;
 * a failed or otherwise terminal state (Failed, Canceled) ends any write as failed. A state in
 * progress, or one nobody knows, settles nothing.
 */
function extensionSettlementOf(provisioningState: string): Settlement | undefined {
  if (knownStatus(provisioningState) === 'deleted') return { outcome: 'succeeded', actions: ['delete'] };
  switch (statusClassOf(provisioningState)) {
    case 'healthy':
      return { outcome: 'succeeded', actions: ['create', 'update'] };
    case 'failed':
    case 'terminal':
      return { outcome: 'failed', actions: EXTENSION_WRITES };
    default:
      return undefined;
  }
}

/** The actions of a resource write (an attach or detach of a compute) that settle like a create and a delete. */
const RESOURCE_EQUIVALENT: Partial<Record<AuditAction, AuditAction>> = { create: 'attach', delete: 'detach' };

/**
 * {@link extensionSettlementOf} for a compute: its attach settles as a create (Succeeded), its
 * detach as a delete (Deleted: the compute is gone), either fails on Failed or Canceled. Instance-type
 * writes are synchronous (settled by their writer), so no read settles them.
 */
function resourceSettlementOf(provisioningState: string): Settlement | undefined {
  const settles = extensionSettlementOf(provisioningState);
  if (!settles) return undefined;
  const actions = settles.actions.flatMap((action) => RESOURCE_EQUIVALENT[action] ?? []);
  return actions.length > 0 ? { outcome: settles.outcome, actions } : undefined;
}

// Entries of the same millisecond are ordered by id: a per-process sequence in front of the random
// part keeps them in the order they were recorded (ties across processes stay arbitrary but stable).
let sequence = 0;
function nextEntryId(): string {
  sequence = (sequence + 1) % 36 ** 8;
  return `${sequence.toString(36).padStart(8, '0')}-${randomUUID()}`;
}

/** How entries of one extension are matched: ids compare case-insensitively, as in ARM. */
function extensionKey(extensionId: string): string {
  return extensionId.replace(/\/+$/, '').toLowerCase();
}

/** The audit trail over one store. `lib/audit/audit.ts` binds it to the process's store. */
export function createAuditTrail(db: Database) {
  // Status reads call `reconcile` on every poll, and most of them find nothing to settle. These
  // two maps let such reads skip the database: the last `accepted` write this trail recorded per
  // extension, and the terminal states already checked with nothing pending since. A write
  // recorded by another portal instance (shared PostgreSQL) is settled by that instance's reads.
  const lastAcceptedAt = new Map<string, number>();
  const checkedStates = new Map<string, Set<string>>();
  const migrated = migrateOnFirstUse(db, AUDIT_COMPONENT, AUDIT_MIGRATIONS);
  const forgetChecked = (key: string) => {
    checkedStates.delete(`extension_key ${key}`);
    checkedStates.delete(`resource_key ${key}`);
  };

  return {
    /** Stores one entry (settings sanitised here, whatever the caller did) and returns it. */
    async record(input: AuditInput, now: Date = new Date()): Promise<AuditEntry> {
      await migrated();
      const settings = sanitizeSettings(input.settings, input.protectedKeys);
      const previousSettings = previousOf(input, settings);
      const subscriptionId = subscriptionOf(input);
      const entry: AuditEntry = {
        id: nextEntryId(),
        at: now.toISOString(),
        actor: input.actor,
        action: input.action,
        ...(input.clusterId ? { clusterId: input.clusterId } : {}),
        ...(input.extensionId ? { extensionId: input.extensionId } : {}),
        ...(input.resourceId ? { resourceId: input.resourceId } : {}),
        ...(subscriptionId ? { subscriptionId } : {}),
        ...(settings ? { settings } : {}),
        ...(previousSettings ? { previousSettings } : {}),
        outcome: input.outcome,
        ...(input.error ? { error: { code: input.error.code, message: cut(input.error.message) } } : {}),
      };
      const values: SqlValue[] = [
        entry.id,
        entry.at,
        entry.actor.id,
        entry.actor.name,
        entry.action,
        entry.clusterId ?? null,
        entry.extensionId ?? null,
        entry.extensionId ? extensionKey(entry.extensionId) : null,
        entry.subscriptionId ?? null,
        entry.subscriptionId?.toLowerCase() ?? null,
        settings ? JSON.stringify(settings) : null,
        entry.outcome,
        entry.error?.code ?? null,
        entry.error?.message ?? null,
        previousSettings ? JSON.stringify(previousSettings) : null,
        entry.clusterId ? entry.clusterId.replace(/\/+$/, '').toLowerCase() : null,
        entry.resourceId ?? null,
        entry.resourceId ? extensionKey(entry.resourceId) : null,
      ];
      await db.execute(
        `INSERT INTO audit_entries (id, at, actor_id, actor_name, action, cluster_id, extension_id, extension_key,
           subscription_id, subscription_key, settings, outcome, error_code, error_message, previous_settings, cluster_key,
           resource_id, resource_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        values,
      );
      const tracked = entry.extensionId ?? entry.resourceId;
      if (entry.outcome === 'accepted' && tracked) {
        const key = extensionKey(tracked);
        lastAcceptedAt.set(key, now.getTime());
        forgetChecked(key);
      }
      return entry;
    },

    /**
     * Settles a write-ahead (`pending`) entry once the write's first answer is known. Only a
     * pending entry changes: an entry the reconciler already settled is left as it is.
     */
    async settle(id: string, outcome: AuditOutcome, error?: AuditError, now: Date = new Date()): Promise<number> {
      await migrated();
      const { changes } = await db.execute(
        `UPDATE audit_entries SET outcome = $1, error_code = $2, error_message = $3, settled_at = $4 WHERE id = $5 AND outcome = 'pending'`,
        [outcome, error?.code ?? null, error ? cut(error.message) : null, outcome === 'accepted' ? null : now.toISOString(), id],
      );
      if (changes > 0 && outcome === 'accepted') {
        const rows = await db.query<{ extension_key: string | null; resource_key: string | null }>(
          'SELECT extension_key, resource_key FROM audit_entries WHERE id = $1',
          [id],
        );
        const key = rows[0]?.extension_key ?? rows[0]?.resource_key;
        if (key) {
          lastAcceptedAt.set(key, now.getTime());
          forgetChecked(key);
        }
      }
      return changes;
    },

    /** Removes a write-ahead entry of a write that turned out not to be one (never sent, caller unauthenticated). */
    async discard(id: string): Promise<number> {
      await migrated();
      return (await db.execute(`DELETE FROM audit_entries WHERE id = $1 AND outcome = 'pending'`, [id])).changes;
    },

    /**
     * Open entries (`pending`, `accepted`) recorded at or before `cutoff`, oldest first, at most
     * `limit`, strictly after the `(at, id)` of `after` when given (the reconciler's rotation).
     */
    async listOpen(cutoff: Date, limit: number, after?: { at: string; id: string }): Promise<AuditEntry[]> {
      await migrated();
      const params: SqlValue[] = [cutoff.toISOString()];
      let afterClause = '';
      if (after) {
        params.push(after.at, after.id);
        afterClause = 'AND (at > $2 OR (at = $2 AND id > $3))';
      }
      params.push(limit);
      const rows = await db.query<AuditRow>(
        `SELECT ${ENTRY_COLUMNS}
         FROM audit_entries WHERE outcome IN ('pending', 'accepted') AND at <= $1 ${afterClause}
         ORDER BY at, id LIMIT $${params.length}`,
        params,
      );
      return rows.map(toEntry);
    },

    /** Settles an open entry (the reconciler); an entry settled meanwhile by someone else is left alone. */
    async settleOpen(id: string, outcome: AuditOutcome, error?: AuditError, now: Date = new Date()): Promise<number> {
      await migrated();
      const { changes } = await db.execute(
        `UPDATE audit_entries SET outcome = $1, error_code = $2, error_message = $3, settled_at = $4
         WHERE id = $5 AND outcome IN ('pending', 'accepted')`,
        [outcome, error?.code ?? null, error ? cut(error.message) : null, now.toISOString(), id],
      );
      return changes;
    },

    /** Newest first, `limit` at a time (bounded by `AUDIT_MAX_PAGE_SIZE`). */
    async list(options: ListAuditOptions = {}): Promise<AuditPage> {
      await migrated();
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? AUDIT_DEFAULT_PAGE_SIZE), 1), AUDIT_MAX_PAGE_SIZE);
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (options.before) {
        const cursor = decodeAuditCursor(options.before);
        if (!cursor) throw new InvalidAuditCursorError();
        params.push(cursor.at, cursor.id);
        // The same as `(at < a OR (at = a AND id < i))`, written so both engines read the (at, id) index
        // from the cursor down: the bare OR made SQLite scan the index from the newest entry for every page.
        where.push(`at <= $${params.length - 1} AND (at < $${params.length - 1} OR id < $${params.length})`);
      }
      if (options.subscriptionIds) {
        if (options.subscriptionIds.length === 0) return { value: [] };
        const placeholders = options.subscriptionIds.map((id) => {
          params.push(id.toLowerCase());
          return `$${params.length}`;
        });
        where.push(`subscription_key IN (${placeholders.join(', ')})`);
      }
      if (options.filter) where.push(...filterClauses(options.filter, params));
      params.push(limit + 1); // one more than asked tells whether an older page exists
      const rows = await db.query<AuditRow>(
        `SELECT ${ENTRY_COLUMNS}
         FROM audit_entries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      const value = rows.slice(0, limit).map(toEntry);
      const last = value.at(-1);
      return rows.length > limit && last ? { value, nextCursor: encodeAuditCursor(last) } : { value };
    },

    /**
     * Settles the newest `accepted` write of an extension recorded before `readStartedAt`, once a
     * read sees a terminal state. Returns how many entries changed (0 or 1): calling it again, or
     * for a state that is not terminal, changes nothing.
     */
    async reconcile(extensionId: string, provisioningState: string, error?: Partial<AuditError>, readStartedAt: Date = new Date()): Promise<number> {
      return settleNewest('extension_key', extensionId, extensionSettlementOf(provisioningState), provisioningState, error, readStartedAt);
    },

    /**
     * {@link reconcile} for a resource write (an attach or detach of a compute, keyed by the
     * compute id): `Succeeded` ends an attach, `Deleted` (the compute read 404) a detach, `Failed`
     * or `Canceled` either. Extension rows are never touched (they have no resource key).
     */
    async reconcileResource(resourceId: string, provisioningState: string, error?: Partial<AuditError>, readStartedAt: Date = new Date()): Promise<number> {
      return settleNewest('resource_key', resourceId, resourceSettlementOf(provisioningState), provisioningState, error, readStartedAt);
    },
  };

  async function settleNewest(
    column: 'extension_key' | 'resource_key',
    id: string,
    settles: Settlement | undefined,
    provisioningState: string,
    error: Partial<AuditError> | undefined,
    readStartedAt: Date,
  ): Promise<number> {
    if (!settles) return 0;
    const state = provisioningState.toLowerCase();
    const key = extensionKey(id);
    // Checked per kind of row: an extension read of some id says nothing about resource rows of it.
    const checkedKey = `${column} ${key}`;
    if (checkedStates.get(checkedKey)?.has(state)) return 0;
    await migrated();
    const params: SqlValue[] = [
      settles.outcome,
      settles.outcome === 'failed' ? (error?.code ?? provisioningState) : null,
      settles.outcome === 'failed' ? cut(error?.message ?? `The operation ended ${provisioningState}.`) : null,
      new Date().toISOString(),
      key,
      readStartedAt.toISOString(),
      ...settles.actions,
    ];
    const actions = settles.actions.map((_, index) => `$${7 + index}`).join(', ');
    const { changes } = await db.execute(
      `UPDATE audit_entries SET outcome = $1, error_code = $2, error_message = $3, settled_at = $4
       WHERE id = (SELECT id FROM audit_entries
                   WHERE ${column} = $5 AND outcome = 'accepted' AND at <= $6 AND action IN (${actions})
                   ORDER BY at DESC, id DESC LIMIT 1)`,
      params,
    );
    // Nothing this trail knows of is left for this state once no write came after the read began.
    if ((lastAcceptedAt.get(key) ?? 0) <= readStartedAt.getTime()) {
      checkedStates.set(checkedKey, (checkedStates.get(checkedKey) ?? new Set()).add(state));
    }
    return changes;
  }
}

/** The trail's operations, as {@link createAuditTrail} returns them. */
export type AuditTrail = ReturnType<typeof createAuditTrail>;
