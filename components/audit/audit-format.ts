/**
 * How the audit table words things. Pure.
 */
import type { AuditAction } from '@/lib/audit/types';

/** The message (`audit.actions.*`) naming each stored action; the stored value itself never changes. */
const ACTION_KEYS = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  'register-provider': 'registerProvider',
} as const satisfies Record<AuditAction, string>;

export type ActionKey = (typeof ACTION_KEYS)[AuditAction];

/** The `audit.actions` key of a stored action, or undefined for one this portal does not know (shown as stored). */
export function actionKey(action: AuditAction): ActionKey | undefined {
  return ACTION_KEYS[action];
}

/** UTC, to the second: the server's first render and the browser agree, and admins compare logs in UTC. */
export const AUDIT_TIME_FORMAT = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
  timeZoneName: 'short',
} as const satisfies Intl.DateTimeFormatOptions;

/** The last segment of an ARM id (a cluster's or an extension's name), or a dash. */
export function nameOf(id: string | undefined): string {
  return id ? (id.split('/').filter(Boolean).at(-1) ?? id) : '—';
}
