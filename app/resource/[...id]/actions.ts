'use server';

import { startExtensionDelete } from '@/lib/api/extension-management';
import { startExtensionUpdate } from '@/lib/deploy/update-service';
import { extensionUpdateSchema } from '@/lib/domain/update-request';
import { getAppErrorTranslator, getDomainText, getTranslations } from '@/lib/i18n/server';
import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import type { UpdateImpact } from '@/lib/domain/update-impact';
import { parseExtensionId } from '@/lib/domain/extension-id';
import type { Finding } from '@/lib/domain/preflight/types';
import { toAppError } from '@/lib/errors';

/** What the update dialog gets back: never a throw for an expected refusal. */
export type UpdateExtensionActionResult =
  | { status: 'started'; impacts: UpdateImpact[] }
  | { status: 'needs-confirmation'; impacts: UpdateImpact[] }
  | { status: 'refused'; findings: Finding[] }
  | { status: 'error'; message: string };

/** What the delete dialog gets back. */
export type DeleteExtensionActionResult = { status: 'started' } | { status: 'error'; message: string };

/** Updates an extension: authenticate, validate with the API's schema, then the same lib call as PATCH. */
export async function updateExtensionAction(extensionId: string, input: unknown): Promise<UpdateExtensionActionResult> {
  // Refusals before Azure is asked, in the reader's language; posts from any other origin are
  // refused before anything else (lib/auth/action-guard.ts).
  const t = await getTranslations('status.actions');
  if (!(await isSameOriginAction())) return { status: 'error', message: t('foreignOrigin') };
  const credential = await getActionCredential();
  if (!credential) return { status: 'error', message: t('notSignedIn') };
  const parsed = extensionUpdateSchema.safeParse(input);
  if (!parsed.success || !parseExtensionId(extensionId)) return { status: 'error', message: t('updateInvalid') };
  try {
    const outcome = await startExtensionUpdate(credential, extensionId, parsed.data, await getDomainText());
    return outcome.status === 'started' ? { status: 'started', impacts: outcome.impacts } : outcome;
  } catch (err) {
    return { status: 'error', message: (await getAppErrorTranslator())(toAppError(err, { action: 'update the extension' })) };
  }
}

/** Deletes an extension: authenticate, validate, then the same lib call as DELETE. */
export async function deleteExtensionAction(extensionId: string, force: boolean): Promise<DeleteExtensionActionResult> {
  const t = await getTranslations('status.actions');
  if (!(await isSameOriginAction())) return { status: 'error', message: t('foreignOrigin') };
  const credential = await getActionCredential();
  if (!credential) return { status: 'error', message: t('notSignedIn') };
  if (!parseExtensionId(extensionId) || typeof force !== 'boolean') return { status: 'error', message: t('deleteInvalid') };
  try {
    await startExtensionDelete(credential, extensionId, force);
    return { status: 'started' };
  } catch (err) {
    return { status: 'error', message: (await getAppErrorTranslator())(toAppError(err, { action: 'delete the extension' })) };
  }
}
