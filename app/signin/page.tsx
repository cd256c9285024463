import type { Metadata } from 'next';

import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { safeReturnTo } from '@/lib/auth/return-to';
import { sandboxUsers } from '@/lib/auth/sandbox-authorize';
import { getPortalMode } from '@/lib/azure/environment';

import { SignInPanel } from './sign-in-panel';

export const metadata: Metadata = { title: 'Sign in' };
/** Per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

/** What the sign-in page says about why the visitor is here. */
const REASONS: Readonly<Record<string, Notice>> = {
  expired: { intent: 'warning', title: 'Your sign-in has expired', message: 'Sign in again to continue where you were.' },
  'signed-out': { intent: 'success', title: 'You are signed out', message: 'Your tokens were removed from the portal.' },
  failed: { intent: 'error', title: 'Sign-in did not complete', message: 'The sign-in was refused or came back without the request the portal started. Try again.' },
};

/**
 * `/signin?returnTo=&reason=`: live mode offers "Sign in with Microsoft"; sandbox mode lists the
 * sandbox users (lib/sandbox/identities.ts) for one-click sign-in. The proxy sends visitors
 * without a session here; pages send expired sessions here with `reason=expired`.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnTo(params.returnTo);
  const reason = typeof params.reason === 'string' ? REASONS[params.reason] : undefined;
  const mode = getPortalMode();
  const users = mode === 'sandbox' ? sandboxUsers().map(({ name, upn, role }) => ({ name, upn, role })) : [];
  return (
    <>
      <PageHeader
        title="Sign in"
        subtitle={
          mode === 'live'
            ? 'The portal acts as you: Azure role assignments decide what you can see and change.'
            : 'Choose a sandbox user. Each has different Azure roles, so you can see what a reader or a contributor meets.'
        }
      />
      <NoticeList notices={reason ? [reason] : []} />
      <SignInPanel mode={mode} returnTo={returnTo} users={users} />
    </>
  );
}
