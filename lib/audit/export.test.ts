import { describe, expect, it } from 'vitest';

import { AUDIT_CSV_HEADER } from './csv';
import { AUDIT_EXPORT_PAGE_SIZE, auditExportFileName, auditExportStream, type AuditPageReader } from './export';
import type { AuditEntry } from './types';

const entry = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `id-${n}`,
  at: new Date(Date.UTC(2026, 10, 1, 0, 0, 0, n)).toISOString(),
  actor: { id: 'oid', name: 'Ada' },
  action: 'create',
  outcome: 'succeeded',
  ...extra,
});

/** A trail of `total` entries read `limit` at a time, counting the reads. */
function fakeTrail(total: number) {
  const reads: Array<string | undefined> = [];
  const read: AuditPageReader = async (before, limit) => {
    reads.push(before);
    const start = before ? Number(before) : 0;
    const value = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => entry(start + i));
    return start + limit < total ? { value, nextCursor: String(start + limit) } : { value };
  };
  return { read, reads };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, chunks };
    text += decoder.decode(value, { stream: true });
    chunks += 1;
  }
}

describe('auditExportStream', () => {
  it('reads the next page only when the reader wants more', async () => {
    const trail = fakeTrail(AUDIT_EXPORT_PAGE_SIZE * 3 + 5);
    const stream = await auditExportStream('csv', trail.read);
    expect(trail.reads).toEqual([undefined]);
    const reader = stream.getReader();
    await reader.read(); // the header
    await reader.read(); // the first page
    expect(trail.reads.length).toBeLessThanOrEqual(3);
    reader.releaseLock();
    const rest = await readAll(stream);
    expect(trail.reads).toHaveLength(4);
    expect(rest.text.split('\r\n').filter(Boolean)).toHaveLength(AUDIT_EXPORT_PAGE_SIZE * 2 + 5);
  });

  it('writes CSV with a header and one line per entry, and valid JSON', async () => {
    const csv = await readAll(await auditExportStream('csv', fakeTrail(450).read));
    expect(csv.text.startsWith(AUDIT_CSV_HEADER)).toBe(true);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(451);
    expect(csv.chunks).toBeGreaterThanOrEqual(4);
    const json = JSON.parse((await readAll(await auditExportStream('json', fakeTrail(450).read))).text) as AuditEntry[];
    expect(json.map((e) => e.id)).toEqual(Array.from({ length: 450 }, (_, i) => `id-${i}`));
    expect(JSON.parse((await readAll(await auditExportStream('json', fakeTrail(0).read))).text)).toEqual([]);
    expect((await readAll(await auditExportStream('csv', fakeTrail(0).read))).text).toBe(AUDIT_CSV_HEADER);
  });

  it('leaves out secret-looking settings even from a row stored before the guard knew them', async () => {
    const read: AuditPageReader = async () => ({ value: [entry(1, { settings: { a: '1', dbPassword: 'p@ss' }, previousSettings: { dbPassword: 'old' } })] });
    const [only] = JSON.parse((await readAll(await auditExportStream('json', read))).text) as AuditEntry[];
    expect(only.settings).toEqual({ a: '1' });
    expect(only.previousSettings).toEqual({});
  });

  it('fails its first read as an ordinary error, and ends the stream in error on a later one', async () => {
    await expect(auditExportStream('csv', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    let calls = 0;
    const seen: unknown[] = [];
    const read: AuditPageReader = async () => {
      calls += 1;
      if (calls > 1) throw new Error('store gone');
      return { value: [entry(1)], nextCursor: 'next' };
    };
    await expect(readAll(await auditExportStream('csv', read, (err) => seen.push(err)))).rejects.toThrow('store gone');
    expect(seen).toHaveLength(1);
  });

  it('names the file by the time of the export', () => {
    expect(auditExportFileName('csv', new Date('2026-11-28T23:38:20.123Z'))).toBe('audit-20261128-233820Z.csv');
  });
});
