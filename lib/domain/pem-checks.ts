/**
 * The PEM pair checks the CLI does not do (DOMAIN.md section 3, rule 6), run before any ARM call
 * so users do not meet health-check E40007 after a long install. Uses `node:crypto`, so it is for
 * server code; it has no `server-only` marker so unit tests import it directly. No message ever
 * quotes the key, and crypto's own error text (which could) is never passed on.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';

import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { CERT_EXPIRY_WARNING_DAYS } from './certificate-expiry';
import { SETTING } from './cli-settings';
import { pemTextProblems, type FieldMessage } from './cli-validation';

// One window for the wizard's check and the status page's warning; defined where the browser can read it.
export { CERT_EXPIRY_WARNING_DAYS };
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PemPairInput {
  certPem: string;
  keyPem: string;
  sslCname: string;
  /** True when sslCname was given as a protected setting: no message may then quote it. */
  sslCnameProtected?: boolean;
  /** For tests; defaults to the current time. */
  now?: Date;
}

export interface CertificateSummary {
  /** The subject as OpenSSL prints it, one `K=V` per line. */
  subject: string;
  /** DNS names of the subject alternative names. */
  sans: string[];
  /** ISO 8601. */
  notAfter: string;
}

export interface PemPairResult {
  errors: FieldMessage[];
  warnings: FieldMessage[];
  certificate?: CertificateSummary;
}

/** DNS names in an OpenSSL `subjectAltName` string (`DNS:a.com, IP Address:1.2.3.4, DNS:*.b.com`). */
export function dnsNamesOf(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  return subjectAltName
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).replace(/^"|"$/g, ''));
}

/** The CN of an OpenSSL subject string, if any. */
export function commonNameOf(subject: string): string | undefined {
  return /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1]?.trim();
}

/**
 * Whether a certificate name covers a host name: exact (case-insensitive), or a wildcard that
 * stands for exactly one left-most label (`*.contoso.com` covers `ml.contoso.com`, not
 * `a.ml.contoso.com` nor `contoso.com`), as TLS clients match (RFC 6125).
 */
export function hostnameCovered(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return h === p;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

function parseCertificate(certPem: string): X509Certificate | null {
  try {
    return new X509Certificate(certPem);
  } catch {
    return null;
  }
}

function parseKey(keyPem: string): KeyObject | 'encrypted' | null {
  try {
    return createPrivateKey({ key: keyPem, format: 'pem' });
  } catch (err) {
    // OpenSSL asks for a passphrase for legacy encrypted PEM ("Proc-Type: 4,ENCRYPTED" is caught
    // earlier as text; this covers other encrypted encodings). Only the code is read, never the text.
    const code = (err as { code?: string }).code ?? '';
    return /PASSPHRASE|BAD_DECRYPT/i.test(code) ? 'encrypted' : null;
  }
}

// Dates are ISO 8601 (2025-01-31) in both languages: unambiguous, and what `openssl x509 -enddate` users compare with.
function validityMessages(cert: X509Certificate, now: Date, errors: FieldMessage[], warnings: FieldMessage[], text: DomainText): void {
  const notAfter = new Date(cert.validTo);
  const notBefore = new Date(cert.validFrom);
  const key = SETTING.sslCertPemFile;
  if (notAfter.getTime() <= now.getTime()) {
    errors.push({ key, message: text('pem.expired', { date: notAfter.toISOString().slice(0, 10) }) });
  } else if (notAfter.getTime() - now.getTime() < CERT_EXPIRY_WARNING_DAYS * DAY_MS) {
    const days = Math.ceil((notAfter.getTime() - now.getTime()) / DAY_MS);
    warnings.push({ key, message: text('pem.expiresSoon', { days, date: notAfter.toISOString().slice(0, 10) }) });
  }
  if (notBefore.getTime() > now.getTime()) {
    warnings.push({ key, message: text('pem.notYetValid', { date: notBefore.toISOString() }) });
  }
}

function notCoveredMessage(cname: string, names: string[], secret: boolean, text: DomainText): string {
  // The certificate's names are public (anyone connecting sees them); a protected sslCname is not.
  if (secret) return names.length > 0 ? text('pem.protectedNotCovered', { names: names.join(', ') }) : text('pem.protectedNotCoveredNoNames');
  return names.length > 0 ? text('pem.notCovered', { cname, names: names.join(', ') }) : text('pem.notCoveredNoNames', { cname });
}

/**
 * Checks an uploaded certificate and key before they are sent: both parse, the key is not
 * encrypted and matches the certificate, the certificate is current (warning within
 * `CERT_EXPIRY_WARNING_DAYS`), `sslCname` is covered by a SAN DNS name or the CN, ASCII only and
 * within the size limit (`pemTextProblems`). Keys of the messages are the CLI's setting names;
 * the messages are in `text`'s language (English by default).
 */
export function checkPemPair(input: PemPairInput, text: DomainText = englishText): PemPairResult {
  const errors: FieldMessage[] = [
    ...pemTextProblems(SETTING.sslCertPemFile, input.certPem, 'certificate', text),
    ...pemTextProblems(SETTING.sslKeyPemFile, input.keyPem, 'key', text),
  ];
  const warnings: FieldMessage[] = [];
  const cert = errors.some((e) => e.key === SETTING.sslCertPemFile) ? undefined : parseCertificate(input.certPem);
  const key = errors.some((e) => e.key === SETTING.sslKeyPemFile) ? undefined : parseKey(input.keyPem);
  if (cert === null) {
    errors.push({ key: SETTING.sslCertPemFile, message: text('pem.unreadableCertificate') });
  }
  if (key === 'encrypted') errors.push({ key: SETTING.sslKeyPemFile, message: text('pem.encryptedKey') });
  if (key === null) {
    errors.push({ key: SETTING.sslKeyPemFile, message: text('pem.unreadableKey') });
  }
  if (!cert) return { errors, warnings };

  const sans = dnsNamesOf(cert.subjectAltName);
  const certificate: CertificateSummary = { subject: cert.subject, sans, notAfter: new Date(cert.validTo).toISOString() };
  if (key && key !== 'encrypted' && !cert.checkPrivateKey(key)) {
    errors.push({ key: SETTING.sslKeyPemFile, message: text('pem.keyMismatch') });
  }
  validityMessages(cert, input.now ?? new Date(), errors, warnings, text);

  const cname = input.sslCname.trim();
  const cn = commonNameOf(cert.subject);
  // The CN usually repeats a SAN (often in another case): list each host once.
  const names = [...sans, ...(cn ? [cn] : [])].filter((name, i, all) => all.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === i);
  if (cname && !names.some((name) => hostnameCovered(cname, name))) {
    errors.push({
      key: SETTING.sslCname,
      message: notCoveredMessage(cname, names, input.sslCnameProtected === true, text),
    });
  }
  return { errors, warnings, certificate };
}
