'use server';

import { extensionUpdateSchema, startExtensionDelete, startExtensionUpdate } from '@/lib/api/extension-management';
import { getDomainText } from '@/lib/i18n/server';
import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import type { UpdateImpact } from '@/lib/domain/update-impact';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { toAppError } from '@/lib/errors';

/** What the update dialog gets back: never a throw for an expected refusal. */
export type UpdateExtensionActionResult =
  | { status: 'started'; impacts: UpdateImpact[] }
  | { status: 'needs-confirmation'; impacts: UpdateImpact[] }
  | { status: 'error'; message: string };

/** What the delete dialog gets back. */
export type DeleteExtensionActionResult = { status: 'started' } | { status: 'error'; message: string };

/** Posts from any other origin are refused before anything else (lib/auth/action-guard.ts). */
const FOREIGN_ORIGIN = 'This request did not come from the portal’s own page; reload the page and try again.';

const NOT_SIGNED_IN = 'Your session has ended: sign in again to change extensions.';

/** Updates an extension: authenticate, validate with the API's schema, then the same lib call as PATCH. */
export async function updateExtensionAction(extensionId: string, input: unknown): Promise<UpdateExtensionActionResult> {
  if (!(await isSameOriginAction())) return { status: 'error', message: FOREIGN_ORIGIN };
  const credential = await getActionCredential();
  if (!credential) return { status: 'error', message: NOT_SIGNED_IN };
  const parsed = extensionUpdateSchema.safeParse(input);
  if (!parsed.success || !parseExtensionId(extensionId)) return { status: 'error', message: 'The update is not valid.' };
  try {
    const outcome = await startExtensionUpdate(credential, extensionId, parsed.data, await getDomainText());
    return outcome.status === 'needs-confirmation' ? outcome : { status: 'started', impacts: outcome.impacts };
  } catch (err) {
    return { status: 'error', message: toAppError(err, { action: 'update the extension' }).userMessage };
  }
}

/** Deletes an extension: authenticate, validate, then the same lib call as DELETE. */
export async function deleteExtensionAction(extensionId: string, force: boolean): Promise<DeleteExtensionActionResult> {
  if (!(await isSameOriginAction())) return { status: 'error', message: FOREIGN_ORIGIN };
  const credential = await getActionCredential();
  if (!credential) return { status: 'error', message: NOT_SIGNED_IN };
  if (!parseExtensionId(extensionId) || typeof force !== 'boolean') return { status: 'error', message: 'The delete request is not valid.' };
  try {
    await startExtensionDelete(credential, extensionId, force);
    return { status: 'started' };
  } catch (err) {
    return { status: 'error', message: toAppError(err, { action: 'delete the extension' }).userMessage };
  }
}
