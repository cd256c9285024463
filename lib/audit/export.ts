/**
 * The audit export: every entry a filter matches, as CSV or JSON, streamed a page at a time. The
 * stream asks for the next page only when the reader wants more bytes (`pull`), so a large trail
 * is never held in memory and a slow download slows the reads down instead of buffering them.
 */
import { AUDIT_CSV_HEADER, auditCsvLine } from './csv';
import { sanitizeSettings } from './sanitize';
import { AUDIT_MAX_PAGE_SIZE, type AuditEntry, type AuditPage } from './types';

export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** Entries read per store query while exporting. */
export const AUDIT_EXPORT_PAGE_SIZE = AUDIT_MAX_PAGE_SIZE;

export const AUDIT_EXPORT_CONTENT_TYPES: Readonly<Record<AuditExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Reads one page of the filtered trail: the first with no cursor, then each `nextCursor`. */
export type AuditPageReader = (before: string | undefined, limit: number) => Promise<AuditPage>;

/**
 * The entry as exported. Settings were sanitised when recorded; they pass the same guard again,
 * so a row written before a secret-looking key was added to it still leaves nothing secret.
 */
function exported(entry: AuditEntry): AuditEntry {
  const { settings, previousSettings, ...rest } = entry;
  const clean = sanitizeSettings(settings);
  const cleanPrevious = previousSettings ? (sanitizeSettings(previousSettings) ?? {}) : undefined;
  return { ...rest, ...(clean ? { settings: clean } : {}), ...(cleanPrevious ? { previousSettings: cleanPrevious } : {}) };
}

/** `audit-20261128-233820Z.csv`: sorts by time, no characters a file system refuses. */
export function auditExportFileName(format: AuditExportFormat, now: Date = new Date()): string {
  return `audit-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.\d+Z$/, 'Z')}.${format}`;
}

/**
 * The export as a byte stream. The first page is read before this resolves, so a store failure
 * or a bad cursor is still an ordinary error answer; a failure on a later page ends the stream in
 * error (the download stops short rather than looking complete). CSV: a header line, then one
 * line per entry. JSON: one array of entries, one per line.
 */
export async function auditExportStream(format: AuditExportFormat, read: AuditPageReader, onLaterError?: (err: unknown) => void): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let page: AuditPage | null = await read(undefined, AUDIT_EXPORT_PAGE_SIZE);
  let written = 0;
  const lineOf = (entry: AuditEntry) => {
    const clean = exported(entry);
    if (format === 'csv') return auditCsvLine(clean);
    return `${written === 0 ? '\n' : ',\n'}${JSON.stringify(clean)}`;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(format === 'csv' ? AUDIT_CSV_HEADER : '['));
      },
      async pull(controller) {
        try {
          if (!page) {
            controller.enqueue(encoder.encode(format === 'csv' ? '' : written === 0 ? ']\n' : '\n]\n'));
            controller.close();
            return;
          }
          let chunk = '';
          for (const entry of page.value) {
            chunk += lineOf(entry);
            written += 1;
          }
          const next = page.nextCursor;
          page = null;
          if (chunk) controller.enqueue(encoder.encode(chunk));
          if (next) page = await read(next, AUDIT_EXPORT_PAGE_SIZE);
        } catch (err) {
          onLaterError?.(err);
          controller.error(err);
        }
      },
    },
    // One page's worth of bytes queued at most: the next read waits for the reader.
    { highWaterMark: 1 },
  );
}
