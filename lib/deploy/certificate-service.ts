import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { describeCaller } from '@/lib/auth/caller';
import { certificateNotice, type CertificateNotice } from '@/lib/domain/certificate-expiry';
import type { CertificateSummary } from '@/lib/domain/pem-checks';
import { certificateOf, certificatesOf, forgetCertificate, rememberCertificate } from '@/lib/store/certificates';

/**
 * The portal's memory of the certificates it sent (issue 14 item 5): ARM never returns protected
 * settings, so the end date of an uploaded certificate is known only if the portal keeps it when
 * it sends the PEM pair. Only the certificate's public facts are kept (lib/store/certificates.ts).
 * Remembering and forgetting are best effort: the store being down must never fail an install or
 * a delete that ARM accepted, so they log (the extension id and the error's name, no secret) and
 * return.
 */

const LOG_PREFIX = '[certificates]';

/** The error's name and code only: never its message, which a driver might fill with parameters. */
function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${err.name} ${code}` : err.name;
}

function warnNotRemembered(extensionId: string, err: unknown): void {
  console.warn(`${LOG_PREFIX} The certificate sent to ${extensionId} was not remembered (${describeFailure(err)}); its expiry will not be shown.`);
}

/**
 * After ARM accepted a write that sent a PEM pair to `extensionId`: remembers the certificate's
 * subject, DNS names and end date (recorded by the caller), as the check before the write read
 * them, so the PEM is parsed once per write. Never throws; does nothing without a certificate.
 */
export async function rememberCheckedCertificate(credential: TokenCredential, extensionId: string, certificate: CertificateSummary | undefined): Promise<void> {
  if (!certificate) return;
  try {
    const { id: recordedBy } = await describeCaller(credential);
    await rememberCertificate(extensionId, certificate, { recordedBy });
  } catch (err) {
    warnNotRemembered(extensionId, err);
  }
}

/** After ARM accepted the delete of an extension: forgets its certificate. Never throws. */
export async function forgetSentCertificate(extensionId: string): Promise<void> {
  try {
    await forgetCertificate(extensionId);
  } catch (err) {
    console.warn(`${LOG_PREFIX} The certificate of deleted ${extensionId} was not forgotten (${describeFailure(err)}).`);
  }
}

/**
 * What the status page shows of an extension's certificate at `now`: null when none is remembered
 * (installed outside the portal, or without a PEM pair) or when the store cannot be read (the page
 * still works; the warning is an extra).
 */
export async function certificateNoticeOf(extensionId: string, now = new Date()): Promise<CertificateNotice | null> {
  try {
    const remembered = await certificateOf(extensionId);
    return remembered ? certificateNotice(remembered, now) : null;
  } catch (err) {
    console.warn(`${LOG_PREFIX} The certificate of ${extensionId} could not be read (${describeFailure(err)}).`);
    return null;
  }
}

/**
 * The fleet's certificates at `now`, by lower-cased extension id (ids without one are absent), in
 * one store query. An unreadable store is an empty answer, for the same reason as above.
 */
export async function certificateNoticesOf(extensionIds: readonly string[], now = new Date()): Promise<Record<string, CertificateNotice>> {
  try {
    const remembered = await certificatesOf(extensionIds);
    return Object.fromEntries([...remembered].map(([id, certificate]) => [id, certificateNotice(certificate, now)]));
  } catch (err) {
    console.warn(`${LOG_PREFIX} The fleet's certificates could not be read (${describeFailure(err)}).`);
    return {};
  }
}
