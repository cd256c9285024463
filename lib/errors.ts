/**
 * The portal's one error type, and the one place Azure failures are translated into it.
 *
 * Azure modules call `toAppError` exactly once, where the SDK call fails; everything above them
 * (actions, API routes, pages) only sees `AppError`. `userMessage` is what a user may read: it is
 * built from ARM's own code and message (which never carry credentials) after redaction, never
 * from request objects, headers or bodies we sent.
 *
 * Every message is written in two steps: an `AppErrorText` (a key of the `errors` namespace, its
 * values, and Azure's own words) that any language can render, and `userMessage`, its English
 * rendering, for logs, the audit trail and tests. What the reader sees is translated at the
 * boundary (`translateAppError` in lib/i18n/server.ts, `lib/api/respond.ts`).
 *
 * Pure: no I/O and no `server-only`, so client code may import the type and the codes.
 */
import type { MessageValues } from '@/lib/i18n/domain-text';
import { englishErrorText, type ErrorActionKey, type ErrorMessageKey, type ErrorText } from '@/lib/i18n/error-text';

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
  'IdempotencyKeyReused',
  'Unexpected',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** What the portal was doing when Azure failed, as a key of `errors.actions` and its values. */
export type ActionText = { key: ErrorActionKey; values?: MessageValues };

/**
 * A user message in any language: `key` (with `values`) is the sentence in the `errors`
 * namespace. `framed` marks toAppError's sentences, which are said in a context: "Could not
 * <action>: <sentence>", or the sentence capitalised when there is no action. `detail` is Azure's
 * own (redacted) message, appended as it is: the portal cannot translate what Azure wrote.
 */
export interface AppErrorText {
  key: ErrorMessageKey;
  values?: MessageValues;
  framed?: { action?: ActionText };
  detail?: string;
}

interface AppErrorBase {
  code: AppErrorCode;
  status: number;
  retryable?: boolean;
  target?: string;
  /** ARM's own error code (`MissingSubscriptionRegistration`, `ExtensionOperationFailed`, ...). */
  armCode?: string;
  /** How long Azure asked to wait before a retry (its `Retry-After`), passed on to API callers. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * `userText` for every message a user may read (its English rendering becomes `userMessage`);
 * a bare `userMessage` only for tests and fakes, where no reader needs another language.
 */
export type AppErrorOptions = AppErrorBase & ({ userText: AppErrorText; userMessage?: undefined } | { userMessage: string; userText?: undefined });

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** The message in English: what logs, the audit trail and tests read. */
  readonly userMessage: string;
  /** The message in any language ({@link appErrorText}); undefined for a bare `userMessage`. */
  readonly userText?: AppErrorText;
  readonly retryable: boolean;
  readonly status: number;
  readonly target?: string;
  readonly armCode?: string;
  readonly retryAfterSeconds?: number;

