import type { Metadata } from 'next';

import { DeployWizard } from '@/components/deploy/deploy-wizard';
import type { DeployCluster } from '@/components/deploy/deploy-types';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { getPageCredential } from '@/lib/auth/request-credential';
import { listClustersWithExtensionState } from '@/lib/azure/clusters';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getTranslations } from '@/lib/i18n/server';
import { pickClusterSummary } from '@/lib/domain/cluster';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('deploy.page');
  return { title: t('metadataTitle') };
}

type DeployData = { clusters: DeployCluster[]; notices: Notice[] };

/** Only what the wizard shows crosses to the browser: a fixed list of summary fields per cluster. */
function toDeployCluster(cluster: DeployCluster): DeployCluster {
  return {
    ...pickClusterSummary(cluster),
    ...(cluster.subscriptionName ? { subscriptionName: cluster.subscriptionName } : {}),
    ...(cluster.azureMl ? { azureMl: cluster.azureMl } : {}),
  };
}

/** The clusters to pick from, as values: a refusal or a partial failure is a notice, not a crash. */
async function loadDeploy(): Promise<DeployData> {
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential('/deploy');
  const messageOf = await getAppErrorTranslator();
  const t = await getTranslations('deploy.page');
  try {
    const { clusters, failures } = await listClustersWithExtensionState(credential);
    return {
      clusters: clusters.map(toDeployCluster),
      notices: failures.map((failure) => ({
        intent: 'warning',
        title: t('subscriptionUnreadable', { name: failure.subscriptionName ?? failure.subscriptionId }),
        message: messageOf(failure.error),
      })),
    };
  } catch (error) {
    const appError = toAppError(error, { action: 'list clusters' });
    return { clusters: [], notices: [{ intent: 'error', title: t('clustersUnlisted'), message: messageOf(appError) }] };
  }
}

/** `/deploy[?clusterId=<ARM id>]`: the install wizard, with a cluster preselected when the link names one. */
export default async function DeployPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ clusters, notices }, params, t] = await Promise.all([loadDeploy(), searchParams, getTranslations('deploy.page')]);
  const requested = typeof params.clusterId === 'string' ? params.clusterId : undefined;
  // Only an id the user can actually see is preselected; anything else starts from an empty pick.
  const preselected = requested ? clusters.find((cluster) => cluster.id.toLowerCase() === requested.toLowerCase())?.id : undefined;
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <NoticeList notices={notices} />
      <DeployWizard clusters={clusters} initialClusterId={preselected} />
    </>
  );
}
