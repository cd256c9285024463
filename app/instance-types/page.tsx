import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { InstanceTypesView } from '@/components/instance-types/instance-types-view';
import { NoticeList } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { getPageCredential } from '@/lib/auth/request-credential';
import { getCluster } from '@/lib/azure/clusters';
import { listExtensions } from '@/lib/azure/extensions';
import { listClusterInstanceTypes, type InstanceTypeListing } from '@/lib/deploy/instance-type-service';
import { azuremlExtensionOf } from '@/lib/domain/attach-preflight';
import { parseClusterId } from '@/lib/domain/cluster';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getTranslations } from '@/lib/i18n/server';
import { instanceTypesPagePath, statusPagePath } from '@/lib/ui/routes';

/** Live per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('compute.instanceTypes');
  return { title: t('metadataTitle') };
}

/**
 * `/instance-types?clusterId=<cluster ARM id>`: the cluster's InstanceType resources, read in the
 * cluster the way component health is (its Kubernetes API with a kubeconfig, else AKS Run Command).
 */
export default async function InstanceTypesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const clusterId = typeof params.clusterId === 'string' ? params.clusterId : '';
  if (!parseClusterId(clusterId)) notFound();
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential(instanceTypesPagePath(clusterId));
  const t = await getTranslations('compute.instanceTypes');
  const messageOf = await getAppErrorTranslator();
  let cluster;
  try {
    cluster = await getCluster(credential, clusterId);
  } catch (err) {
    const error = toAppError(err, { action: 'read the cluster' });
    if (error.status === 404) notFound();
    return <NoticeList notices={[{ intent: 'error', title: t('readFailed', { message: '' }), message: messageOf(error) }]} />;
  }
  let listing: InstanceTypeListing | null = null;
  let readError: string | undefined;
  const [read, extensions] = await Promise.allSettled([listClusterInstanceTypes(credential, clusterId), listExtensions(credential, clusterId)]);
  if (read.status === 'fulfilled') listing = read.value;
  else readError = t('readFailed', { message: messageOf(toAppError(read.reason, { action: 'read the cluster' })) });
  const extension =
    extensions.status === 'fulfilled'
      ? azuremlExtensionOf(extensions.value.map((e) => ({ id: e.id ?? '', name: e.name ?? '', extensionType: e.extensionType ?? '', configurationSettings: e.configurationSettings ?? {} })))
      : undefined;
  return (
    <>
      <PageHeader title={t('title', { cluster: cluster.summary.name })} subtitle={t('subtitle')} />
      <InstanceTypesView
        clusterId={cluster.summary.id || clusterId}
        initial={listing}
        readError={readError}
        extensionSettings={extension?.configurationSettings ?? {}}
        statusPath={extension?.id ? statusPagePath(extension.id) : undefined}
      />
    </>
  );
}
