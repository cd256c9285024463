import { describe, expect, it } from 'vitest';

import type { CertificateSummary } from '@/lib/domain/pem-checks';
import { portugueseText } from '@/lib/i18n/testing';

import { fileFieldState } from './file-field-state';

// The textual check reads only the PEM block's label, so a short stand-in is enough.
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
const SUMMARY: CertificateSummary = { subject: 'CN=ml.contoso.com', sans: ['ml.contoso.com'], notAfter: '2027-01-31T00:00:00.000Z' };

describe('fileFieldState', () => {
  it('is empty before any file, and shows an error there once the form has one (a refused size, a missing file)', () => {
    expect(fileFieldState({ pem: 'certificate', text: '' })).toEqual({ kind: 'empty' });
    expect(fileFieldState({ pem: 'key', text: '', error: 'Provide the PEM private key (sslKeyPemFile).' })).toEqual({
      kind: 'invalid',
      message: 'Provide the PEM private key (sslKeyPemFile).',
    });
  });

  it('is reading while a chosen file is read, whatever the previous file left', () => {
    expect(fileFieldState({ pem: 'certificate', text: CERT, fileName: 'old.pem', error: 'old error', reading: 'new.pem' })).toEqual({
      kind: 'reading',
      fileName: 'new.pem',
    });
  });

  it('never says loaded for a file that is not a PEM certificate, even before the form has validated it', () => {
    expect(fileFieldState({ pem: 'certificate', text: 'just some text', fileName: 'notes.txt' })).toEqual({
      kind: 'invalid',
      message: 'This is not a PEM certificate: expected a "-----BEGIN CERTIFICATE-----" block.',
    });
    // A key where the certificate goes is not a certificate either.
    expect(fileFieldState({ pem: 'certificate', text: KEY, fileName: 'key.pem' }).kind).toBe('invalid');
  });

  it("shows the form's message alone when it has one, not a second one of its own", () => {
    expect(fileFieldState({ pem: 'certificate', text: 'just some text', fileName: 'notes.txt', error: 'The form says so.' })).toEqual({
      kind: 'invalid',
      message: 'The form says so.',
    });
  });

  it('is invalid, without the summary, when the server check refused a well-formed file (expired, wrong key)', () => {
    expect(fileFieldState({ pem: 'certificate', text: CERT, fileName: 'cert.pem', certificate: SUMMARY, error: 'The certificate expired on 2024-01-31; use a current certificate.' })).toEqual({
      kind: 'invalid',
      message: 'The certificate expired on 2024-01-31; use a current certificate.',
    });
  });

  it('is loaded with the file name and, for a certificate, the summary once the server knows it', () => {
    expect(fileFieldState({ pem: 'certificate', text: CERT, fileName: 'cert.pem' })).toEqual({ kind: 'loaded', fileName: 'cert.pem' });
    expect(fileFieldState({ pem: 'certificate', text: CERT, fileName: 'cert.pem', certificate: SUMMARY })).toEqual({
      kind: 'loaded',
      fileName: 'cert.pem',
      certificate: SUMMARY,
    });
    expect(fileFieldState({ pem: 'key', text: KEY, fileName: 'key.pem', certificate: SUMMARY })).toEqual({ kind: 'loaded', fileName: 'key.pem' });
  });

  it("says what is wrong in the reader's language", () => {
    expect(fileFieldState({ pem: 'key', text: CERT }, portugueseText)).toEqual({
      kind: 'invalid',
      message: 'Isto não é uma chave privada PEM: era esperado um bloco "-----BEGIN PRIVATE KEY-----".',
    });
  });
});
