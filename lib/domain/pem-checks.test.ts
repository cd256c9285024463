import { beforeAll, describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { makeEncryptedKey, makePemPair, makeUnrelatedKey, type PemPair } from './fixtures/test-pems';
import { CERT_EXPIRY_WARNING_DAYS, checkPemPair, dnsNamesOf, hostnameCovered } from './pem-checks';

const DAY_MS = 24 * 60 * 60 * 1000;
let good: PemPair;

beforeAll(async () => {
  good = await makePemPair({ cn: 'ml.contoso.com', sans: ['ml.contoso.com', '*.apps.contoso.com'] });
});

const keysOf = (messages: Array<{ key: string }>) => messages.map((m) => m.key);

describe('checkPemPair', () => {
  it('accepts a matching, current pair covering sslCname, and summarises the certificate', () => {
    const result = checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'ml.contoso.com' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.certificate?.subject).toContain('CN=ml.contoso.com');
    expect(result.certificate?.sans).toEqual(['ml.contoso.com', '*.apps.contoso.com']);
    expect(Date.parse(result.certificate?.notAfter ?? '')).toBeGreaterThan(Date.now());
  });

  it('accepts a name covered by a one-label wildcard SAN, and refuses two labels deep', () => {
    expect(checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'scoring.apps.contoso.com' }).errors).toEqual([]);
    const deep = checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'a.b.apps.contoso.com' });
    expect(keysOf(deep.errors)).toEqual(['sslCname']);
    expect(deep.errors[0].message).toMatch(/does not cover a\.b\.apps\.contoso\.com.*ml\.contoso\.com, \*\.apps\.contoso\.com/);
  });

  it('names each host once when refusing, even when the CN repeats a SAN in another case', async () => {
    const repeated = await makePemPair({ cn: 'ML.Contoso.com', sans: ['ml.contoso.com', 'api.contoso.com'] });
    const result = checkPemPair({ certPem: repeated.cert, keyPem: repeated.key, sslCname: 'other.fabrikam.com' });
    expect(result.errors.map((e) => e.message)).toEqual([
      'The certificate does not cover other.fabrikam.com: it is issued for ml.contoso.com, api.contoso.com. Use a certificate for other.fabrikam.com, or change sslCname.',
    ]);
  });

  it('refuses a certificate issued for another name', async () => {
    const other = await makePemPair({ cn: 'www.fabrikam.com' });
    const result = checkPemPair({ certPem: other.cert, keyPem: other.key, sslCname: 'ml.contoso.com' });
    expect(keysOf(result.errors)).toEqual(['sslCname']);
  });

  it('refuses an expired certificate, with the date', async () => {
    const expired = await makePemPair({ notBefore: new Date(Date.now() - 400 * DAY_MS), notAfter: new Date(Date.now() - 2 * DAY_MS) });
    const result = checkPemPair({ certPem: expired.cert, keyPem: expired.key, sslCname: 'ml.contoso.com' });
    expect(keysOf(result.errors)).toEqual(['sslCertPemFile']);
    expect(result.errors[0].message).toMatch(/expired on \d{4}-\d{2}-\d{2}/);
  });

  it(`warns, without blocking, when the certificate expires within ${CERT_EXPIRY_WARNING_DAYS} days`, () => {
    const now = new Date(Date.parse(checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'x' }).certificate!.notAfter) - 10 * DAY_MS);
    const result = checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'ml.contoso.com', now });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ key: 'sslCertPemFile', message: expect.stringMatching(/expires in 10 days/) }]);
  });

  it('refuses a passphrase-protected key with the openssl command to fix it', () => {
    const result = checkPemPair({ certPem: good.cert, keyPem: makeEncryptedKey(), sslCname: 'ml.contoso.com' });
    expect(result.errors).toEqual([
      { key: 'sslKeyPemFile', message: 'Passphrase-protected keys are not supported: export it without a passphrase with `openssl rsa -in key.pem -out key-nopass.pem`.' },
    ]);
  });

  it('refuses a key that does not belong to the certificate', () => {
    const result = checkPemPair({ certPem: good.cert, keyPem: makeUnrelatedKey(), sslCname: 'ml.contoso.com' });
    expect(keysOf(result.errors)).toEqual(['sslKeyPemFile']);
    expect(result.errors[0].message).toMatch(/does not belong to the certificate/);
  });

  it('refuses non-ASCII text in either PEM', () => {
    const cert = `Émis par Contoso\n${good.cert}`;
    const result = checkPemPair({ certPem: cert, keyPem: good.key, sslCname: 'ml.contoso.com' });
    expect(keysOf(result.errors)).toEqual(['sslCertPemFile']);
    expect(result.errors[0].message).toMatch(/non-ASCII/);
  });

  it('refuses text that is not PEM, and a PEM that does not parse, with one message each', () => {
    const notPem = checkPemPair({ certPem: 'hello', keyPem: 'world', sslCname: 'ml.contoso.com' });
    expect(keysOf(notPem.errors)).toEqual(['sslCertPemFile', 'sslKeyPemFile']);
    const broken = checkPemPair({
      certPem: '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n',
      keyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      sslCname: 'ml.contoso.com',
    });
    expect(broken.errors.map((e) => e.message)).toEqual([expect.stringMatching(/certificate could not be read/), expect.stringMatching(/private key could not be read/)]);
  });

  it('refuses PEMs over the size limit', () => {
    const huge = `${good.cert}${'#'.repeat(70 * 1024)}`;
    expect(checkPemPair({ certPem: huge, keyPem: good.key, sslCname: 'ml.contoso.com' }).errors[0].message).toMatch(/larger than 64 KiB/);
  });

  it('never puts the key text, or any part of it, in a message', () => {
    const keyBody = good.key.split('\n')[1];
    const results = [
      checkPemPair({ certPem: good.cert, keyPem: makeUnrelatedKey(), sslCname: 'nope.example' }),
      checkPemPair({ certPem: good.cert, keyPem: good.key.replace('PRIVATE KEY-----\n', 'PRIVATE KEY-----\n!!'), sslCname: 'x' }),
    ];
    for (const result of results) expect(JSON.stringify(result)).not.toContain(keyBody.slice(0, 20));
  });
});

