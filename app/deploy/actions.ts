'use server';

import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import { createExtension, planExtension } from '@/lib/deploy/deploy-service';
import { registerProviderAudited } from '@/lib/deploy/provider-service';
import { formToCliRequest } from '@/lib/domain/cli-settings';
import { deployFormSchemaFor, formPathForCliKey } from '@/lib/domain/deploy-schema';
import { checkPemPair } from '@/lib/domain/pem-checks';
import { toAppError, type ErrorAction } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { getAppErrorTranslator, getDomainText, getTranslations } from '@/lib/i18n/server';
import { statusPagePath } from '@/lib/ui/routes';

import type {
  ActionFailure,
  CheckPemResult,
  DeployExtensionResult,
  FieldError,
  PlanDeploymentResult,
  RegisterProviderResult,
} from './action-types';

// Actions are thin: who is asking, is the input valid, then one domain/service call. Expected
// failures come back as values; only the unexpected ('Unexpected' AppErrors) reach error.tsx.
// Every message is in the language of the request (the reader's cookie or Accept-Language), so a
// server message lands at its field in the same language as the browser's own validation.

async function unauthenticated(): Promise<ActionFailure> {
  const t = await getTranslations('deploy.actions');
  return { status: 'unauthenticated', message: t('unauthenticated') };
}

/** Provider namespaces the wizard may register: the ones preflight asks for, nothing else. */
const REGISTRABLE_PROVIDERS = new Set(['microsoft.kubernetesconfiguration', 'microsoft.relay']);
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The largest PEM the checks will read; matches the domain's own limit with room for both files. */
const MAX_PEM_CHARS = 64 * 1024;

// Every action refuses posts from other origins (lib/auth/action-guard.ts), the read-only ones
// too: they receive PEM text and cost ARM calls, and no other site has a reason to call them.
async function forbidden(): Promise<ActionFailure> {
  const t = await getTranslations('deploy.actions');
  return { status: 'forbidden', message: t('forbidden') };
}

/** A message of this file's own (not the domain's) in the request's language. */
async function invalid(path: string, key: 'reloadReview' | 'pemTooLarge' | 'providerNotAllowed'): Promise<ActionFailure> {
  const t = await getTranslations('deploy.actions');
  return { status: 'invalid', errors: [{ path, message: t(key) }] };
}

/** CLI-vocabulary messages, moved to the form fields they belong to. */
function toFieldErrors(errors: ReadonlyArray<{ key: string; message: string }>): FieldError[] {
  return errors.map(({ key, message }) => ({ path: formPathForCliKey(key), message }));
}

/** The form through the one schema, built in the reader's language; its issues are already keyed by form path. */
function parseForm(form: unknown, text: DomainText) {
  const parsed = deployFormSchemaFor(text).safeParse(form);
  if (parsed.success) return { ok: true as const, form: parsed.data };
  const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return { ok: false as const, failure: { status: 'invalid', errors } satisfies ActionFailure };
}

/** An Azure failure as a value in the reader's language, or a rethrow when it is a bug (those belong to error.tsx). */
async function failure(error: unknown, action: ErrorAction): Promise<ActionFailure> {
  const appError = toAppError(error, { action });
  if (appError.code === 'Unexpected') throw error;
  const messageOf = await getAppErrorTranslator();
  return { status: 'failed', code: appError.code, message: messageOf(appError), retryable: appError.retryable };
}

/** The ARM body (protected values masked), the equivalent az command, Bicep and Terraform, and the findings, for the review. */
export async function planDeploymentAction(form: unknown): Promise<PlanDeploymentResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  const text = await getDomainText();
  const parsed = parseForm(form, text);
  if (!parsed.ok) return parsed.failure;
  try {
    const plan = await planExtension(credential, formToCliRequest(parsed.form), text);
    if (!plan.ok) return { status: 'invalid', errors: toFieldErrors(plan.errors) };
    return {
      status: 'planned',
      extension: plan.extension,
      azCommand: plan.azCommand,
      exports: plan.exports,
      warnings: toFieldErrors(plan.warnings),
      findings: plan.findings,
    };
  } catch (error) {
    return failure(error, 'plan the deployment');
  }
}

/**
 * Creates the extension. `idempotencyKey` is generated once per review in the browser, so a
 * double click or a retried request creates one extension, not two.
 */
export async function deployExtensionAction(form: unknown, idempotencyKey: string): Promise<DeployExtensionResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  if (typeof idempotencyKey !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(idempotencyKey)) {
    return invalid('idempotencyKey', 'reloadReview');
  }
  const text = await getDomainText();
  const parsed = parseForm(form, text);
  if (!parsed.ok) return parsed.failure;
  try {
    const created = await createExtension(credential, formToCliRequest(parsed.form), { idempotencyKey }, text);
    if (created.ok) return { status: 'created', id: created.id, statusUrl: created.statusUrl, resourcePath: statusPagePath(created.id) };
    if ('findings' in created) return { status: 'blocked', findings: created.findings };
    return { status: 'invalid', errors: toFieldErrors(created.errors) };
  } catch (error) {
    return failure(error, 'install the Azure Machine Learning extension');
  }
}

/**
 * The cryptographic PEM checks (they need node:crypto, so they run here). Answers errors,
 * warnings and the certificate's public summary, never the key or any PEM text.
 */
export async function checkPemAction(input: { certPem: string; keyPem: string; sslCname: string }): Promise<CheckPemResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  const certPem = typeof input?.certPem === 'string' ? input.certPem : '';
  const keyPem = typeof input?.keyPem === 'string' ? input.keyPem : '';
  const sslCname = typeof input?.sslCname === 'string' ? input.sslCname : '';
  if (certPem.length > MAX_PEM_CHARS || keyPem.length > MAX_PEM_CHARS) {
    return invalid('tls.certPem', 'pemTooLarge');
  }
  const result = checkPemPair({ certPem, keyPem, sslCname }, await getDomainText());
  return {
    status: 'checked',
    errors: toFieldErrors(result.errors),
    warnings: toFieldErrors(result.warnings),
    ...(result.certificate ? { certificate: result.certificate } : {}),
  };
}

/** Registers a resource provider a preflight finding asked for, and waits until it is Registered. */
export async function registerProviderAction(subscriptionId: string, namespace: string): Promise<RegisterProviderResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  if (typeof subscriptionId !== 'string' || !SUBSCRIPTION_ID.test(subscriptionId) || typeof namespace !== 'string' || !REGISTRABLE_PROVIDERS.has(namespace.toLowerCase())) {
    return invalid('provider', 'providerNotAllowed');
  }
  try {
    const state = await registerProviderAudited(credential, subscriptionId, namespace);
    return { status: 'registered', namespace: state.namespace, registrationState: state.registrationState };
  } catch (error) {
    return failure(error, `register ${namespace}`);
  }
}
