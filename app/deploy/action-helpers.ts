import 'server-only';

import { formPathForCliKey, deployFormSchemaFor, type FormPurpose } from '@/lib/domain/deploy-schema';
import { toAppError, type ErrorAction } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { getAppErrorTranslator, getTranslations } from '@/lib/i18n/server';

import type { ActionFailure, FieldError } from './action-types';

/**
 * The one dialect of the portal's server actions (the wizard's, the update's, the status page's):
 * who is asking, is the input valid, then one service call. Expected failures come back as
 * {@link ActionFailure} values; only the unexpected (`Unexpected` AppErrors) are rethrown, to
 * reach error.tsx. Every message is in the language of the request.
 */

export async function unauthenticated(): Promise<ActionFailure> {
  const t = await getTranslations('deploy.actions');
  return { status: 'unauthenticated', message: t('unauthenticated') };
}

export async function forbidden(): Promise<ActionFailure> {
  const t = await getTranslations('deploy.actions');
  return { status: 'forbidden', message: t('forbidden') };
}

/** A message of the actions' own (not the domain's) in the request's language. */
export async function invalid(path: string, key: 'reloadReview' | 'pemTooLarge' | 'providerNotAllowed' | 'notAnExtension'): Promise<ActionFailure> {
  const t = await getTranslations('deploy.actions');
  return { status: 'invalid', errors: [{ path, message: t(key) }] };
}

/** CLI-vocabulary messages, moved to the form fields they belong to. */
export function toFieldErrors(errors: ReadonlyArray<{ key: string; message: string }>): FieldError[] {
  return errors.map(({ key, message }) => ({ path: formPathForCliKey(key), message }));
}

/** The form through the one schema, built in the reader's language; its issues are already keyed by form path. */
export function parseForm(form: unknown, text: DomainText, purpose: FormPurpose = 'install') {
  const parsed = deployFormSchemaFor(text, purpose).safeParse(form);
  if (parsed.success) return { ok: true as const, form: parsed.data };
  const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return { ok: false as const, failure: { status: 'invalid', errors } satisfies ActionFailure };
}

/** An Azure failure as a value in the reader's language, or a rethrow when it is a bug (those belong to error.tsx). */
export async function failure(error: unknown, action: ErrorAction): Promise<ActionFailure> {
  const appError = toAppError(error, { action });
  if (appError.code === 'Unexpected') throw error;
  const messageOf = await getAppErrorTranslator();
  return { status: 'failed', code: appError.code, message: messageOf(appError), retryable: appError.retryable };
}
