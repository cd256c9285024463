/**
 * Reading and writing records by a key the user chose. A plain object answers `constructor`,
 * `toString`, `hasOwnProperty` or `valueOf` from `Object.prototype` (a function, not a setting),
 * and `record['__proto__'] = 'x'` sets nothing at all. Setting names and option flags come from
 * users, so every lookup by one goes through these two functions. Pure.
 */

/** `record[key]` when `key` is the record's own property; never an inherited one such as `constructor`. */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * `record[key] = value` as an own, enumerable property, even for `__proto__` (which plain
 * assignment would treat as the prototype and, for a string, silently drop).
 */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
