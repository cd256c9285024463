/**
 * Issue 13, item 3, for the certificate check: an sslCname given as a protected setting is never
 * quoted when the certificate does not cover it (the deploy service passes `sslCnameProtected`).
 */
import { beforeAll, describe, expect, it } from 'vitest';

import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';
import { portugueseText } from '@/lib/i18n/testing';

import { makePemPair, type PemPair } from './fixtures/test-pems';
import { checkPemPair } from './pem-checks';

const CANARY = 'secretvalue42.contoso.com';
const LANGUAGES: [string, DomainText][] = [['en', englishText], ['pt-BR', portugueseText]];
let named: PemPair;
let nameless: PemPair;

beforeAll(async () => {
  named = await makePemPair({ cn: 'ml.contoso.com', sans: ['ml.contoso.com'] });
  nameless = await makePemPair({ cn: '', sans: [] });
});

describe('checkPemPair with a protected sslCname', () => {
  it.each(LANGUAGES)('refuses an uncovered name without quoting it, and names what the certificate covers (%s)', (_language, text) => {
    for (const pair of [named, nameless]) {
      const { errors, warnings } = checkPemPair({ certPem: pair.cert, keyPem: pair.key, sslCname: CANARY, sslCnameProtected: true }, text);
      expect(errors.map((e) => e.key)).toEqual(['sslCname']);
      expect(JSON.stringify([errors, warnings]).toLowerCase()).not.toContain('secretvalue42');
    }
    const { errors } = checkPemPair({ certPem: named.cert, keyPem: named.key, sslCname: CANARY, sslCnameProtected: true }, text);
    expect(errors[0].message).toContain('ml.contoso.com');
    const none = checkPemPair({ certPem: nameless.cert, keyPem: nameless.key, sslCname: CANARY, sslCnameProtected: true }, text);
    expect(none.errors.map((e) => e.message)).toEqual([text('pem.protectedNotCoveredNoNames')]);
  });

  it('still quotes a plain sslCname: it is not secret, and seeing it helps', () => {
    const { errors } = checkPemPair({ certPem: named.cert, keyPem: named.key, sslCname: CANARY });
    expect(errors[0].message).toContain(CANARY);
  });
});
