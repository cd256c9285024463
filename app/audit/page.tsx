import { AuditView } from '@/components/audit/audit-view';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { listAudit } from '@/lib/audit/audit';
import type { AuditPage } from '@/lib/audit/types';
import { getPageCredential } from '@/lib/auth/request-credential';
import { listSubscriptions } from '@/lib/azure/subscriptions';
import { toAppError } from '@/lib/errors';

/** Changes with every write: never prerendered. */
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Audit trail' };

type AuditData = { page: AuditPage | null; notices: Notice[] };

/**
 * The newest entries in the subscriptions the visitor can see (the API applies the same rule),
 * as values: no credential or a store failure is a notice.
 */
async function loadAudit(): Promise<AuditData> {
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential('/audit');
  try {
    const subscriptions = await listSubscriptions(credential);
    return { page: await listAudit({ subscriptionIds: subscriptions.map((s) => s.subscriptionId) }), notices: [] };
  } catch (error) {
    const appError = toAppError(error, { action: 'read the audit trail' });
    return { page: null, notices: [{ intent: 'error', title: 'The audit trail could not be read', message: appError.userMessage }] };
  }
}

/** What the portal did, for whom, and how it ended: newest first. */
export default async function AuditPageRoute() {
  const { page, notices } = await loadAudit();
  return (
    <>
      <PageHeader title="Audit trail" subtitle="Every install, update, delete and provider registration done through this portal, newest first." />
      <NoticeList notices={notices} />
      {page ? <AuditView initial={page} /> : null}
    </>
  );
}
