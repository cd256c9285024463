/**
 * How the audit table words things. Pure.
 */
import type { AuditAction } from '@/lib/audit/types';

const ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Install',
  update: 'Update',
  delete: 'Delete',
  'register-provider': 'Register provider',
};

export function actionLabel(action: AuditAction): string {
  return ACTION_LABELS[action] ?? action;
}

/** UTC, to the second: the server's first render and the browser agree, and admins compare logs in UTC. */
export function formatAuditTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** The last segment of an ARM id (a cluster's or an extension's name), or a dash. */
export function nameOf(id: string | undefined): string {
  return id ? (id.split('/').filter(Boolean).at(-1) ?? id) : '—';
}
