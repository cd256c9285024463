import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AttachWizard } from '@/components/attach/attach-wizard';
import { NoticeList } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { getPageCredential } from '@/lib/auth/request-credential';
import { getCluster } from '@/lib/azure/clusters';
import { listExtensions } from '@/lib/azure/extensions';
import { listAttachWorkspaces } from '@/lib/deploy/attach-service';
import { listClusterInstanceTypes } from '@/lib/deploy/instance-type-service';
import { azuremlExtensionOf } from '@/lib/domain/attach-preflight';
import { parseClusterId } from '@/lib/domain/cluster';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getTranslations } from '@/lib/i18n/server';
import { workloadsOf } from '@/lib/ui/attach-form';
import { attachPagePath, instanceTypesPagePath, statusPagePath } from '@/lib/ui/routes';

/** Live per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('compute.attach');
  return { title: t('metadataTitle') };
}

/** The value as read, or null when it could not be (the wizard says so and still works). */
async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch {
    return null;
  }
}

/**
 * `/attach?clusterId=<cluster ARM id>`: the attach wizard. The cluster, its extension (what it
 * runs ticks the workloads), the workspaces of its subscription and its instance types are read
 * here; the wizard's review asks the server for the plan and its preflight.
 */
export default async function AttachPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const clusterId = typeof params.clusterId === 'string' ? params.clusterId : '';
  if (!parseClusterId(clusterId)) notFound();
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential(attachPagePath(clusterId));
  const t = await getTranslations('compute.attach');
  let cluster;
  try {
    cluster = await getCluster(credential, clusterId);
  } catch (err) {
    const error = toAppError(err, { action: 'read the cluster' });
    if (error.status === 404) notFound();
    const messageOf = await getAppErrorTranslator();
    return <NoticeList notices={[{ intent: 'error', title: t('planFailed'), message: messageOf(error) }]} />;
  }
  const [workspaces, extensions, instanceTypes] = await Promise.all([
    orNull(listAttachWorkspaces(credential, clusterId)),
    orNull(listExtensions(credential, clusterId)),
    orNull(listClusterInstanceTypes(credential, clusterId)),
  ]);
  const extension = extensions ? azuremlExtensionOf(extensions.map((e) => ({ id: e.id ?? '', name: e.name ?? '', extensionType: e.extensionType ?? '' , configurationSettings: e.configurationSettings ?? {} }))) : undefined;
  const settings = extension?.configurationSettings ?? {};
  return (
    <>
      <PageHeader title={t('title', { cluster: cluster.summary.name })} subtitle={t('subtitle')} />
      <AttachWizard
        clusterId={cluster.summary.id || clusterId}
        clusterName={cluster.summary.name}
        clusterType={cluster.type}
        subscriptionId={cluster.summary.subscriptionId}
        workspaces={workspaces}
        instanceTypes={instanceTypes ? instanceTypes.items.map((row) => row.name) : null}
        workloads={extension ? workloadsOf(settings, cluster.type) : ['training']}
        statusPath={extension?.id ? statusPagePath(extension.id) : undefined}
        instanceTypesPath={instanceTypesPagePath(clusterId)}
      />
    </>
  );
}
