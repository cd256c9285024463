import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { forgetExtensionStatus, type DescribeError, type ExtensionStatusView } from '@/lib/azure/extension-status';
import type { CertificateNotice } from '@/lib/domain/certificate-expiry';
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
export interface ExtensionReport extends ExtensionStatusView {
  /** The provisioning states the portal saw for this extension, oldest first, with when. */
  history: SeenState[];
  /** The end of the HTTPS certificate the portal sent (install or renewal), when it remembers one. */
  certificate: CertificateNotice | null;
  /** The same date alone, ISO 8601, for API clients. */
  certificateExpiresOn?: string;
  /** For HTTPS with `sslCname`: does the name resolve to the router's address, as seen from the portal? */
  dns?: DnsCheck;
}

const LOG_PREFIX = '[extension-report]';

/** The store is an extra for this page: when it fails, the status still answers, without history. */
async function historyAfter(extensionId: string, state: string, at: Date): Promise<SeenState[]> {
  try {
    await recordSeenState(extensionId, state, at);
    return await seenStatesOf(extensionId);
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
  const [history, certificate, dns] = await Promise.all([
    historyAfter(extensionId, status.provisioningState, new Date(status.observedAt)),
    certificateNoticeOf(extensionId),
    record ? checkDns(record) : undefined,
  ]);
  return {
    ...status,
    history,
    certificate,
    ...(certificate ? { certificateExpiresOn: certificate.notAfter } : {}),
    ...(dns ? { dns } : {}),
  };
}
