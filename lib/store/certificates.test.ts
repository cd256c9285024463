/**
 * The remembered certificates on each store (SQLite always, PostgreSQL when configured): public
 * facts only, one row per extension whatever the case of its id, one query for a fleet.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { certificateOf, certificatesOf, CERTIFICATES_BATCH, forgetCertificate, rememberCertificate } from './certificates';
import { TEST_BACKENDS } from './test-backends';
import type { Database } from './types';

const EXTENSION = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/aks-prod/providers/Microsoft.KubernetesConfiguration/extensions/azureml';
const OTHER = EXTENSION.replace('aks-prod', 'aks-other');
const summary = { subject: 'CN=ml.contoso.com', sans: ['ml.contoso.com', '*.ml.contoso.com'], notAfter: '2027-03-02T10:00:00.000Z' };

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`certificates on ${backend.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ db, dispose } = await backend.open());
    });
    afterAll(async () => dispose());

    it('remembers the public facts by lower-cased id, and a renewal replaces them', async () => {
      const now = new Date('2026-12-02T12:00:00Z');
      await rememberCertificate(EXTENSION, summary, { db, now, recordedBy: 'oid-olivia.tid' });
      expect(await certificateOf(EXTENSION.toUpperCase(), db)).toEqual({
        extensionId: EXTENSION.toLowerCase(),
        ...summary,
        recordedAt: now.toISOString(),
        recordedBy: 'oid-olivia.tid',
      });
      const renewed = { subject: 'CN=ml.contoso.com', sans: ['ml.contoso.com'], notAfter: '2028-03-02T10:00:00Z' };
      await rememberCertificate(EXTENSION.toLowerCase(), renewed, { db });
      const rows = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM extension_certificates');
      expect(Number(rows[0].n)).toBe(1);
      expect(await certificateOf(EXTENSION, db)).toMatchObject({ sans: ['ml.contoso.com'], notAfter: '2028-03-02T10:00:00.000Z', recordedBy: null });
    });

    it('keeps only subject, names and date, whatever else the object carries', async () => {
      const carrying = { ...summary, certPem: '-----BEGIN CERTIFICATE-----\nMIIB', keyPem: '-----BEGIN PRIVATE KEY-----\nMIIE' };
      await rememberCertificate(OTHER, carrying, { db });
      const rows = await db.query<Record<string, unknown>>('SELECT * FROM extension_certificates');
      expect(JSON.stringify(rows)).not.toContain('BEGIN');
      expect(Object.keys(rows[0]).sort()).toEqual(['extension_id', 'not_after', 'recorded_at', 'recorded_by', 'sans', 'subject']);
    });

    it('refuses a summary without a valid date rather than storing nonsense', async () => {
      await expect(rememberCertificate(EXTENSION.replace('azureml', 'bad'), { ...summary, notAfter: 'soon' }, { db })).rejects.toThrow(RangeError);
      expect(await certificateOf(EXTENSION.replace('azureml', 'bad'), db)).toBeNull();
    });

    it('answers a fleet of ids in one query per batch, by lower-cased id, absent ones left out', async () => {
      const query = vi.spyOn(db, 'query');
      const ids = [EXTENSION, OTHER.toUpperCase(), EXTENSION.replace('aks-prod', 'aks-unknown')];
      const found = await certificatesOf(ids, db);
      expect([...found.keys()].sort()).toEqual([EXTENSION.toLowerCase(), OTHER.toLowerCase()].sort());
      expect(query).toHaveBeenCalledTimes(1);
      query.mockClear();
      const many = Array.from({ length: CERTIFICATES_BATCH + 1 }, (_, i) => `${EXTENSION}-${i}`);
      expect((await certificatesOf([...many, EXTENSION], db)).size).toBe(1);
      expect(query).toHaveBeenCalledTimes(2);
      query.mockRestore();
      expect((await certificatesOf([], db)).size).toBe(0);
    });

    it('forgets on delete, once', async () => {
      expect(await forgetCertificate(OTHER.toUpperCase(), db)).toBe(true);
      expect(await forgetCertificate(OTHER, db)).toBe(false);
      expect(await certificateOf(OTHER, db)).toBeNull();
      expect(await certificateOf(EXTENSION, db)).not.toBeNull();
    });
  });
}
