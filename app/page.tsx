import { ClusterTable } from '@/components/cluster-table';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { getPageCredential } from '@/lib/auth/request-credential';
import { listClustersWithExtensionState, type ClusterWithExtensionState } from '@/lib/azure/clusters';
import { toAppError } from '@/lib/errors';

type HomeData = { clusters: ClusterWithExtensionState[]; notices: Notice[] };

/** Everything the home page shows, as values: a refusal or a partial failure is a notice, not a crash. */
async function loadHome(): Promise<HomeData> {
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential('/');
  try {
    const { clusters, failures } = await listClustersWithExtensionState(credential);
    return {
      clusters,
      notices: failures.map((failure) => ({
        intent: 'warning',
        title: `Subscription ${failure.subscriptionId} could not be read`,
        message: failure.error.userMessage,
      })),
    };
  } catch (error) {
    const appError = toAppError(error, { action: 'list clusters' });
    return { clusters: [], notices: [{ intent: 'error', title: 'Clusters could not be listed', message: appError.userMessage }] };
  }
}

export default async function HomePage() {
  const { clusters, notices } = await loadHome();
  const subscriptions = new Set(clusters.map((cluster) => cluster.subscriptionId)).size;
  return (
    <>
      <PageHeader
        title="Clusters"
        subtitle={`${clusters.length} AKS and Arc-enabled clusters across ${subscriptions} subscriptions`}
      />
      <NoticeList notices={notices} />
      <ClusterTable rows={clusters} />
    </>
  );
}
