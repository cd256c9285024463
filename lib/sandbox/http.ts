/**
 * Small HTTP vocabulary shared by the emulator's routes: ARM errors, responses, paging.
 * Handlers return an {@link ApiResponse} or throw an {@link ArmError}; emulator.ts writes them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxIdentity } from './identities';
import type { SandboxState } from './state';

/** An ARM error: serialised as `{ error: { code, message } }` (see {@link ArmError.body}) with `status`. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }

  /** The response body: ARM's `{ error: { code, message } }`. */
  body(): unknown {
    return { error: { code: this.code, message: this.message } };
  }
}

/**
 * An error of a resource provider whose spec defines its error body as a top-level
 * `{ code, message }` (Microsoft.Relay 2017-04-01's `ErrorResponse`), not ARM's envelope.
 * Errors ARM raises before the provider sees the request (auth, api-version, subscription,
 * resource group, registration) stay {@link ArmError}s.
 */
export class TopLevelArmError extends ArmError {
  override body(): unknown {
    return { code: this.code, message: this.message };
  }
}

/** What a route handler answers. */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Runs once this answer has been sent and its connection has closed (`POST /_sandbox/restart`
   * takes the listener down only after the caller has its answer).
   */
  afterResponse?: () => void;
}

/** Everything a route handler may read. */
export interface RequestContext {
  method: string;
  /** Full request URL on the emulator's origin (query included). */
  url: URL;
  /** `https://127.0.0.1:PORT` (or `https://localhost:PORT` if the client used that name). */
  origin: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  /** Path parameters captured by the route pattern (decoded, original case). */
  params: Record<string, string>;
  state: SandboxState;
  provisioningMs: number;
  /** The signed-in sandbox user the token acts as; undefined for an opaque token (full rights). */
  caller?: SandboxIdentity;
}

/** Items per list page: small on purpose so every SDK pager really follows `nextLink`. */
export const LIST_PAGE_SIZE = 5;

/** 200 with a JSON body. */
export function ok(body: unknown, headers?: Record<string, string>): ApiResponse {
  return { status: 200, body, headers };
}

/** 404 with ARM's `ResourceNotFound` wording. */
export function notFound(what: string, name: string): ArmError {
  return new ArmError(404, 'ResourceNotFound', `The Resource '${what}/${name}' was not found.`);
}

/**
 * Pages `items` by a numeric `$skiptoken` (query) and returns `{ value, nextLink? }` where
 * nextLink is ABSOLUTE on the emulator's own origin, as ARM does.
 */
export function paginate(ctx: RequestContext, items: readonly unknown[]): ApiResponse {
  const token = ctx.url.searchParams.get('$skiptoken') ?? ctx.url.searchParams.get('$skipToken');
  const offset = token && /^\d+$/.test(token) ? Number(token) : 0;
  const value = items.slice(offset, offset + LIST_PAGE_SIZE);
  const body: { value: unknown[]; nextLink?: string } = { value };
  if (offset + LIST_PAGE_SIZE < items.length) {
    const next = new URL(ctx.url.pathname + ctx.url.search, ctx.origin);
    next.searchParams.delete('$skipToken');
    next.searchParams.set('$skiptoken', String(offset + LIST_PAGE_SIZE));
    body.nextLink = next.toString();
  }
  return ok(body);
}

/** The request body as an object, or a 400 `InvalidRequestContent`. */
export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const b = ctx.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b)) {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content must be a JSON object.');
  }
  return b as Record<string, unknown>;
}

/** A string-to-string map from an untrusted body field (non-strings are stringified like ARM). */
export function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ArmError(400, 'InvalidRequestContent', `'${field}' must be an object of strings.`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** ISO timestamp without milliseconds noise differences between platforms. */
export function isoNow(now = Date.now()): string {
  return new Date(now).toISOString();
}
