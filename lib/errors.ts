/**
 * The portal's one error type, and the one place Azure failures are translated into it.
 *
 * Azure modules call `toAppError` exactly once, where the SDK call fails; everything above them
 * (actions, API routes, pages) only sees `AppError`. `userMessage` is what a user may read: it is
 * built from ARM's own code and message (which never carry credentials) after redaction, never
 * from request objects, headers or bodies we sent.
 *
 * Pure: no I/O and no `server-only`, so client code may import the type and the codes.
 */

/** Stable, app-level codes. The raw ARM code, when there is one, is kept in `armCode`. */
export const APP_ERROR_CODES = [
  'Unauthenticated',
  'AuthorizationFailed',
  'ResourceNotFound',
  'MissingSubscriptionRegistration',
  'Conflict',
  'BadRequest',
  'Throttled',
  'AzureUnavailable',
  'NetworkError',
  'TlsError',
  'OperationFailed',
  'RunCommandFailed',
  'ProviderRegistrationTimedOut',
  'InvalidResourceId',
  'ConfigurationError',
  'Unexpected',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export interface AppErrorOptions {
  code: AppErrorCode;
  userMessage: string;
  status: number;
  retryable?: boolean;
  target?: string;
  /** ARM's own error code (`MissingSubscriptionRegistration`, `ExtensionOperationFailed`, ...). */
  armCode?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly retryable: boolean;
  readonly status: number;
  readonly target?: string;
  readonly armCode?: string;

  constructor(options: AppErrorOptions) {
    super(options.userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.userMessage = options.userMessage;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.target = options.target;
    this.armCode = options.armCode;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export interface ErrorContext {
  /** What the portal was doing, as a verb phrase: "list clusters", "install the extension". */
  action?: string;
  /** The resource concerned, usually an ARM id. */
  target?: string;
}

/** The prefix core-lro puts on every failed long-running operation (a plain Error, not a RestError). */
const LRO_FAILURE_PREFIX = 'The long-running operation has failed';

/** Node socket errors that mean "could not reach Azure". */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);

/** Node TLS verification errors: the endpoint's certificate is not trusted. */
const TLS_ERROR_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Removes anything that looks like a credential from text that came from outside (ARM messages,
 * socket errors). ARM does not put secrets in error messages, but a connection string echoed back
 * by a misbehaving proxy must still never reach a user or a log.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1[redacted]')
    .replace(/(SharedAccessKey\s*=\s*)[^;"'\s]+/gi, '$1[redacted]')
    .replace(/([?&](?:sig|code|client_secret|access_token|refresh_token)=)[^&\s"']+/gi, '$1[redacted]');
}

interface ArmErrorBody {
  code?: string;
  message?: string;
  target?: string;
}

interface RestErrorLike {
  name?: string;
  message: string;
  code?: string;
  statusCode?: number;
  details?: unknown;
  response?: { status?: number; bodyAsText?: string | null; parsedBody?: unknown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Duck-typed on purpose: the classic SDKs (core-client) and the modular ones (@azure-rest) bundle
 * their own copies of the pipeline, so `instanceof RestError` is not reliable across them.
 */
function isRestErrorLike(err: unknown): err is RestErrorLike {
  return err instanceof Error && (err.name === 'RestError' || 'statusCode' in err);
}

function armErrorFrom(value: unknown): ArmErrorBody | undefined {
  if (!isRecord(value)) return undefined;
  const inner = isRecord(value.error) ? value.error : value;
  const code = typeof inner.code === 'string' ? inner.code : undefined;
  const message = typeof inner.message === 'string' ? inner.message : undefined;
  const target = typeof inner.target === 'string' ? inner.target : undefined;
  return code || message ? { code, message, target } : undefined;
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Where the ARM `{ error: { code, message } }` lives depends on the SDK generation: modular
 * clients put it in `details`, classic ones in `response.parsedBody`; both keep `bodyAsText`.
 * `err.code`/`err.message` are already copied from it by both, and are the fallback.
 */
function armErrorOf(err: RestErrorLike): ArmErrorBody {
  const fromBody =
    armErrorFrom(err.details) ??
    armErrorFrom(err.response?.parsedBody) ??
    armErrorFrom(parseJson(err.response?.bodyAsText));
  return {
    code: fromBody?.code ?? err.code,
    message: fromBody?.message ?? err.message,
    target: fromBody?.target,
  };
}

/** "Could not list clusters: the subscription ..." with an action; "The subscription ..." without. */
function say(context: ErrorContext | undefined, sentence: string): string {
  if (context?.action) return `Could not ${context.action}: ${sentence}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function cleanArmMessage(message: string | undefined): string {
  const text = redactSecrets((message ?? '').trim());
  // classic clients fall back to the raw body when ARM sent no JSON error; do not show JSON soup
  if (!text || text.startsWith('{') || text.startsWith('<')) return '';
  return text;
}

/** ARM's AuthorizationFailed message names the action and the scope; pull them out. */
function describeAuthorizationFailure(message: string, fallbackTarget?: string): string {
  const action = /perform action '([^']+)'/i.exec(message)?.[1];
  const scope = /over scope '([^']+)'/i.exec(message)?.[1] ?? fallbackTarget;
  if (action) {
    return `you do not have permission '${action}'${scope ? ` on ${scope}` : ''}. Ask an owner of the subscription for a role that grants it, then sign in again.`;
  }
  return `you do not have permission to do this${scope ? ` on ${scope}` : ''}. Ask an owner of the subscription for access, then sign in again.`;
}

/** "... not registered to use namespace 'Microsoft.KubernetesConfiguration' ..." */
function missingProviderNamespace(message: string): string | undefined {
  return /namespace '([^']+)'/i.exec(message)?.[1];
}

function fromHttpStatus(status: number, arm: ArmErrorBody, context: ErrorContext | undefined, cause: unknown): AppError {
  const armMessage = cleanArmMessage(arm.message);
  const target = context?.target ?? arm.target;
  const base = { armCode: arm.code, target, cause };
  const detail = armMessage ? ` ${armMessage}` : '';

  if (status === 401) {
    return new AppError({
      ...base,
      code: 'Unauthenticated',
      status: 401,
      userMessage: say(context, `your Azure sign-in is missing or has expired. Sign in again.`),
    });
  }
  if (status === 403) {
    return new AppError({
      ...base,
      code: 'AuthorizationFailed',
      status: 403,
      userMessage: say(context, describeAuthorizationFailure(arm.message ?? '', target)),
    });
  }
  if (status === 404) {
    return new AppError({
      ...base,
      code: 'ResourceNotFound',
      status: 404,
      userMessage: say(context, `${target ? `${target} was not found` : 'the resource was not found'}.${detail}`),
    });
  }
  if (arm.code === 'MissingSubscriptionRegistration') {
    const namespace = missingProviderNamespace(arm.message ?? '') ?? arm.target ?? 'the resource provider';
    return new AppError({
      ...base,
      code: 'MissingSubscriptionRegistration',
      status: 409,
      userMessage: say(context, `the subscription is not registered for ${namespace}. Register the resource provider ${namespace} in the subscription, then try again.`),
    });
  }
  if (status === 409) {
    return new AppError({
      ...base,
      code: 'Conflict',
      status: 409,
      retryable: true,
      userMessage: say(context, `Azure reports a conflicting operation in progress; wait for it to finish and try again.${detail}`),
    });
  }
  if (status === 429) {
    return new AppError({
      ...base,
      code: 'Throttled',
      status: 429,
      retryable: true,
      userMessage: say(context, `Azure is throttling requests (HTTP 429); the portal already retried, honouring Azure's Retry-After. Wait a minute and try again.`),
    });
  }
  if (status >= 500) {
    return new AppError({
      ...base,
      code: 'AzureUnavailable',
      status: 503,
      retryable: true,
      userMessage: say(context, `Azure returned a server error (${status}). Try again in a few minutes.${detail}`),
    });
  }
  return new AppError({
    ...base,
    code: 'BadRequest',
    status: 400,
    userMessage: say(context, `Azure rejected the request${arm.code ? ` (${arm.code})` : ''}.${detail}`),
  });
}

function errorCodeOf(err: unknown): string | undefined {
  if (!isRecord(err)) return undefined;
  const code = err.code;
  return typeof code === 'string' ? code : undefined;
}

/** Socket/TLS failures come as RestError without a status, or as plain Node errors, maybe wrapped. */
function fromTransport(err: unknown, context: ErrorContext | undefined): AppError | undefined {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 4 && isRecord(current); depth += 1) {
    const code = errorCodeOf(current);
    if (code) codes.push(code);
    current = current.cause;
  }
  const target = context?.target;
  if (codes.some((code) => TLS_ERROR_CODES.has(code))) {
    return new AppError({
      code: 'TlsError',
      status: 502,
      target,
      cause: err,
      userMessage: say(context, `the Azure endpoint's TLS certificate is not trusted.`),
    });
  }
  if (codes.some((code) => NETWORK_ERROR_CODES.has(code)) || (err instanceof Error && err.name === 'AbortError')) {
    return new AppError({
      code: 'NetworkError',
      status: 502,
      retryable: true,
      target,
      cause: err,
      userMessage: say(context, `Azure could not be reached. Check the network and try again.`),
    });
  }
  return undefined;
}

/** "The long-running operation has failed. ExtensionOperationFailed. Helm install failed: ..." */
export function parseLroFailure(message: string): { armCode?: string; armMessage?: string } | undefined {
  if (!message.startsWith(LRO_FAILURE_PREFIX)) return undefined;
  const rest = message.slice(LRO_FAILURE_PREFIX.length);
  const match = /^\. ([^\s.]+)\. ([\s\S]*)$/.exec(rest);
  if (!match) return {};
  return { armCode: match[1] === 'undefined' ? undefined : match[1], armMessage: match[2] };
}

/**
 * Translates anything thrown by an Azure call into an `AppError`. Call it once, at the seam; an
 * `AppError` passes through unchanged (the context of the first translation wins).
 */
export function toAppError(err: unknown, context?: ErrorContext): AppError {
  if (err instanceof AppError) return err;

  if (err instanceof Error) {
    const lro = parseLroFailure(err.message);
    if (lro) {
      const armMessage = cleanArmMessage(lro.armMessage);
      return new AppError({
        code: 'OperationFailed',
        // Azure accepted the request; the operation it started failed. Neither our fault (500)
        // nor a transport failure (502).
        status: 422,
        armCode: lro.armCode,
        target: context?.target,
        cause: err,
        userMessage: say(context, `the Azure operation failed${lro.armCode ? ` (${lro.armCode})` : ''}.${armMessage ? ` ${armMessage}` : ''}`),
      });
    }
  }

  if (isRestErrorLike(err)) {
    const status = err.statusCode ?? err.response?.status;
    if (typeof status === 'number' && status > 0) {
      return fromHttpStatus(status, armErrorOf(err), context, err);
    }
  }

  const transport = fromTransport(err, context);
  if (transport) return transport;

  return new AppError({
    code: 'Unexpected',
    status: 500,
    target: context?.target,
    cause: err,
    userMessage: say(context, `an unexpected error occurred.`),
  });
}
