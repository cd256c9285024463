import { FleetView } from '@/components/fleet/fleet-view';
import { NoticeList, type Notice } from '@/components/notice-list';
import { PageHeader } from '@/components/page-header';
import { listFleet, type FleetListing } from '@/lib/api/fleet';
import { getPageCredential } from '@/lib/auth/request-credential';
import { toAppError } from '@/lib/errors';

/** Live per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Fleet' };

type FleetData = { listing: FleetListing | null; notices: Notice[] };

/** The first listing, as values: no credential or a failed query is a notice, not a crash. */
async function loadFleet(): Promise<FleetData> {
  // No session: getPageCredential redirects to sign-in and back here.
  const credential = await getPageCredential('/fleet');
  try {
    return { listing: await listFleet(credential), notices: [] };
  } catch (error) {
    const appError = toAppError(error, { action: 'list the Azure Machine Learning extensions' });
    return { listing: null, notices: [{ intent: 'error', title: 'The fleet could not be listed', message: appError.userMessage }] };
  }
}

/** Every Azure ML extension across every subscription the visitor can see. */
export default async function FleetPage() {
  const { listing, notices } = await loadFleet();
  const loadedAt = new Date().toISOString();
  return (
    <>
      <PageHeader
        title="Fleet"
        subtitle={
          listing
            ? `${listing.value.length} Azure Machine Learning extensions across ${listing.subscriptions.length} subscriptions`
            : 'Azure Machine Learning extensions across your subscriptions'
        }
      />
      <NoticeList notices={notices} />
      {listing ? <FleetView initial={listing} initialLoadedAt={loadedAt} /> : null}
    </>
  );
}
