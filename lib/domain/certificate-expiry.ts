/**
 * How close an extension's HTTPS certificate is to its end, from the date the portal remembered
 * when it sent the certificate (lib/store/certificates.ts). Pure and free of `node:crypto`, so
 * pages, the fleet API and client components all read the same rule. The install-time check in
 * `pem-checks.ts` uses the same window ({@link CERT_EXPIRY_WARNING_DAYS}) and the same boundaries,
 * so a certificate the wizard warned about is the one the status page warns about.
 */

/** Warn when the certificate expires within this many days (DOMAIN.md section 3, rule 6). */
export const CERT_EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `expired`: past its end; `expiring`: ends within the warning window; `valid`: later. */
export type CertificateExpiryState = 'expired' | 'expiring' | 'valid';

export interface CertificateExpiry {
  state: CertificateExpiryState;
  /**
   * Whole days left, rounded up (a certificate ending in 3 hours has 1 day left), as the wizard's
   * warning counts them; 0 once expired.
   */
  daysLeft: number;
}

/**
 * The state of a certificate ending at `notAfter` (ISO 8601) at `now`: expired when its end is
 * now or past, expiring when fewer than {@link CERT_EXPIRY_WARNING_DAYS} days remain, else
 * valid. Throws `RangeError` for a date that does not parse.
 */
export function certificateExpiry(notAfter: string, now: Date): CertificateExpiry {
  const end = new Date(notAfter).getTime();
  if (Number.isNaN(end)) throw new RangeError(`Not a date: ${notAfter}`);
  const left = end - now.getTime();
  if (left <= 0) return { state: 'expired', daysLeft: 0 };
  const daysLeft = Math.ceil(left / DAY_MS);
  return { state: left < CERT_EXPIRY_WARNING_DAYS * DAY_MS ? 'expiring' : 'valid', daysLeft };
}

/** What the status page and the fleet show of a remembered certificate. */
export interface CertificateNotice extends CertificateExpiry {
  /** The name the certificate is for: its first DNS name, else its subject's CN, else the subject. */
  host: string;
  /** ISO 8601. */
  notAfter: string;
}

/** The CN of an OpenSSL subject string (`C=US\nCN=ml.contoso.com`), if any. */
function commonNameOf(subject: string): string | undefined {
  return /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1]?.trim();
}

/** {@link certificateExpiry} of a remembered certificate, with the host name to speak of. */
export function certificateNotice(certificate: { subject: string; sans: readonly string[]; notAfter: string }, now: Date): CertificateNotice {
  const host = certificate.sans[0] ?? commonNameOf(certificate.subject) ?? certificate.subject;
  return { ...certificateExpiry(certificate.notAfter, now), host, notAfter: new Date(certificate.notAfter).toISOString() };
}

/** The date as the wizard's PEM messages write it: ISO `2027-03-02` (UTC) in both languages. */
export function expiryDate(notAfter: string): string {
  return new Date(notAfter).toISOString().slice(0, 10);
}
