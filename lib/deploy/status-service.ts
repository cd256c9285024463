import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { reconcileAuditOutcome } from '@/lib/audit/audit';
import { getExtensionStatus, type DescribeError, type ExtensionStatusView } from '@/lib/azure/extension-status';
import { toAppError } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

/**
 * The status of one extension for the status page and its polling route. Besides the read, it
 * settles the audit trail: a create or update recorded as `accepted` becomes `succeeded` or
 * `failed` when a read first sees the terminal state, and a delete when ARM answers 404. That is
 * how the trail learns the end of a long-running operation without a poller of its own.
 * Explanations and component reasons are in `text`'s language and errors described by
 * `describeError`: the reader's (English by default).
 */
export async function readExtensionStatus(
  credential: TokenCredential,
  extensionId: string,
  text: DomainText = englishText,
  describeError?: DescribeError,
): Promise<ExtensionStatusView> {
  const readStartedAt = new Date();
  try {
    const status = await getExtensionStatus(credential, extensionId, text, describeError);
    await reconcileAuditOutcome(extensionId, status.provisioningState, status.errorInfo, readStartedAt);
    return status;
  } catch (err) {
    if (toAppError(err).code === 'ResourceNotFound') await reconcileAuditOutcome(extensionId, 'Deleted', null, readStartedAt);
    throw err;
  }
}
