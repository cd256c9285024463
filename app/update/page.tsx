import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { DeployWizard } from '@/components/deploy/deploy-wizard';
import { NoticeList } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { getPageCredential } from '@/lib/auth/request-credential';
import { getCluster } from '@/lib/azure/clusters';
import { readExtensionForUpdate } from '@/lib/deploy/update-service';
import { pickClusterSummary } from '@/lib/domain/cluster';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { computedSettingsOf } from '@/lib/domain/update-plan';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getDomainText, getTranslations } from '@/lib/i18n/server';
import { statusPagePath, updatePagePath } from '@/lib/ui/routes';

/** Live per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('deploy.update');
  return { title: t('metadataTitle') };
}

/**
 * `/update?id=<extension ARM id>[&renew=1]`: the install wizard on the extension's current
 * settings (its cluster and name fixed), or with `renew` only its certificate step. What the
 * update will send is planned by the server at the review, from the same answers.
 */
export default async function UpdatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const extensionId = typeof params.id === 'string' ? params.id : '';
  const parsed = parseExtensionId(extensionId);
  if (!parsed) notFound();
  const renew = params.renew === '1';
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential(updatePagePath(extensionId, { renew }));
  const [t, text] = await Promise.all([getTranslations('deploy.update'), getDomainText()]);
  let loaded;
  try {
    loaded = await Promise.all([readExtensionForUpdate(credential, extensionId), getCluster(credential, parsed.clusterId)]);
  } catch (err) {
    const error = toAppError(err, { action: 'read the extension' });
    if (error.status === 404) notFound();
    const messageOf = await getAppErrorTranslator();
    return <NoticeList notices={[{ intent: 'error', title: t('readFailed'), message: messageOf(error) }]} />;
  }
  const [{ form, extension }, cluster] = loaded;
  const settings = extension.configurationSettings ?? {};
  return (
    <>
      <PageHeader title={t(renew ? 'renewTitle' : 'title', { name: parsed.extensionName, cluster: cluster.summary.name })} subtitle={t(renew ? 'renewSubtitle' : 'subtitle')} />
      <DeployWizard
        clusters={[pickClusterSummary(cluster.summary)]}
        update={{
          extensionId,
          statusPath: statusPagePath(extensionId),
          initialForm: form,
          computed: computedSettingsOf(settings).map(({ key, value, why }) => ({ key, value, ...(why ? { why: text(why) } : {}) })),
          renew,
        }}
      />
    </>
  );
}
