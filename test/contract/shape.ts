/**
 * Compares the *shape* of a JSON response with an ARM example body: same keys and nesting, same
 * JSON types, values ignored. Used by the contract tests to check that the emulator answers what
 * the real service answers, as far as the portal's SDK calls can tell.
 */

export interface ShapeOptions {
  /**
   * Paths whose value is a free-form map (`tags`, `configurationSettings`): their keys are data,
   * not schema, so only "is an object" is checked. `[]` stands for any array index.
   */
  maps?: string[];
  /** Paths the emulator deliberately does not model; listed per example, each one a known gap. */
  ignore?: string[];
  /** Paths that may be null in the actual body although the example has a value. */
  nullable?: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Every mismatch, as `path: reason`. Empty when the shapes agree. */
export function shapeMismatches(actual: unknown, example: unknown, options: ShapeOptions = {}, path = ''): string[] {
  const at = path || '(root)';
  if (options.ignore?.includes(path)) return [];
  // A null in the example says only "this field exists": its type is unknown.
  if (example === null) return [];
  if (actual === null && options.nullable?.includes(path)) return [];
  const expectedKind = kind(example);
  const actualKind = kind(actual);
  if (expectedKind !== actualKind) return [`${at}: expected ${expectedKind}, got ${actualKind}`];

  if (Array.isArray(example)) {
    const items = actual as Json[];
    if (example.length === 0) return [];
    const itemPath = `${path}[]`;
    const problems: string[] = [];
    items.forEach((item, index) => {
      // Example lists are often heterogeneous (one item with `plan`, one with `version: null`):
      // an item is fine when it matches any example item; otherwise report the closest match.
      const candidates = example.map((template) => shapeMismatches(item, template, options, itemPath));
      if (candidates.some((c) => c.length === 0)) return;
      const closest = candidates.reduce((best, c) => (c.length < best.length ? c : best));
      problems.push(...closest.map((p) => p.replace(`${itemPath}`, `${path}[${index}]`)));
    });
    return problems;
  }

  if (expectedKind === 'object') {
    if (options.maps?.includes(path)) return [];
    const actualObject = actual as Record<string, unknown>;
    const exampleObject = example as Record<string, unknown>;
    return Object.keys(exampleObject).flatMap((key) => {
      const childPath = join(path, key);
      if (options.ignore?.includes(childPath)) return [];
      if (!(key in actualObject)) return [`${childPath}: missing`];
      return shapeMismatches(actualObject[key], exampleObject[key], options, childPath);
    });
  }
  return [];
}

/** Throws, listing every mismatching path, unless `actual` has the example's shape. */
export function expectShape(actual: unknown, example: unknown, options: ShapeOptions = {}): void {
  const problems = shapeMismatches(actual, example, options);
  if (problems.length > 0) {
    throw new Error(`Response does not have the example's shape:\n  ${problems.join('\n  ')}`);
  }
}
