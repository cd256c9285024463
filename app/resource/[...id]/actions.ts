'use server';

import { failure, forbidden, invalid, unauthenticated } from '@/app/deploy/action-helpers';
import { startExtensionDelete } from '@/lib/api/extension-management';
import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import { parseExtensionId } from '@/lib/domain/extension-id';

import type { DeleteExtensionResult } from './action-types';

// The deploy actions' dialect (app/deploy/action-helpers.ts). Updates are the update wizard's
// (app/update/actions.ts).

/** Deletes an extension: same origin, signed in, a real extension id, then the same lib call as DELETE. */
export async function deleteExtensionAction(extensionId: string, force: boolean): Promise<DeleteExtensionResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  if (typeof extensionId !== 'string' || !parseExtensionId(extensionId) || typeof force !== 'boolean') return invalid('extensionId', 'notAnExtension');
  try {
    await startExtensionDelete(credential, extensionId, force);
    return { status: 'started' };
  } catch (error) {
    return failure(error, 'delete the extension');
  }
}
