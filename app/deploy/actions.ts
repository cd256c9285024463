'use server';

import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import { createExtension, planExtension } from '@/lib/deploy/deploy-service';
import { registerProviderAudited } from '@/lib/deploy/provider-service';
import { formToCliRequest } from '@/lib/domain/cli-settings';
import { checkPemPair } from '@/lib/domain/pem-checks';
import { PEM_MAX_BYTES } from '@/lib/domain/settings-catalog';
import { getDomainText } from '@/lib/i18n/server';
import { statusPagePath } from '@/lib/ui/routes';

import { failure, forbidden, invalid, parseForm, toFieldErrors, unauthenticated } from './action-helpers';
import type { CheckPemResult, DeployExtensionResult, PlanDeploymentResult, RegisterProviderResult } from './action-types';

/** Provider namespaces the wizard may register: the ones preflight asks for, nothing else. */
const REGISTRABLE_PROVIDERS = new Set(['microsoft.kubernetesconfiguration', 'microsoft.relay']);
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The largest PEM the checks will read: the settings catalog's limit (a character is at least a byte). */
const MAX_PEM_CHARS = PEM_MAX_BYTES;

// Every action refuses posts from other origins (lib/auth/action-guard.ts), the read-only ones
// too: they receive PEM text and cost ARM calls, and no other site has a reason to call them.
// The dialect (values for what is expected, error.tsx for the rest) is action-helpers.ts's.

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
      effects: plan.effects,
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
