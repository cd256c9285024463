import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { reconcileAuditOutcome } from '@/lib/audit/audit';
import { getExtensionStatus, type DescribeError, type ExtensionStatusView } from '@/lib/azure/extension-status';
import { toAppError } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';
import { rememberHealthSummary } from '@/lib/store/health-summaries';

/**
 * An unchanged summary is written again at most this often per extension and process: the fleet
 * needs it younger than FLEET_HEALTH_MAX_AGE_MS (5 minutes, lib/deploy/fleet-health.ts), not a
 * write per poll of every viewer. A changed one is written at once.
 */
export const HEALTH_REWRITE_UNCHANGED_MS = 60_000;
/** Extensions whose last write is remembered, at most (oldest forgotten first: one more write each). */
const HEALTH_WRITES_KEPT = 5_000;
const lastHealthWrites = new Map<string, { summary: string; at: number }>();

/**
 * Remembers what this read saw for the fleet's Health column (lib/deploy/fleet-health.ts), so the
 * fleet shows what any viewer last saw. A store that cannot be written costs the fleet a refresh
 * later, never the status page its answer.
 */
async function rememberHealthOf(status: ExtensionStatusView): Promise<void> {
  // Components this read could not get (the caller may not run commands, no kubeconfig, a failed
  // read) say something about this caller, not about the extension: they must not replace what
  // another viewer saw. The fleet's own refresh records an unreadable cluster (fleet-health.ts).
  if (!status.componentsAvailable) return;
  const key = status.id.toLowerCase();
  const summary = status.summary;
  const text = JSON.stringify(summary);
  const at = new Date(status.observedAt).getTime();
  const last = lastHealthWrites.get(key);
  if (last && last.summary === text && at >= last.at && at - last.at < HEALTH_REWRITE_UNCHANGED_MS) return;
  try {
    await rememberHealthSummary(status.id, summary, status.observedAt);
    lastHealthWrites.delete(key);
    while (lastHealthWrites.size >= HEALTH_WRITES_KEPT) lastHealthWrites.delete(lastHealthWrites.keys().next().value as string);
    lastHealthWrites.set(key, { summary: text, at });
  } catch {
    // The next read tries again.
  }
}

/**
 * The status of one extension for the status page and its polling route. Besides the read, it
 * settles the audit trail: a create or update recorded as `accepted` becomes `succeeded` or
 * `failed` when a read first sees the terminal state, and a delete when ARM answers 404. That is
 * how the trail learns the end of a long-running operation without a poller of its own. It also
 * remembers the health summary it read, for the fleet's Health column.
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
    await rememberHealthOf(status);
    return status;
  } catch (err) {
    if (toAppError(err).code === 'ResourceNotFound') await reconcileAuditOutcome(extensionId, 'Deleted', null, readStartedAt);
    throw err;
  }
}
