'use server';

import { failure, forbidden, invalid, parseForm, toFieldErrors, unauthenticated } from '@/app/deploy/action-helpers';
import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import { planFormUpdate, startFormUpdate } from '@/lib/deploy/update-service';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { getDomainText } from '@/lib/i18n/server';
import { statusPagePath } from '@/lib/ui/routes';

import type { PlanUpdateResult, UpdateExtensionResult } from './action-types';

// The deploy actions' dialect (app/deploy/action-helpers.ts): same-origin posts only, a signed-in
// caller, the one form schema (for an update: the PEM pair on file may be kept), then one call.

/** Who asks and what: same origin, signed in, a real extension id, answers through the update's schema. */
async function checkRequest(extensionId: unknown, form: unknown) {
  if (!(await isSameOriginAction())) return { ok: false as const, failure: await forbidden() };
  const credential = await getActionCredential();
  if (!credential) return { ok: false as const, failure: await unauthenticated() };
  if (typeof extensionId !== 'string' || !parseExtensionId(extensionId)) return { ok: false as const, failure: await invalid('extensionId', 'notAnExtension') };
  const text = await getDomainText();
  const parsed = parseForm(form, text, 'update');
  if (!parsed.ok) return { ok: false as const, failure: parsed.failure };
  return { ok: true as const, credential, text, answers: parsed.form };
}

/** The review of an update: the PATCH it will send, protected values masked, its impacts and findings. */
export async function planUpdateAction(extensionId: string, form: unknown): Promise<PlanUpdateResult> {
  const checked = await checkRequest(extensionId, form);
  if (!checked.ok) return checked.failure;
  const { credential, text, answers } = checked;
  try {
    const planned = await planFormUpdate(credential, extensionId, answers, text);
    if (!planned.ok) return { status: 'invalid', errors: toFieldErrors(planned.errors) };
    return { status: 'planned', ...planned.plan };
  } catch (error) {
    return failure(error, 'update the extension');
  }
}

/** Sends the update; with impacts, only once `confirmImpacts` says the user confirmed them. */
export async function updateExtensionAction(extensionId: string, form: unknown, confirmImpacts: boolean): Promise<UpdateExtensionResult> {
  const checked = await checkRequest(extensionId, form);
  if (!checked.ok) return checked.failure;
  const { credential, text, answers } = checked;
  try {
    const outcome = await startFormUpdate(credential, extensionId, answers, confirmImpacts === true, text);
    switch (outcome.status) {
      case 'invalid':
        return { status: 'invalid', errors: toFieldErrors(outcome.errors) };
      case 'refused':
        return { status: 'blocked', findings: outcome.findings };
      case 'needs-confirmation':
        return outcome;
      case 'started':
        return { status: 'started', resourcePath: statusPagePath(extensionId) };
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  } catch (error) {
    return failure(error, 'update the extension');
  }
}
