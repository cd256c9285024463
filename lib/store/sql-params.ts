/**
 * `$1`-style placeholders (PostgreSQL's) translated for SQLite, which binds `?` by position. Pure.
 *
 * Each `$n` becomes `?` and its value is appended in order of appearance, so a parameter used
 * twice is bound twice. The portal's SQL never puts `$` inside string literals, which is what
 * makes a plain scan enough (no SQL parser).
 */
import type { SqlValue } from './types';

const PLACEHOLDER = /\$(\d+)/g;

export function toPositionalParams(sql: string, params: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
  const bound: SqlValue[] = [];
  const text = sql.replace(PLACEHOLDER, (_, digits: string) => {
    const index = Number(digits) - 1;
    if (index < 0 || index >= params.length) {
      throw new RangeError(`SQL uses $${digits} but ${params.length} parameter(s) were given`);
    }
    bound.push(params[index]);
    return '?';
  });
  return { sql: text, params: bound };
}
