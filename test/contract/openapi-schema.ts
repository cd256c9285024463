/**
 * Turns a dereferenced Swagger 2.0 schema (an Azure REST spec's, cycles included) into a JSON
 * Schema draft-04 that ajv checks, with the Swagger and AutoRest rules plain JSON Schema lacks:
 *
 * - `allOf` (ARM's inheritance: TrackedResource + the resource's own properties) is merged into one
 *   object first, so an object can be closed without each part rejecting the other's properties;
 * - objects that declare `properties` and no `additionalProperties` are closed: a field the
 *   api-version does not define is a deviation (issue 16: "fields the api-version does not define
 *   are not sent"). Objects with a `discriminator` (or a base that has one) stay open: their
 *   subtypes add properties, and the subtypes are not looked up (loose polymorphism);
 * - `x-nullable: true` adds `null` to the type; without it `null` is not a value (AutoRest's rule);
 * - a bare `type: object` (no properties, no additionalProperties) is free-form: an object or an
 *   array (Resource Graph's `data` is an array of rows although its spec says object);
 * - `readOnly` properties are never required in a request (the service fills them in);
 * - `x-ms-enum.modelAsString: true` enums are open (any string: the SDKs accept new values);
 *   other enums are closed;
 * - `format` is checked for the formats ARM's JSON uses and ajv-formats knows (`date-time`, `date`,
 *   `uuid`, `uri`, `int32`, `int64`); the AutoRest-only ones (`arm-id`, `duration`, `password`, ...)
 *   are left out.
 *
 * Cycles (ErrorDetail.details is an array of ErrorDetail) become `$ref`s into `definitions`.
 */

export type Mode = 'request' | 'response';
export type JsonSchema = Record<string, unknown>;
type SwaggerSchema = Record<string, unknown>;

/** The formats checked (ajv-formats' names); others are not validated. */
export const CHECKED_FORMATS = ['date-time', 'date', 'uuid', 'uri', 'int32', 'int64'] as const;
/** Draft-04 keywords carried over as they are. */
const PLAIN_KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  'minProperties',
  'maxProperties',
] as const;

function isObject(value: unknown): value is SwaggerSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `allOf` flattened into one schema: properties and required lists merged, the part's own last. */
export function mergeAllOf(schema: SwaggerSchema, seen = new Set<SwaggerSchema>()): SwaggerSchema {
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as SwaggerSchema[]) : [];
  if (parts.length === 0 || seen.has(schema)) return schema;
  seen.add(schema);
  const own = { ...schema };
  delete own.allOf;
  const merged: SwaggerSchema = {};
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const part of [...parts.map((p) => mergeAllOf(p, seen)), own]) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isObject(value)) Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value)) value.forEach((name) => required.add(String(name)));
      else if (key === 'discriminator' || key === 'x-ms-discriminator-value') merged[key] = merged[key] ?? value;
      else merged[key] = value;
    }
  }
  seen.delete(schema);
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

/** One conversion context per spec and mode: its memo and the `definitions` cycles end up in. */
export class SchemaConverter {
  readonly definitions: Record<string, JsonSchema> = {};
  readonly #done = new Map<SwaggerSchema, JsonSchema>();
  readonly #inProgress = new Map<SwaggerSchema, { name?: string; out: JsonSchema }>();
  #counter = 0;

  constructor(readonly mode: Mode) {}

  /** A root schema for ajv: the converted schema with every cycle's definition beside it. */
  root(schema: unknown): JsonSchema {
    const converted = this.convert(schema);
    return { ...converted, definitions: { ...this.definitions } };
  }

  convert(schema: unknown): JsonSchema {
    if (!isObject(schema)) return {};
    const done = this.#done.get(schema);
    if (done) return done;
    const running = this.#inProgress.get(schema);
    if (running) {
      running.name ??= `cycle${this.#counter++}`;
      return { $ref: `#/definitions/${running.name}` };
    }
    const out: JsonSchema = {};
    const entry: { name?: string; out: JsonSchema } = { out };
    this.#inProgress.set(schema, entry);
    this.#fill(mergeAllOf(schema), out);
    this.#inProgress.delete(schema);
    this.#done.set(schema, out);
    if (entry.name) this.definitions[entry.name] = out;
    return out;
  }

  #fill(schema: SwaggerSchema, out: JsonSchema): void {
    const nullable = schema['x-nullable'] === true;
    const type = schema.type ?? (isObject(schema.properties) ? 'object' : undefined);
    if (typeof type === 'string') out.type = nullable ? [type, 'null'] : type;
    if (type === 'object' && schema.properties === undefined && schema.additionalProperties === undefined) {
      // A bare `type: object` is free-form: AutoRest's TypeScript SDKs type it `any`, and Resource
      // Graph's `data` ("JObject array or Table format") is a JSON array on the wire.
      out.type = nullable ? ['object', 'array', 'null'] : ['object', 'array'];
    }

    const xmsEnum = schema['x-ms-enum'] as { modelAsString?: boolean } | undefined;
    if (Array.isArray(schema.enum) && xmsEnum?.modelAsString !== true) {
      out.enum = nullable ? [...schema.enum, null] : schema.enum;
    }
    if (typeof schema.format === 'string' && (CHECKED_FORMATS as readonly string[]).includes(schema.format)) out.format = schema.format;
    for (const keyword of PLAIN_KEYWORDS) if (schema[keyword] !== undefined) out[keyword] = schema[keyword];

    if (schema.items !== undefined) out.items = this.convert(schema.items);

    const properties = isObject(schema.properties) ? schema.properties : undefined;
    if (properties) {
      out.properties = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, this.convert(child)]));
      let required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      if (this.mode === 'request') required = required.filter((name) => !(isObject(properties[name]) && properties[name].readOnly === true));
      if (required.length > 0) out.required = required;
    }

    if (schema.additionalProperties !== undefined) {
      out.additionalProperties = isObject(schema.additionalProperties) ? this.convert(schema.additionalProperties) : schema.additionalProperties;
    } else if (properties && schema.discriminator === undefined) {
      out.additionalProperties = false;
    }
  }
}
