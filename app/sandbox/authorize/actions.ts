'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';

import { isSameOriginAction } from '@/lib/auth/action-guard';
import { originOf } from '@/lib/auth/request-credential';
import { authorizeSandboxUser, parseAuthorizeRequest } from '@/lib/auth/sandbox-authorize';
import { getPortalMode } from '@/lib/azure/environment';

/** What the authorize page shows when a choice could not be honoured. */
export type ChooseSandboxUserResult = { status: 'error'; message: string };

/**
 * The sandbox authority's "user picked an account" step: the form carries the authorize request
 * back (as hidden fields) with the chosen user. No session is needed (this IS sign-in), but the
 * post must come from this page, and the request is validated again as on the page.
 */
export async function chooseSandboxUserAction(formData: FormData): Promise<ChooseSandboxUserResult> {
  if (getPortalMode() !== 'sandbox') return { status: 'error', message: 'The sandbox identity provider runs in sandbox mode only.' };
  if (!(await isSameOriginAction())) return { status: 'error', message: 'This request did not come from the portal’s own page; reload the page and try again.' };
  const origin = originOf(await headers());
  const fields = Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const request = parseAuthorizeRequest(fields, origin);
  if ('error' in request) return { status: 'error', message: request.error };
  let callback: string;
  try {
    callback = await authorizeSandboxUser(request, fields.user ?? '', origin);
  } catch (err) {
    return { status: 'error', message: err instanceof Error ? err.message : 'The sandbox identity provider refused the sign-in.' };
  }
  // Outside the try: redirect() throws to do its work.
  redirect(callback);
}
