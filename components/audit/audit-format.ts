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

/** The last segment of an ARM id (a cluster's or an extension's name), or a dash. */
export function nameOf(id: string | undefined): string {
  return id ? (id.split('/').filter(Boolean).at(-1) ?? id) : '—';
}