  constructor(options: AppErrorOptions) {
    const userMessage = options.userText ? renderAppErrorText(options.userText, englishErrorText) : options.userMessage;
    super(userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.userMessage = userMessage;
    this.userText = options.userText;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.target = options.target;
    this.armCode = options.armCode;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One {@link AppErrorText} in the language of `text`. */
export function renderAppErrorText(userText: AppErrorText, text: ErrorText): string {
  const sentence = text(userText.key, userText.values);
  const action = userText.framed?.action;
  let said = sentence;
  if (action) said = text('couldNot', { action: text(action.key, action.values), reason: sentence });
  else if (userText.framed) said = capitalise(sentence);
  return userText.detail ? `${said} ${userText.detail}` : said;
}

/** What the user reads of an AppError, in the language of `text` (English: its `userMessage`). */
export function appErrorText(error: AppError, text: ErrorText): string {
  return error.userText ? renderAppErrorText(error.userText, text) : error.userMessage;
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * Every "what the portal was doing" phrase, with its key in `errors.actions` (whose English must
 * read the same: errors.test.ts checks). A new phrase is a type error until it is added here.
 */
const FIXED_ACTIONS = {
  'list clusters': 'actions.listClusters',
  'list your subscriptions': 'actions.listSubscriptions',
  'read the cluster': 'actions.readCluster',
  'check the cluster before installing': 'actions.checkCluster',
  'plan the install': 'actions.planInstall',
  'plan the deployment': 'actions.planDeployment',
  'install the extension': 'actions.installExtension',
  'install the Azure Machine Learning extension': 'actions.installAzureMlExtension',
  'list the extensions of the cluster': 'actions.listClusterExtensions',
  'list the Azure Machine Learning extensions': 'actions.listAzureMlExtensions',
  'query the Azure Machine Learning extensions': 'actions.queryAzureMlExtensions',
  'read the extension': 'actions.readExtension',
  'read the extension status': 'actions.readExtensionStatus',
  'update the extension': 'actions.updateExtension',
  'delete the extension': 'actions.deleteExtension',
  'read the azureml namespace': 'actions.readAzuremlNamespace',
  "reach the cluster's Kubernetes API": 'actions.reachKubernetesApi',
  'run a command on the cluster': 'actions.runCommand',
  'set up Azure Relay for the cluster': 'actions.setUpRelay',
  'read the audit trail': 'actions.readAuditTrail',
  'list the Azure Machine Learning workspaces': 'actions.listWorkspaces',
  'attach the cluster to the workspace': 'actions.attachCompute',
  'read the compute': 'actions.readCompute',
  'list the computes of the workspace': 'actions.listComputes',
  'detach the compute': 'actions.detachCompute',
  'write the instance type': 'actions.writeInstanceType',
  'delete the instance type': 'actions.deleteInstanceType',
  'read the instance types': 'actions.readInstanceTypes',
} as const satisfies Record<string, ErrorActionKey>;

/** Phrases naming a provider or a subscription: the pattern, its key and the value it captures. */
export const PARAMETRIZED_ACTIONS = [
  { pattern: /^read the registration of (.+)$/, key: 'actions.readProviderRegistration', value: 'namespace' },
  { pattern: /^register (.+)$/, key: 'actions.registerProvider', value: 'namespace' },
  { pattern: /^list the clusters of subscription (.+)$/, key: 'actions.listSubscriptionClusters', value: 'subscriptionId' },
] as const satisfies ReadonlyArray<{ pattern: RegExp; key: ErrorActionKey; value: string }>;

/** What the portal was doing, as a verb phrase in English: "list clusters", "register Microsoft.Relay". */
export type ErrorAction =
  | keyof typeof FIXED_ACTIONS
  | `read the registration of ${string}`
  | `register ${string}`
  | `list the clusters of subscription ${string}`;

/** Every fixed action phrase and its key (for tests). */
export const ERROR_ACTIONS: Readonly<Record<string, ErrorActionKey>> = FIXED_ACTIONS;

/** The key and values of an action phrase; undefined only for a phrase forced past the type. */
export function actionText(action: ErrorAction): ActionText | undefined {
  const fixed = ERROR_ACTIONS[action];
  if (fixed) return { key: fixed };
  for (const { pattern, key, value } of PARAMETRIZED_ACTIONS) {
    const match = pattern.exec(action);
    if (match) return { key, values: { [value]: match[1] } };
  }
  return undefined;
}

export interface ErrorContext {
  /** What the portal was doing, as a verb phrase: "list clusters", "install the extension". */
  action?: ErrorAction;
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
  response?: { status?: number; bodyAsText?: string | null; parsedBody?: unknown; headers?: { get(name: string): string | undefined } };
}

/**
 * ARM's `Retry-After` on a 429, in whole seconds (delta-seconds or an HTTP date), or undefined.
 * The SDKs already waited it out on their retries; what is left is the wait the user is told.
 */
function retryAfterSeconds(err: RestErrorLike, now = Date.now()): number | undefined {
  const raw = err.response?.headers?.get?.('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Math.ceil((Date.parse(raw) - now) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
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

/**
 * A toAppError sentence said in its context: "Could not list clusters: the subscription ..." with
 * an action; "The subscription ..." without. `detail`, Azure's own words, follows as it is.
 */
function say(context: ErrorContext | undefined, key: ErrorMessageKey, values?: MessageValues, detail?: string): AppErrorText {
  const action = context?.action === undefined ? undefined : actionText(context.action);
  return { key, values, framed: { action }, detail: detail || undefined };
}

function cleanArmMessage(message: string | undefined): string {
  const text = redactSecrets((message ?? '').trim());
  // classic clients fall back to the raw body when ARM sent no JSON error; do not show JSON soup
  if (!text || text.startsWith('{') || text.startsWith('<')) return '';
  return text;
}

/** ARM's AuthorizationFailed message names the action (the permission) and the scope; pull them out. */
function describeAuthorizationFailure(message: string, fallbackTarget?: string): { key: ErrorMessageKey; values: MessageValues } {
  const permission = /perform action '([^']+)'/i.exec(message)?.[1];
  const scope = /over scope '([^']+)'/i.exec(message)?.[1] ?? fallbackTarget;
  if (permission) {
    return scope
      ? { key: 'azure.missingPermissionOnScope', values: { permission, scope } }
      : { key: 'azure.missingPermission', values: { permission } };
  }
  return scope ? { key: 'azure.forbiddenOnScope', values: { scope } } : { key: 'azure.forbidden', values: {} };
}

/** "... not registered to use namespace 'Microsoft.KubernetesConfiguration' ..." */
function missingProviderNamespace(message: string): string | undefined {
  return /namespace '([^']+)'/i.exec(message)?.[1];
}

