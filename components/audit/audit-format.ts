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
  attach: 'attach',
  detach: 'detach',
  'apply-instance-type': 'applyInstanceType',
  'delete-instance-type': 'deleteInstanceType',
} as const satisfies Record<AuditAction, string>;

export type ActionKey = (typeof ACTION_KEYS)[AuditAction];

/** The `audit.actions` key of a stored action, or undefined for one this portal does not know (shown as stored). */
export function actionKey(action: AuditAction): ActionKey | undefined {
  return ACTION_KEYS[action];
}

/**
 * What the table's "Extension" column names for an entry: the extension, or for a write of another
 * resource (an attach's compute, an instance type) that resource's name. A dash when neither.
 */
export function writtenNameOf(entry: { extensionId?: string; resourceId?: string }): string {
  return nameOf(entry.extensionId ?? entry.resourceId);
}

/** The last segment of an ARM id (a cluster's or an extension's name), or a dash. */
export function nameOf(id: string | undefined): string {
  return id ? (id.split('/').filter(Boolean).at(-1) ?? id) : '—';
}
