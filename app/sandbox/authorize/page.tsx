import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';

import { NoticeList } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { authorizeSandboxUser, parseAuthorizeRequest, sandboxUsers } from '@/lib/auth/sandbox-authorize';
import { getPortalMode } from '@/lib/azure/environment';
import { getTranslations } from '@/lib/i18n/server';
import { findSandboxIdentity } from '@/lib/sandbox/identities';
import { signInOrigin } from '@/lib/security/request-origin';

import { roleLabel } from '../../signin/role-label';
import { AuthorizeForm } from './authorize-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signin.authorize');
  return { title: t('title') };
}
/** Per request: never prerendered. */
export const dynamic = 'force-dynamic';

/** The authorize parameters carried through the form (everything else is ignored). */
const CARRIED = ['response_type', 'client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'scope'] as const;

/**
 * The sandbox identity provider's authorize endpoint, served from the portal's origin because the
 * browser cannot trust the emulator's certificate (msal's `authorization_endpoint` points here).
 * With a `login_hint` naming a sandbox user (the sign-in page's one-click buttons) it signs that
 * user in at once, as Entra ID does for a hinted user with a session; otherwise it lists the users.
 */
export default async function SandboxAuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (getPortalMode() !== 'sandbox') notFound();
  const params = await searchParams;
  const origin = signInOrigin(await headers(), 'http://localhost', process.env);
  const request = parseAuthorizeRequest(params, origin);
  const t = await getTranslations('signin');
  if ('error' in request) {
    return (
      <>
        <PageHeader title={t('authorize.title')} />
        <NoticeList notices={[{ intent: 'error', title: t('authorize.invalidRequest'), message: request.error }]} />
      </>
    );
  }
  const hinted = request.loginHint ? findSandboxIdentity(request.loginHint) : undefined;
  // redirect() throws, so it stays outside any try.
  if (hinted) redirect(await authorizeSandboxUser(request, hinted.key, origin));

  const carried = Object.fromEntries(CARRIED.map((name) => [name, typeof params[name] === 'string' ? (params[name] as string) : '']));
  return (
    <>
      <PageHeader title={t('authorize.title')} subtitle={t('authorize.subtitle')} />
      <AuthorizeForm request={carried} users={sandboxUsers().map((user) => ({ key: user.key, name: user.name, upn: user.upn, role: roleLabel(user, t) }))} />
    </>
  );
}
