'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';

import { isSameOriginAction } from '@/lib/auth/action-guard';
import { authorizeSandboxUser, parseAuthorizeRequest } from '@/lib/auth/sandbox-authorize';
import { getPortalMode } from '@/lib/azure/environment';
import { getTranslations } from '@/lib/i18n/server';
import { findSandboxIdentity } from '@/lib/sandbox/identities';
import { signInOrigin } from '@/lib/security/request-origin';

/** What the authorize page shows when a choice could not be honoured. */
export type ChooseSandboxUserResult = { status: 'error'; message: string };

/**
 * The sandbox authority's "user picked an account" step: the form carries the authorize request
 * back (as hidden fields) with the chosen user. No session is needed (this IS sign-in), but the
 * post must come from this page, and the request is validated again as on the page.
 */
export async function chooseSandboxUserAction(formData: FormData): Promise<ChooseSandboxUserResult> {
  const t = await getTranslations('signin.authorize');
  if (getPortalMode() !== 'sandbox') return { status: 'error', message: t('sandboxOnly') };
  if (!(await isSameOriginAction())) return { status: 'error', message: t('foreignOrigin') };
  const origin = signInOrigin(await headers(), 'http://localhost', process.env);
  const fields = Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const request = parseAuthorizeRequest(fields, origin);
  if ('error' in request) return { status: 'error', message: request.error };
  let callback: string;
  try {
    callback = await authorizeSandboxUser(request, fields.user ?? '', origin);
  } catch {
    // lib/auth's errors are English sentences; the two a visitor can meet here are worded again in their language.
    return { status: 'error', message: findSandboxIdentity(fields.user ?? '') ? t('refused') : t('unknownUser') };
  }
  // Outside the try: redirect() throws to do its work.
  redirect(callback);
}
