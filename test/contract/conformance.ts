/**
 * What the conformance test asserts about a set of recorded exchanges, as a pure report: which
 * exchanges no spec covers, which expected operations were not exercised, the deviations outside
 * the known list, and the known deviations that no longer occur (fixed: remove them).
 */
import { describeDeviation, type Deviation, type Exchange, type OpenApiSpecs } from './openapi';

/** A deviation the emulator is known to still have, with issue 16's table row it belongs to. */
export interface KnownDeviation {
  operationId: string;
  status: number | 'request';
  /** JSON path with array indexes written `[]` (`$.value[].properties.offering`). */
  path: string;
  row: number;
}

/** A path no spec has, allowed on purpose (with the reason), e.g. ARM's generic `operationResults`. */
export interface AllowedUncovered {
  method: string;
  /** Matched against the URL path. */
  pattern: RegExp;
  reason: string;
}

export interface ConformanceReport {
  uncovered: string[];
  notExercised: string[];
  unexpected: string[];
  stale: string[];
  /** `operationId status` of every exchange checked. */
  checked: Set<string>;
}

/** `$.value[3].x` as `$.value[].x`: one list item's deviation is every item's. */
export function withoutIndexes(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

function keyOf(d: Pick<Deviation, 'operationId' | 'status' | 'path'>): string {
  return `${d.operationId} ${d.status} ${d.path}`;
}

export function conformanceReport(
  specs: OpenApiSpecs,
  exchanges: readonly Exchange[],
  operations: readonly string[],
  known: readonly KnownDeviation[],
  allowedUncovered: readonly AllowedUncovered[] = [],
): ConformanceReport {
  const seen = new Set<string>();
  const checked = new Set<string>();
  const uncovered = new Set<string>();
  const deviations = new Map<string, Deviation>();
  for (const exchange of exchanges) {
    const operation = specs.find(exchange.method, exchange.url).operation;
    if (operation) {
      seen.add(operation.operationId);
      checked.add(`${operation.operationId} ${exchange.status}`);
    }
    const result = specs.check(exchange);
    const pathname = new URL(exchange.url).pathname;
    if (!result && !allowedUncovered.some((a) => a.method === exchange.method && a.pattern.test(pathname))) uncovered.add(`${exchange.method} ${pathname}`);
    for (const d of result ?? []) {
      const normalised = { ...d, path: withoutIndexes(d.path) };
      deviations.set(`${keyOf(normalised)}: ${d.message}`, normalised);
    }
  }
  const matches = (k: KnownDeviation, d: Deviation) => keyOf(k) === keyOf(d);
  const found = [...deviations.values()];
  return {
    uncovered: [...uncovered],
    notExercised: operations.filter((op) => !seen.has(op)),
    unexpected: found.filter((d) => !known.some((k) => matches(k, d))).map(describeDeviation),
    stale: known.filter((k) => seen.has(k.operationId) && !found.some((d) => matches(k, d))).map((k) => `${keyOf(k)} (issue 16 row ${k.row})`),
    checked,
  };
}