function fromHttpStatus(status: number, arm: ArmErrorBody, context: ErrorContext | undefined, cause: unknown, retryAfter?: number): AppError {
  const detail = cleanArmMessage(arm.message);
  const target = context?.target ?? arm.target;
  const base = { armCode: arm.code, target, cause };

  if (status === 401) {
    return new AppError({ ...base, code: 'Unauthenticated', status: 401, userText: say(context, 'azure.unauthenticated') });
  }
  if (status === 403) {
    const { key, values } = describeAuthorizationFailure(arm.message ?? '', target);
    return new AppError({ ...base, code: 'AuthorizationFailed', status: 403, userText: say(context, key, values) });
  }
  if (status === 404) {
    return new AppError({
      ...base,
      code: 'ResourceNotFound',
      status: 404,
      userText: target ? say(context, 'azure.targetNotFound', { target }, detail) : say(context, 'azure.notFound', undefined, detail),
    });
  }
  if (arm.code === 'MissingSubscriptionRegistration') {
    const namespace = missingProviderNamespace(arm.message ?? '') ?? arm.target;
    return new AppError({
      ...base,
      code: 'MissingSubscriptionRegistration',
      status: 409,
      userText: namespace ? say(context, 'azure.providerNotRegistered', { namespace }) : say(context, 'azure.someProviderNotRegistered'),
    });
  }
  if (status === 409) {
    return new AppError({ ...base, code: 'Conflict', status: 409, retryable: true, userText: say(context, 'azure.conflict', undefined, detail) });
  }
  if (status === 429) {
    const userText = retryAfter === undefined ? say(context, 'azure.throttled') : say(context, 'azure.throttledRetryAfter', { seconds: retryAfter });
    return new AppError({ ...base, code: 'Throttled', status: 429, retryable: true, retryAfterSeconds: retryAfter, userText });
  }
  if (status >= 500) {
    return new AppError({
      ...base,
      code: 'AzureUnavailable',
      status: 503,
      retryable: true,
      userText: say(context, 'azure.serverError', { status }, detail),
    });
  }
  return new AppError({
    ...base,
    code: 'BadRequest',
    status: 400,
    userText: arm.code ? say(context, 'azure.rejectedWithCode', { armCode: arm.code }, detail) : say(context, 'azure.rejected', undefined, detail),
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
    return new AppError({ code: 'TlsError', status: 502, target, cause: err, userText: say(context, 'azure.tlsUntrusted') });
  }
  if (codes.some((code) => NETWORK_ERROR_CODES.has(code)) || (err instanceof Error && err.name === 'AbortError')) {
    return new AppError({ code: 'NetworkError', status: 502, retryable: true, target, cause: err, userText: say(context, 'azure.unreachable') });
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
      const detail = cleanArmMessage(lro.armMessage);
      return new AppError({
        code: 'OperationFailed',
        // Azure accepted the request; the operation it started failed. Neither our fault (500)
        // nor a transport failure (502).
        status: 422,
        armCode: lro.armCode,
        target: context?.target,
        cause: err,
        userText: lro.armCode
          ? say(context, 'azure.operationFailedWithCode', { armCode: lro.armCode }, detail)
          : say(context, 'azure.operationFailed', undefined, detail),
      });
    }
  }

  if (isRestErrorLike(err)) {
    const status = err.statusCode ?? err.response?.status;
    if (typeof status === 'number' && status > 0) {
      return fromHttpStatus(status, armErrorOf(err), context, err, retryAfterSeconds(err));
    }
  }

  const transport = fromTransport(err, context);
  if (transport) return transport;

  return new AppError({ code: 'Unexpected', status: 500, target: context?.target, cause: err, userText: say(context, 'azure.unexpected') });
}
