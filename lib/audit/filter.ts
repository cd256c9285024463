/**
 * The audit trail's filters as query parameters: one reading for `GET /api/v1/audit`, the export
 * and the `/audit` page, so a shared page URL and an API call mean the same rows. Pure.
 *
 * | parameter | matches |
 * |---|---|
 * | `cluster` | a cluster id (exact, case-insensitive) or a cluster name (the id's last segment) |
 * | `subscription` | a subscription id (GUID) |
 * | `user` | entries whose actor name or id contains the text (case-insensitive) |
 * | `action`, `outcome` | one stored value each ({@link AUDIT_ACTIONS}, {@link AUDIT_OUTCOMES}) |
 * | `search` | the text in the cluster or extension id (so their names), the actor, the error code or message |
 * | `from`, `to` | an ISO date (`2026-11-28`: that whole UTC day, both ends included) or an ISO instant |
 *
 * An empty parameter is no filter. Anything else that is not one of these is a {@link AuditFilterProblem}.
 */
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from './types';

/** The filters as given (trimmed), ready to put back in a URL. */
export interface AuditFilter {
  cluster?: string;
  subscription?: string;
  user?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  search?: string;
  from?: string;
  to?: string;
}

/** The query parameters of {@link AuditFilter}, in the order a URL writes them. */
export const AUDIT_FILTER_PARAMS = ['cluster', 'subscription', 'user', 'action', 'outcome', 'search', 'from', 'to'] as const satisfies ReadonlyArray<keyof AuditFilter>;
export type AuditFilterParam = (typeof AUDIT_FILTER_PARAMS)[number];

/** Longest text a filter takes: an ARM id is at most a few hundred characters. */
export const AUDIT_FILTER_MAX_LENGTH = 300;

/** Why a parameter was refused: a key of `audit.filterErrors` with its values (the route and the page word it). */
export type AuditFilterProblem =
  | { key: 'tooLong'; values: { param: string; max: number } }
  | { key: 'subscription'; values: { param: string } }
  | { key: 'oneOf'; values: { param: string; allowed: string } }
  | { key: 'date'; values: { param: string } }
  | { key: 'range'; values: Record<string, never> };

export type AuditFilterResult = { ok: true; filter: AuditFilter } | { ok: false; problem: AuditFilterProblem; filter: AuditFilter };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant needs its zone: "2026-11-28T10:00" alone would be read in the server's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The first instant `value` covers, or null when it is no ISO date or instant. */
function startOf(value: string): Date | null {
  if (ISO_DATE.test(value)) {
    const date = new Date(`${value}T00:00:00.000Z`);
    // `2026-02-30` parses as March 2: a day that does not exist is refused, not moved.
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
  }
  if (!ISO_INSTANT.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The first instant after `value` (a date: the next day; an instant: the next millisecond). */
function endOf(value: string): Date | null {
  const start = startOf(value);
  if (!start) return null;
  return new Date(start.getTime() + (ISO_DATE.test(value) ? DAY_MS : 1));
}

/**
 * The filters in `params`, or the first problem with them (with what was given, so a form can
 * show the visitor's text back). Parameters that are not filters (`limit`, `cursor`, `format`) are
 * ignored here.
 */
export function parseAuditFilter(params: URLSearchParams): AuditFilterResult {
  const filter: AuditFilter = {};
  const given: Record<string, string> = {};
  for (const param of AUDIT_FILTER_PARAMS) {
    const value = params.get(param)?.trim();
    if (value) given[param] = value;
  }
  // Everything given goes back to the caller, valid or not: the form keeps what was typed.
  const asGiven = given as AuditFilter;
  for (const [param, value] of Object.entries(given)) {
    if (value.length > AUDIT_FILTER_MAX_LENGTH) return { ok: false, problem: { key: 'tooLong', values: { param, max: AUDIT_FILTER_MAX_LENGTH } }, filter: asGiven };
  }
  if (given.subscription !== undefined && !GUID.test(given.subscription)) {
    return { ok: false, problem: { key: 'subscription', values: { param: 'subscription' } }, filter: asGiven };
  }
  if (given.action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(given.action)) {
    return { ok: false, problem: { key: 'oneOf', values: { param: 'action', allowed: AUDIT_ACTIONS.join(', ') } }, filter: asGiven };
  }
  if (given.outcome !== undefined && !(AUDIT_OUTCOMES as readonly string[]).includes(given.outcome)) {
    return { ok: false, problem: { key: 'oneOf', values: { param: 'outcome', allowed: AUDIT_OUTCOMES.join(', ') } }, filter: asGiven };
  }
  for (const param of ['from', 'to'] as const) {
    if (given[param] !== undefined && !startOf(given[param])) return { ok: false, problem: { key: 'date', values: { param } }, filter: asGiven };
  }
  if (given.from && given.to && startOf(given.from)!.getTime() >= endOf(given.to)!.getTime()) {
    return { ok: false, problem: { key: 'range', values: {} }, filter: asGiven };
  }
  Object.assign(filter, given);
  return { ok: true, filter };
}

/** The filters as query parameters (empty ones left out), in {@link AUDIT_FILTER_PARAMS} order. */
export function auditFilterParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const param of AUDIT_FILTER_PARAMS) {
    const value = filter[param]?.trim();
    if (value) params.set(param, value);
  }
  return params;
}

/** Whether any filter is set. */
export function hasAuditFilter(filter: AuditFilter): boolean {
  return AUDIT_FILTER_PARAMS.some((param) => Boolean(filter[param]));
}

/**
 * The time window of a valid filter as the store compares it: `at >= fromAt` and `at < toBefore`,
 * both ISO 8601 UTC of the stored width, so text order is time order.
 */
export function auditTimeWindow(filter: AuditFilter): { fromAt?: string; toBefore?: string } {
  const from = filter.from ? startOf(filter.from) : null;
  const to = filter.to ? endOf(filter.to) : null;
  return { ...(from ? { fromAt: from.toISOString() } : {}), ...(to ? { toBefore: to.toISOString() } : {}) };
}
