import { ClusterTable } from '@/components/cluster-table';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { getPageCredential } from '@/lib/auth/request-credential';
import { listClustersWithExtensionState, type ClusterWithExtensionState } from '@/lib/azure/clusters';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getTranslations } from '@/lib/i18n/server';

type HomeData = { clusters: ClusterWithExtensionState[]; notices: Notice[] };

/** Everything the home page shows, as values: a refusal or a partial failure is a notice, not a crash. */
async function loadHome(): Promise<HomeData> {
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential('/');
  const t = await getTranslations('home.notices');
  const messageOf = await getAppErrorTranslator();
  try {
    const { clusters, failures } = await listClustersWithExtensionState(credential);
    return {
      clusters,
      notices: failures.map((failure) => ({
        intent: 'warning',
        title: t('subscriptionUnreadable', { subscription: failure.subscriptionId }),
        message: messageOf(failure.error),
      })),
    };
  } catch (error) {
    const appError = toAppError(error, { action: 'list clusters' });
    return { clusters: [], notices: [{ intent: 'error', title: t('listFailed'), message: messageOf(appError) }] };
  }
}

export default async function HomePage() {
  const { clusters, notices } = await loadHome();
  const t = await getTranslations('home');
  const subscriptions = new Set(clusters.map((cluster) => cluster.subscriptionId)).size;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle', { clusters: clusters.length, subscriptions })}
      />
      <NoticeList notices={notices} />
      <ClusterTable rows={clusters} />
    </>
  );
}
