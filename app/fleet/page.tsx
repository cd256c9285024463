import { FleetView } from '@/components/fleet/fleet-view';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { listFleet, type FleetListing } from '@/lib/api/fleet';
import { getPageCredential } from '@/lib/auth/request-credential';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getTranslations } from '@/lib/i18n/server';

/** Live per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('fleet');
  return { title: t('title') };
}

type FleetData = { listing: FleetListing | null; notices: Notice[] };

/** The first listing, as values: no credential or a failed query is a notice, not a crash. */
async function loadFleet(): Promise<FleetData> {
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential('/fleet');
  const t = await getTranslations('fleet.notices');
  try {
    return { listing: await listFleet(credential), notices: [] };
  } catch (error) {
    const appError = toAppError(error, { action: 'list the Azure Machine Learning extensions' });
    const messageOf = await getAppErrorTranslator();
    return { listing: null, notices: [{ intent: 'error', title: t('listFailed'), message: messageOf(appError) }] };
  }
}

/** Every Azure ML extension across every subscription the visitor can see. */
export default async function FleetPage() {
  const { listing, notices } = await loadFleet();
  const loadedAt = new Date().toISOString();
  const t = await getTranslations('fleet');
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={
          listing
            ? t('subtitle', { extensions: listing.value.length, subscriptions: listing.subscriptions.length })
            : t('subtitleUnknown')
        }
      />
      <NoticeList notices={notices} />
      {listing ? <FleetView initial={listing} initialLoadedAt={loadedAt} /> : null}
    </>
  );
}
