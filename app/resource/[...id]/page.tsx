import { notFound } from 'next/navigation';

import { ExtensionStatusView } from '@/components/extension-status-view';
import { NoticeList, type Notice } from '@/components/notice-list';
import { getPageCredential } from '@/lib/auth/request-credential';
import { readExtensionReport, type ExtensionReport } from '@/lib/deploy/extension-report';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { toAppError } from '@/lib/errors';
import { getAppErrorTranslator, getDomainText, getTranslations } from '@/lib/i18n/server';

/** Live per visitor: never prerendered. */
export const dynamic = 'force-dynamic';

/** `/resource/subscriptions/.../extensions/azureml` → the extension id `/subscriptions/.../azureml`. */
function extensionIdOf(segments: string[]): string {
  return `/${segments.map((segment) => decodeURIComponent(segment)).join('/')}`;
}

/**
 * The status page of one extension: the path after `/resource` is its ARM id. The first read
 * happens here (so the page arrives with content); the client then polls the status route.
 */
export default async function ResourcePage({ params }: { params: Promise<{ id: string[] }> }) {
  const { id: segments } = await params;
  const extensionId = extensionIdOf(segments);
  if (!parseExtensionId(extensionId)) notFound();

  // No session: getPageCredential redirects to sign-in and back to this extension.
  const credential = await getPageCredential(`/resource${extensionId}`);

  const messageOf = await getAppErrorTranslator();
  let initial: ExtensionReport | null = null;
  let notices: Notice[] = [];
  try {
    initial = await readExtensionReport(credential, extensionId, await getDomainText(), messageOf);
  } catch (err) {
    const error = toAppError(err, { action: 'read the extension' });
    if (error.status === 404) notFound();
    // Anything else may be passing (throttling, a network blip): show it and let polling retry.
    const t = await getTranslations('status.page');
    notices = [{ intent: 'error', title: t('readFailed'), message: messageOf(error) }];
  }
  return (
    <>
      <NoticeList notices={notices} />
      <ExtensionStatusView extensionId={extensionId} initial={initial} />
    </>
  );
}
