/**
 * What of a request's settings may go into the audit trail. Pure.
 *
 * Two guards, because the trail is read by every admin and copied into backups: first, anything
 * the request sent as a protected setting is dropped by key (also when the same key appears among
 * the plain settings); second, any key that merely *looks* secret is dropped, in case a secret was
 * put in the plain settings by mistake.
 */
import { REMOVED_SETTING } from './types';

/** Keys that name secrets whatever map they arrive in (the second guard). */
export const SECRET_KEY_PATTERN = /key|secret|password|connectionstring|sslcert|sslkey|pem/i;
/** Longest value kept; longer ones are cut (a setting is never a document). */
export const MAX_AUDIT_SETTING_LENGTH = 512;

/** The settings to record, without protected or secret-looking keys; undefined when none remain. */
export function sanitizeSettings(
  settings: Readonly<Record<string, string | null>> | undefined,
  protectedKeys: readonly string[] = [],
): Record<string, string> | undefined {
  if (!settings) return undefined;
  const hidden = new Set(protectedKeys.map((key) => key.toLowerCase()));
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (hidden.has(key.toLowerCase()) || SECRET_KEY_PATTERN.test(key)) continue;
    const text = value === null ? REMOVED_SETTING : String(value);
    kept[key] = text.length > MAX_AUDIT_SETTING_LENGTH ? `${text.slice(0, MAX_AUDIT_SETTING_LENGTH)}…` : text;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}
