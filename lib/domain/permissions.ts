/**
 * Azure RBAC's reading of permission entries (a role definition's `permissions`, or what ARM's
 * `Microsoft.Authorization/permissions` answers for a caller on a scope). Pure, so the portal's
 * preflight and the sandbox emulator's access decision read actions the same way.
 */

/** One permission entry: the `Permission` model of Microsoft.Authorization (2022-04-01). */
export interface PermissionEntry {
  actions?: readonly string[];
  notActions?: readonly string[];
  dataActions?: readonly string[];
  notDataActions?: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when one RBAC action pattern covers `action`. As in Azure RBAC, `*` stands for any run of
 * characters, `/` included (`*` alone is everything, `Microsoft.KubernetesConfiguration/*` every
 * action of that provider, `*\/read` every read, `Microsoft.Authorization/*\/Write` every write
 * under it), and actions compare case-insensitively (`Write` and `write` are one action).
 */
export function actionPatternMatches(pattern: string, action: string): boolean {
  const source = pattern.trim().split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`, 'i').test(action.trim());
}

function matchesAny(patterns: readonly string[] | undefined, action: string): boolean {
  return (patterns ?? []).some((pattern) => actionPatternMatches(pattern, action));
}

/**
 * True when the entries grant the (control-plane) action. Each entry is one role assignment's
 * definition: its `notActions` subtract from its own `actions` only, so a Reader entry next to a
 * Contributor one never takes writes away, and the action is granted when any entry grants it.
 */
export function isActionGranted(entries: readonly PermissionEntry[], action: string): boolean {
  return entries.some((entry) => matchesAny(entry.actions, action) && !matchesAny(entry.notActions, action));
}

/** The actions of `wanted` the entries do not grant, in the order given. */
export function missingActions(entries: readonly PermissionEntry[], wanted: readonly string[]): string[] {
  return wanted.filter((action) => !isActionGranted(entries, action));
}
