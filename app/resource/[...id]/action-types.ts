/**
 * What the status page's server actions answer, in the deploy actions' dialect
 * (app/deploy/action-types.ts): expected outcomes are values, the unexpected reach error.tsx.
 */
import type { ActionFailure } from '@/app/deploy/action-types';

/** `deleteExtensionAction`: ARM accepted the delete, or why not. */
export type DeleteExtensionResult = { status: 'started' } | ActionFailure;

/** The one sentence a dialog shows for any failure of an action. */
export function failureMessage(result: ActionFailure): string {
  return result.status === 'invalid' ? result.errors.map((error) => error.message).join(' ') : result.message;
}
