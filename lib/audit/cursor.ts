/**
 * The paging cursor of the audit trail: the `(at, id)` of the last entry of a page, opaque to
 * clients (base64url JSON). Pure.
 */

export interface AuditCursor {
  at: string;
  id: string;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one this module made. */
export function decodeAuditCursor(text: string): AuditCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string' && part.length > 0)) {
      return { at: value[0] as string, id: value[1] as string };
    }
  } catch {
    // Not base64url JSON: the caller answers "invalid cursor".
  }
  return null;
}
