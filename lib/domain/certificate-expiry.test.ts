import { beforeAll, describe, expect, it } from 'vitest';

import { CERT_EXPIRY_WARNING_DAYS, certificateExpiry, certificateNotice, expiryDate } from './certificate-expiry';
import { makePemPair, type PemPair } from './fixtures/test-pems';
import { CERT_EXPIRY_WARNING_DAYS as PEM_CHECK_WINDOW, checkPemPair } from './pem-checks';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date('2026-12-02T12:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('certificateExpiry', () => {
  it('is expired at and after the end, with 0 days left', () => {
    expect(certificateExpiry(at(0), now)).toEqual({ state: 'expired', daysLeft: 0 });
    expect(certificateExpiry(at(-5 * DAY_MS), now)).toEqual({ state: 'expired', daysLeft: 0 });
  });

  it(`is expiring with fewer than ${CERT_EXPIRY_WARNING_DAYS} days left, days rounded up`, () => {
    expect(certificateExpiry(at(3 * 60 * 60 * 1000), now)).toEqual({ state: 'expiring', daysLeft: 1 });
    expect(certificateExpiry(at(10 * DAY_MS), now)).toEqual({ state: 'expiring', daysLeft: 10 });
    expect(certificateExpiry(at(CERT_EXPIRY_WARNING_DAYS * DAY_MS - 1), now)).toEqual({ state: 'expiring', daysLeft: CERT_EXPIRY_WARNING_DAYS });
  });

  it(`is valid from ${CERT_EXPIRY_WARNING_DAYS} days on`, () => {
    expect(certificateExpiry(at(CERT_EXPIRY_WARNING_DAYS * DAY_MS), now)).toEqual({ state: 'valid', daysLeft: CERT_EXPIRY_WARNING_DAYS });
    expect(certificateExpiry(at(365 * DAY_MS), now)).toEqual({ state: 'valid', daysLeft: 365 });
  });

  it('refuses a date that does not parse', () => {
    expect(() => certificateExpiry('next spring', now)).toThrow(RangeError);
  });
});

describe('one window with the wizard', () => {
  const pairs: Record<string, PemPair> = {};
  beforeAll(async () => {
    const start = new Date(now.getTime() - DAY_MS);
    pairs.inside = await makePemPair({ notBefore: start, notAfter: new Date(now.getTime() + (CERT_EXPIRY_WARNING_DAYS - 1) * DAY_MS) });
    pairs.outside = await makePemPair({ notBefore: start, notAfter: new Date(now.getTime() + (CERT_EXPIRY_WARNING_DAYS + 1) * DAY_MS) });
  });

  it('is the constant pem-checks warns with, and warns for the same certificates', () => {
    expect(PEM_CHECK_WINDOW).toBe(CERT_EXPIRY_WARNING_DAYS);
    for (const [name, pair] of Object.entries(pairs)) {
      const checked = checkPemPair({ certPem: pair.cert, keyPem: pair.key, sslCname: 'ml.contoso.com', now });
      const warned = checked.warnings.length > 0;
      expect(certificateExpiry(checked.certificate!.notAfter, now).state === 'expiring', name).toBe(warned);
    }
    expect(certificateExpiry(checkPemPair({ certPem: pairs.inside.cert, keyPem: pairs.inside.key, sslCname: '', now }).certificate!.notAfter, now).state).toBe('expiring');
  });
});

describe('certificateNotice', () => {
  it('speaks of the first DNS name, else the CN, else the subject', () => {
    const notAfter = at(10 * DAY_MS);
    expect(certificateNotice({ subject: 'CN=other.contoso.com', sans: ['ml.contoso.com', '*.contoso.com'], notAfter }, now)).toEqual({
      state: 'expiring',
      daysLeft: 10,
      host: 'ml.contoso.com',
      notAfter,
    });
    expect(certificateNotice({ subject: 'C=US\nO=Contoso\nCN=cn.contoso.com', sans: [], notAfter }, now).host).toBe('cn.contoso.com');
    expect(certificateNotice({ subject: 'O=Contoso', sans: [], notAfter }, now).host).toBe('O=Contoso');
  });

  it('writes the date as ISO, in UTC, as the wizard does', () => {
    expect(expiryDate('2027-03-01T23:30:00-03:00')).toBe('2027-03-02');
  });
});
