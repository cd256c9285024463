/**
 * The audit trail as CSV (RFC 4180), one line per entry. Pure: the export streams these lines.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which
 * some read past) as a formula, and an audit row holds text other people chose (actor names, error
 * messages, setting values): such a cell gets a leading `'`, which the spreadsheet shows as text
 * (OWASP "CSV injection").
 */
import type { AuditEntry } from './types';

/** The columns, in order: stable names for scripts (not translated). */
export const AUDIT_CSV_COLUMNS = [
  'at',
  'actorId',
  'actorName',
  'action',
  'outcome',
  'subscriptionId',
  'clusterId',
  'extensionId',
  'errorCode',
  'errorMessage',
  'settings',
  'previousSettings',
  // Last, so the columns scripts already read keep their places: the compute or instance type an attach, detach or instance-type write wrote.
  'resourceId',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell: formula-looking text neutralised, quoted when it holds a quote, comma, line break or edge space. */
export function csvCell(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, ended by CRLF as RFC 4180 says. */
export function csvLine(cells: ReadonlyArray<string | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The header line. */
export const AUDIT_CSV_HEADER = csvLine(AUDIT_CSV_COLUMNS);

const json = (value: Record<string, string> | undefined) => (value ? JSON.stringify(value) : undefined);

/** One entry's line, in {@link AUDIT_CSV_COLUMNS} order; settings as JSON objects. */
export function auditCsvLine(entry: AuditEntry): string {
  return csvLine([
    entry.at,
    entry.actor.id,
    entry.actor.name,
    entry.action,
    entry.outcome,
    entry.subscriptionId,
    entry.clusterId,
    entry.extensionId,
    entry.error?.code,
    entry.error?.message,
    json(entry.settings),
    json(entry.previousSettings),
    entry.resourceId,
  ]);
}
