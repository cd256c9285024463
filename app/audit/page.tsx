import { AuditView } from '@/components/audit/audit-view';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { listAudit } from '@/lib/audit/audit';
import type { AuditPage } from '@/lib/audit/types';
import { getPageCredential } from '@/lib/auth/request-credential';
import { listSubscriptions } from '@/lib/azure/subscriptions';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getTranslations } from '@/lib/i18n/server';

/** Changes with every write: never prerendered. */
export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('audit');
  return { title: t('title') };
}

type AuditData = { page: AuditPage | null; notices: Notice[] };

/**
 * The newest entries in the subscriptions the visitor can see (the API applies the same rule),
 * as values: no credential or a store failure is a notice.
 */
async function loadAudit(): Promise<AuditData> {
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential('/audit');
  const t = await getTranslations('audit');
  try {
    const subscriptions = await listSubscriptions(credential);
    return { page: await listAudit({ subscriptionIds: subscriptions.map((s) => s.subscriptionId) }), notices: [] };
  } catch (error) {
    const appError = toAppError(error, { action: 'read the audit trail' });
    const messageOf = await getAppErrorTranslator();
    return { page: null, notices: [{ intent: 'error', title: t('readFailed'), message: messageOf(appError) }] };
  }
}

/** What the portal did, for whom, and how it ended: newest first. */
export default async function AuditPageRoute() {
  const { page, notices } = await loadAudit();
  const t = await getTranslations('audit');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <NoticeList notices={notices} />
      {page ? <AuditView initial={page} /> : null}
    </>
  );
}
