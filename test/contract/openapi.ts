/**
 * Checks HTTP exchanges against the Azure REST API specifications in
 * `test/fixtures/azure-rest-specs/` (OpenAPI 2.0): the operation is found by method, URL path
 * (templates matched case-insensitively, as ARM does) and `api-version`; the response status must be
 * one the operation declares (`default` covers errors), its body must match that response's
 * schema, and a request body must match the `in: body` parameter's schema. The Swagger rules plain
 * JSON Schema lacks are applied by ./openapi-schema.ts.
 *
 * `@apidevtools/swagger-parser` dereferences each spec (following its relative `$ref`s into
 * `common-types/`), ajv (draft-04, as Swagger 2.0 schemas are) validates.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import SwaggerParser from '@apidevtools/swagger-parser';
import type { ErrorObject, ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

import { CHECKED_FORMATS, SchemaConverter, type JsonSchema } from './openapi-schema';

export const SPECS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/azure-rest-specs/specification');

/** The spec of each ARM surface the portal's SDK clients call, at the api-version they send. */
export const PORTAL_SPECS = [
  'kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/stable/2023-05-01/extensions.json',
  'hybridkubernetes/resource-manager/Microsoft.Kubernetes/stable/2021-10-01/connectedClusters.json',
  'containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-04-01/managedClusters.json',
  'relay/resource-manager/Microsoft.Relay/stable/2017-04-01/relay.json',
  'resourcegraph/resource-manager/Microsoft.ResourceGraph/stable/2024-04-01/resourcegraph.json',
] as const;

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'] as const;

/** One request and its response as they went over the wire (bodies parsed from JSON). */
export interface Exchange {
  method: string;
  url: string;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
}

/** Something the spec does not allow. `path` is a JSON path into the body (`$` for the whole). */
export interface Deviation {
  operationId: string;
  /** The response status, or `request` for a request body. */
  status: number | 'request';
  path: string;
  message: string;
}

export function describeDeviation(d: Deviation): string {
  return `${d.operationId} ${d.status === 'request' ? 'request body' : `${d.status} response`} ${d.path}: ${d.message}`;
}

interface Parameter {
  in?: string;
  name?: string;
  required?: boolean;
  schema?: unknown;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  apiVersion: string;
  specFile: string;
  /** Template segments, lower-cased; `null` for a `{parameter}`. */
  segments: Array<string | null>;
  responses: Record<string, { schema?: unknown }>;
  body?: Parameter;
  /** `x-ms-pageable.nextLinkName`: may be null or absent on the last page. */
  nextLinkName?: string;
}

/** Removes `x-ms-examples` (their `$ref`s point at example files mostly not copied). */
function withoutExamples(spec: Record<string, unknown>): Record<string, unknown> {
  const paths = (spec.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const item of Object.values(paths)) {
    for (const method of METHODS) if (item[method]) delete item[method]['x-ms-examples'];
  }
  return spec;
}

/**
 * `{ $ref, x-nullable, readOnly, ... }` as `{ x-nullable, readOnly, ..., allOf: [{ $ref }] }`. The
 * ref parser drops a `$ref`'s sibling keys when the target is circular (ErrorDetail is), which
 * would lose `x-nullable` on `error`; as an `allOf` part they survive and ./openapi-schema.ts
 * merges them over the target. Applied in memory to every file the parser reads.
 */
function siblingsAsAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(siblingsAsAllOf);
  if (typeof node !== 'object' || node === null) return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, siblingsAsAllOf(v)]));
  if (typeof $ref !== 'string') return converted;
  return Object.keys(rest).length === 0 ? { $ref } : { ...converted, allOf: [{ $ref }] };
}

const DEREFERENCE_OPTIONS = {
  dereference: { circular: true },
  parse: {
    json: {
      order: 100,
      canParse: '.json',
      parse: (file: { data: Buffer | string }) => siblingsAsAllOf(JSON.parse(String(file.data))),
    },
  },
};

function segmentsOf(urlPath: string): string[] {
  return urlPath.split('/').filter(Boolean);
}

/** ajv's `/properties/x/0` as `properties.x[0]`. */
function jsonPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '$';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  return out;
}

function errorToDeviation(operationId: string, status: number | 'request', error: ErrorObject): Deviation {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    return { operationId, status, path: jsonPath(error.instancePath, String(params.additionalProperty)), message: 'not defined by the spec' };
  }
  if (error.keyword === 'required') {
    return { operationId, status, path: jsonPath(error.instancePath, String(params.missingProperty)), message: 'required by the spec, missing' };
  }
  const allowed = error.keyword === 'enum' ? ` (${JSON.stringify(params.allowedValues)})` : '';
  return { operationId, status, path: jsonPath(error.instancePath), message: `${error.message ?? error.keyword}${allowed}` };
}

export class OpenApiSpecs {
  readonly operations: SpecOperation[] = [];
  readonly #ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  readonly #converters = new Map<string, SchemaConverter>();
  readonly #validators = new Map<string, ValidateFunction>();

