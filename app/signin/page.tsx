import type { Metadata } from 'next';

import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { safeReturnTo } from '@/lib/auth/return-to';
import { sandboxUsers } from '@/lib/auth/sandbox-authorize';
import { getPortalMode } from '@/lib/azure/environment';
import { getTranslations } from '@/lib/i18n/server';

import { roleLabel } from './role-label';
import { SignInPanel } from './sign-in-panel';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signin');
  return { title: t('title') };
}
/** Per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

/** What the sign-in page says about why the visitor is here: the `reason` parameter, its notice's intent and messages (`signin.reasons.*`). */
const REASONS = {
  expired: { intent: 'warning', key: 'expired' },
  'signed-out': { intent: 'success', key: 'signedOut' },
  failed: { intent: 'error', key: 'failed' },
} as const satisfies Record<string, { intent: Notice['intent']; key: string }>;

function isReason(value: unknown): value is keyof typeof REASONS {
  return typeof value === 'string' && Object.hasOwn(REASONS, value);
}

/**
 * `/signin?returnTo=&reason=`: live mode offers "Sign in with Microsoft"; sandbox mode lists the
 * sandbox users (lib/sandbox/identities.ts) for one-click sign-in. The proxy sends visitors
 * without a session here; pages send expired sessions here with `reason=expired`.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnTo(params.returnTo);
  const t = await getTranslations('signin');
  const reasonOf = isReason(params.reason) ? REASONS[params.reason] : undefined;
  const reason: Notice | undefined = reasonOf
    ? { intent: reasonOf.intent, title: t(`reasons.${reasonOf.key}.title`), message: t(`reasons.${reasonOf.key}.message`) }
    : undefined;
  const mode = getPortalMode();
  const users = mode === 'sandbox' ? sandboxUsers().map((user) => ({ name: user.name, upn: user.upn, role: roleLabel(user, t) })) : [];
  return (
    <>
      <PageHeader title={t('title')} subtitle={mode === 'live' ? t('subtitleLive') : t('subtitleSandbox')} />
      <NoticeList notices={reason ? [reason] : []} />
      <SignInPanel mode={mode} returnTo={returnTo} users={users} />
    </>
  );
}
