import { AuditFilters, type SubscriptionOption } from '@/components/audit/audit-filters';
import { AuditView } from '@/components/audit/audit-view';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { listAudit } from '@/lib/audit/audit';
import { auditFilterParams, parseAuditFilter, type AuditFilter } from '@/lib/audit/filter';
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

type SearchParams = Record<string, string | string[] | undefined>;

interface AuditData {
  page: AuditPage | null;
  /** What the URL asked for, valid or not: the form shows it back. */
  given: AuditFilter;
  /** The filters applied (only when valid). */
  applied: AuditFilter;
  subscriptions: SubscriptionOption[];
  notices: Notice[];
}

/** The page URL's query as URLSearchParams (a repeated parameter counts by its first value, as the API reads it). */
function queryOf(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

/**
 * The newest entries matching the URL's filters in the subscriptions the visitor can see (the API
 * applies the same rules), as values: no credential, a bad filter or a store failure is a notice.
 */
async function loadAudit(searchParams: SearchParams): Promise<AuditData> {
  const query = queryOf(searchParams);
  const parsed = parseAuditFilter(query);
  const search = query.toString();
  // No session: getPageCredential redirects to sign-in and back here, filters included.
  const credential = await getPageCredential(search ? `/audit?${search}` : '/audit');
  const t = await getTranslations('audit');
  let subscriptions: SubscriptionOption[] = [];
  try {
    subscriptions = (await listSubscriptions(credential)).map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.displayName }));
    if (!parsed.ok) {
      const problems = await getTranslations('audit.filterErrors');
      const notice: Notice = { intent: 'error', title: t('filters.invalid'), message: problems(parsed.problem.key, parsed.problem.values as never) };
      return { page: null, given: parsed.filter, applied: {}, subscriptions, notices: [notice] };
    }
    const page = await listAudit({ subscriptionIds: subscriptions.map((s) => s.subscriptionId), filter: parsed.filter });
    return { page, given: parsed.filter, applied: parsed.filter, subscriptions, notices: [] };
  } catch (error) {
    const appError = toAppError(error, { action: 'read the audit trail' });
    const messageOf = await getAppErrorTranslator();
    return { page: null, given: parsed.filter, applied: {}, subscriptions, notices: [{ intent: 'error', title: t('readFailed'), message: messageOf(appError) }] };
  }
}

/** What the portal did, for whom, and how it ended: newest first, filtered by the URL. */
export default async function AuditPageRoute({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { page, given, applied, subscriptions, notices } = await loadAudit(await searchParams);
  const t = await getTranslations('audit');
  // Keyed by the filters: another filter starts a new list (and a form holding the URL's values).
  const key = auditFilterParams(given).toString();
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <AuditFilters key={`filters?${key}`} filter={given} subscriptions={subscriptions} />
      <NoticeList notices={notices} />
      {page ? <AuditView key={`view?${key}`} initial={page} filter={applied} /> : null}
    </>
  );
}