describe('certificate name helpers', () => {
  it('reads DNS names from an OpenSSL subjectAltName string', () => {
    expect(dnsNamesOf('DNS:a.com, IP Address:10.0.0.1, DNS:*.b.com')).toEqual(['a.com', '*.b.com']);
    expect(dnsNamesOf(undefined)).toEqual([]);
  });

  it('matches host names case-insensitively, wildcards for exactly one label', () => {
    expect(hostnameCovered('ML.Contoso.com', 'ml.contoso.com')).toBe(true);
    expect(hostnameCovered('x.contoso.com', '*.contoso.com')).toBe(true);
    expect(hostnameCovered('contoso.com', '*.contoso.com')).toBe(false);
    expect(hostnameCovered('a.x.contoso.com', '*.contoso.com')).toBe(false);
  });
});

describe('checkPemPair in Brazilian Portuguese', () => {
  it('says a wrong host name, a foreign key and an expiry in Portuguese, names and dates unchanged', async () => {
    const mismatch = checkPemPair({ certPem: good.cert, keyPem: makeUnrelatedKey(), sslCname: 'nope.example' }, portugueseText);
    expect(mismatch.errors).toEqual([
      { key: 'sslKeyPemFile', message: 'A chave privada não pertence ao certificado; carregue a chave para a qual o certificado foi emitido.' },
      {
        key: 'sslCname',
        message: 'O certificado não cobre nope.example: ele foi emitido para ml.contoso.com, *.apps.contoso.com. Use um certificado para nope.example ou altere sslCname.',
      },
    ]);
    const notAfter = Date.parse(checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'x' }).certificate!.notAfter);
    const soon = checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'ml.contoso.com', now: new Date(notAfter - 1 * DAY_MS) }, portugueseText);
    expect(soon.warnings).toEqual([{ key: 'sslCertPemFile', message: `O certificado expira em 1 dia (${new Date(notAfter).toISOString().slice(0, 10)}); planeje a renovação.` }]);
    const expired = checkPemPair({ certPem: good.cert, keyPem: good.key, sslCname: 'ml.contoso.com', now: new Date(notAfter + DAY_MS) }, portugueseText);
    expect(expired.errors[0].message).toBe(`O certificado expirou em ${new Date(notAfter).toISOString().slice(0, 10)}; use um certificado válido.`);
  });

  it('refuses unreadable and passphrase-protected keys in Portuguese', () => {
    expect(checkPemPair({ certPem: good.cert, keyPem: makeEncryptedKey(), sslCname: 'ml.contoso.com' }, portugueseText).errors[0].message).toMatch(
      /^Chaves protegidas por senha não são compatíveis: .*openssl rsa -in key\.pem -out key-nopass\.pem/,
    );
    const broken = checkPemPair({ certPem: '-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----', keyPem: good.key, sslCname: 'x' }, portugueseText);
    expect(broken.errors[0].message).toMatch(/^Não foi possível ler o certificado/);
  });
});
