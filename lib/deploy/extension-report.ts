import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { listAudit } from '@/lib/audit/audit';
import type { AuditAction, AuditOutcome } from '@/lib/audit/types';
import { forgetExtensionStatus, shareStoreRead, type DescribeError, type ExtensionStatusView } from '@/lib/azure/extension-status';
import type { CertificateNotice } from '@/lib/domain/certificate-expiry';
import { parseExtensionId } from '@/lib/domain/extension-id';
import type { DnsCheck } from '@/lib/domain/inference-endpoint';
import { toAppError } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';
import { recordSeenState, seenStatesOf, type SeenState } from '@/lib/store/provisioning-history';

import { certificateNoticeOf } from './certificate-service';
import { checkDns } from './dns-check';
import { readExtensionStatus } from './status-service';

/**
 * What the status page and `GET /api/v1/extensions/status` show of one extension: its status
 * (ARM and the cluster, the router's endpoint), what the portal itself knows of it (the
 * provisioning states it saw, kept across reloads; the certificate it sent) and whether the
 * endpoint's DNS name points at it, in one answer.
 */
/** A write the portal made on this extension (from the audit trail): who, what, when, how it ended. */
export interface PortalWrite {
  at: string;
  action: AuditAction;
  actor: string;
  outcome: AuditOutcome;
}

export interface ExtensionReport extends ExtensionStatusView {
  /** The provisioning states the portal saw for this extension, oldest first, with when. */
  history: SeenState[];
  /** The portal's latest writes on it ({@link WRITES_SHOWN} at most), oldest first. */
  writes: PortalWrite[];
  /** The end of the HTTPS certificate the portal sent (install or renewal), when it remembers one. */
  certificate: CertificateNotice | null;
  /** The same date alone, ISO 8601, for API clients. */
  certificateExpiresOn?: string;
  /** For HTTPS with `sslCname`: does the name resolve to the router's address, as seen from the portal? */
  dns?: DnsCheck;
}

const LOG_PREFIX = '[extension-report]';

/** Writes shown beside the provisioning history: the recent ones; the audit page has them all. */
export const WRITES_SHOWN = 10;

/**
 * The portal's latest writes on the extension, as its audit trail recorded them. The caller has
 * just read the extension, so its subscription is one they can see. An unreadable trail is none.
 * Shared for the status read window of `state` (shareStoreRead): a write forgets it.
 */
async function writesOn(extensionId: string, state: string): Promise<PortalWrite[]> {
  const parsed = parseExtensionId(extensionId);
  if (!parsed) return [];
  try {
    const key = extensionId.replace(/\/+$/, '').toLowerCase();
    const page = await shareStoreRead(extensionId, 'writes', state, () =>
      listAudit({ limit: 50, subscriptionIds: [parsed.cluster.subscriptionId], filter: { cluster: parsed.clusterId } }),
    );
    return page.value
      .filter((entry) => entry.extensionId?.replace(/\/+$/, '').toLowerCase() === key)
      .slice(0, WRITES_SHOWN)
      .map((entry) => ({ at: entry.at, action: entry.action, actor: entry.actor.name, outcome: entry.outcome }))
      .reverse();
  } catch (err) {
    console.warn(`${LOG_PREFIX} The audit trail of ${extensionId} could not be read (${err instanceof Error ? err.name : 'error'}).`);
    return [];
  }
}

/**
 * The store is an extra for this page: when it fails, the status still answers, without history.
 * An unchanged state records nothing (recordSeenState remembers the last) and the history is
 * shared for the status read window of the state; a state this call recorded reads it again.
 */
async function historyAfter(extensionId: string, state: string, at: Date): Promise<SeenState[]> {
  try {
    const recorded = await recordSeenState(extensionId, state, at);
    return await shareStoreRead(extensionId, 'history', state, () => seenStatesOf(extensionId), { fresh: recorded });
  } catch (err) {
    console.warn(`${LOG_PREFIX} The provisioning history of ${extensionId} could not be kept (${err instanceof Error ? err.name : 'error'}).`);
    return [{ state, at: at.toISOString() }];
  }
}

/**
 * Reads the extension's status and records its provisioning state in the history when it changed.
 * A 404 records `Deleted` (the end of a delete) and is rethrown. `fresh` (a person pressed
 * Refresh) drops the shared reads of this extension first, so the answer is read now: one ARM and
 * one in-cluster read per press, which every other viewer then shares.
 */
export async function readExtensionReport(
  credential: TokenCredential,
  extensionId: string,
  text: DomainText = englishText,
  describeError?: DescribeError,
  options: { fresh?: boolean } = {},
): Promise<ExtensionReport> {
  if (options.fresh) forgetExtensionStatus(extensionId);
  let status: ExtensionStatusView;
  try {
    status = await readExtensionStatus(credential, extensionId, text, describeError);
  } catch (err) {
    if (toAppError(err).code === 'ResourceNotFound') await historyAfter(extensionId, 'Deleted', new Date());
    throw err;
  }
  const record = status.endpoint?.dnsRecord;
  const [history, writes, certificate, dns] = await Promise.all([
    historyAfter(extensionId, status.provisioningState, new Date(status.observedAt)),
    writesOn(extensionId, status.provisioningState),
    // A store that cannot be read answers null here (certificate-service.ts), kept for the window like a read.
    shareStoreRead(extensionId, 'certificate', status.provisioningState, () => certificateNoticeOf(extensionId)),
    record ? checkDns(record) : undefined,
  ]);
  return {
    ...status,
    history,
    writes,
    certificate,
    ...(certificate ? { certificateExpiresOn: certificate.notAfter } : {}),
    ...(dns ? { dns } : {}),
  };
}