  private constructor() {
    addFormats(this.#ajv, [...CHECKED_FORMATS]);
  }

  /** Loads and dereferences each spec once (paths relative to {@link SPECS_DIR}). */
  static async load(specFiles: readonly string[] = PORTAL_SPECS): Promise<OpenApiSpecs> {
    const specs = new OpenApiSpecs();
    for (const relative of specFiles) {
      const file = path.join(SPECS_DIR, relative);
      const raw = withoutExamples(siblingsAsAllOf(JSON.parse(readFileSync(file, 'utf8'))) as Record<string, unknown>);
      const api = (await SwaggerParser.dereference(file, raw as never, DEREFERENCE_OPTIONS)) as unknown as {
        info: { version: string };
        paths: Record<string, Record<string, unknown>>;
      };
      for (const [template, item] of Object.entries(api.paths)) {
        const shared = (item.parameters ?? []) as Parameter[];
        for (const method of METHODS) {
          const op = item[method] as
            | { operationId: string; parameters?: Parameter[]; responses: SpecOperation['responses']; 'x-ms-pageable'?: { nextLinkName?: string | null } }
            | undefined;
          if (!op) continue;
          const parameters = [...shared, ...(op.parameters ?? [])];
          const nextLinkName = op['x-ms-pageable']?.nextLinkName ?? undefined;
          specs.operations.push({
            operationId: op.operationId,
            method: method.toUpperCase(),
            template,
            apiVersion: api.info.version,
            specFile: relative,
            segments: segmentsOf(template).map((s) => (/^\{[^}]+\}$/.test(s) ? null : s.toLowerCase())),
            responses: op.responses,
            ...(parameters.find((p) => p.in === 'body') ? { body: parameters.find((p) => p.in === 'body') } : {}),
            ...(nextLinkName ? { nextLinkName } : {}),
          });
        }
      }
    }
    return specs;
  }

  /**
   * The operation for a request, or `undefined` when no spec has its path. Of several templates
   * that match, the one with the most literal segments wins. `apiVersionMismatch` is set when the
   * path is known but only at another api-version.
   */
  find(method: string, url: string): { operation?: SpecOperation; apiVersionMismatch?: string } {
    const parsed = new URL(url, 'https://arm.invalid');
    const segments = segmentsOf(parsed.pathname).map((s) => decodeURIComponent(s).toLowerCase());
    const apiVersion = parsed.searchParams.get('api-version') ?? '';
    const candidates = this.operations.filter(
      (op) => op.method === method.toUpperCase() && op.segments.length === segments.length && op.segments.every((s, i) => s === null || s === segments[i]),
    );
    const literal = (op: SpecOperation) => op.segments.filter((s) => s !== null).length;
    candidates.sort((a, b) => literal(b) - literal(a));
    const operation = candidates.find((op) => op.apiVersion === apiVersion);
    if (operation) return { operation };
    return candidates.length > 0 ? { apiVersionMismatch: candidates.map((op) => `${op.operationId}@${op.apiVersion}`).join(', ') } : {};
  }

  /** Every deviation of one exchange; `undefined` when no spec covers its path. */
  check(exchange: Exchange): Deviation[] | undefined {
    const found = this.find(exchange.method, exchange.url);
    if (found.apiVersionMismatch) {
      const sent = new URL(exchange.url, 'https://arm.invalid').searchParams.get('api-version');
      return [{ operationId: found.apiVersionMismatch, status: 'request', path: '$', message: `api-version ${sent ?? '(none)'} is not the spec's` }];
    }
    const operation = found.operation;
    if (!operation) return undefined;
    return [...this.checkRequest(operation, exchange.requestBody), ...this.checkResponse(operation, exchange.status, exchange.responseBody)];
  }

  checkRequest(operation: SpecOperation, body: unknown): Deviation[] {
    const { operationId, body: parameter } = operation;
    if (body === undefined) {
      return parameter?.required ? [{ operationId, status: 'request', path: '$', message: `the body parameter ${parameter.name} is required` }] : [];
    }
    if (!parameter) return [{ operationId, status: 'request', path: '$', message: 'the operation takes no request body' }];
    return this.#validate(`${operation.specFile}#${operationId} request`, 'request', parameter.schema, body, operationId, 'request');
  }

  checkResponse(operation: SpecOperation, status: number, body: unknown): Deviation[] {
    const { operationId, responses } = operation;
    const key = responses[String(status)] ? String(status) : status >= 400 && responses.default ? 'default' : undefined;
    if (!key) {
      return [{ operationId, status, path: '$', message: `status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})` }];
    }
    const schema = responses[key].schema;
    if (schema === undefined) {
      return body === undefined ? [] : [{ operationId, status, path: '$', message: 'the spec declares no body for this status' }];
    }
    if (body === undefined) return [{ operationId, status, path: '$', message: 'the spec declares a body, none was sent' }];
    return this.#validate(`${operation.specFile}#${operationId} ${key}`, 'response', schema, body, operationId, status, key === '200' ? operation.nextLinkName : undefined);
  }

  #validate(cacheKey: string, mode: 'request' | 'response', schema: unknown, body: unknown, operationId: string, status: number | 'request', nextLinkName?: string): Deviation[] {
    let validate = this.#validators.get(cacheKey);
    if (!validate) {
      let converter = this.#converters.get(mode);
      if (!converter) this.#converters.set(mode, (converter = new SchemaConverter(mode)));
      validate = this.#ajv.compile(withPageable(converter.root(schema), nextLinkName));
      this.#validators.set(cacheKey, validate);
    }
    if (validate(body)) return [];
    const deviations = (validate.errors ?? []).map((error) => errorToDeviation(operationId, status, error));
    return deviations.sort((a, b) => a.path.localeCompare(b.path));
  }
}

/** `x-ms-pageable`: the next link is a string, or null/absent on the last page (AutoRest's pager). */
function withPageable(root: JsonSchema, nextLinkName: string | undefined): JsonSchema {
  if (!nextLinkName) return root;
  const properties = { ...((root.properties as Record<string, JsonSchema> | undefined) ?? {}) };
  properties[nextLinkName] = { type: ['string', 'null'] };
  return { ...root, properties };
}
