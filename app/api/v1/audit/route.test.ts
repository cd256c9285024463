import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { recordAudit } from '@/lib/audit/audit';
import type { AuditEntry } from '@/lib/audit/types';

import { GET } from './route';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');
const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-audit-route-'));
vi.stubEnv('PORTAL_DATA_DIR', dataDir);
vi.stubEnv('DATABASE_URL', '');

const URL = 'http://localhost/api/v1/audit';
const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const UNSEEN = '00000000-0000-4000-8000-000000000000';
const auth = { authorization: 'Bearer sandbox-user' };
const actor = { id: 'sandbox-user', name: 'sandbox-user' };

beforeAll(async () => {
  for (let n = 0; n < 3; n += 1) {
    await recordAudit({ actor, action: 'register-provider', subscriptionId: PROD, settings: { namespace: `Ns.${n}` }, outcome: 'succeeded' });
  }
  await recordAudit({ actor, action: 'register-provider', subscriptionId: UNSEEN, outcome: 'succeeded' });
});

/** The export's entries: 450 installs on two clusters (more than two store pages), recorded once. */
const EXPORT_CLUSTER = (name: string) => `/subscriptions/${PROD}/resourceGroups/rg-export/providers/Microsoft.ContainerService/managedClusters/${name}`;
let exportRecorded = false;
async function recordExportEntries() {
  if (exportRecorded) return;
  exportRecorded = true;
  for (let n = 0; n < 450; n += 1) {
    await recordAudit({
      actor: { id: 'oid-eve', name: n === 0 ? '=cmd|calc' : 'Eve Exporter' },
      action: 'create',
      clusterId: EXPORT_CLUSTER(n % 3 === 0 ? 'aks-export-failed' : 'aks-export-ok'),
      settings: { enableTraining: 'True', index: String(n) },
      protectedKeys: [],
      outcome: n % 3 === 0 ? 'failed' : 'succeeded',
      ...(n % 3 === 0 ? { error: { code: 'E', message: 'Helm said "no", twice' } } : {}),
    });
  }
}
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface AuditBody {
  value: AuditEntry[];
  nextCursor?: string;
}

describe('GET /api/v1/audit', () => {
  it('pages newest first with a cursor, only in subscriptions the caller can see', async () => {
    const first = (await (await GET(new Request(`${URL}?limit=2`, { headers: auth }))).json()) as AuditBody;
    expect(first.value.map((e) => e.settings?.namespace)).toEqual(['Ns.2', 'Ns.1']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const response = await GET(new Request(`${URL}?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`, { headers: auth }));
    expect(response.headers.get('cache-control')).toBe('no-store');
    const second = (await response.json()) as AuditBody;
    expect(second.value.map((e) => e.settings?.namespace)).toEqual(['Ns.0']);
    expect(second.nextCursor).toBeUndefined();
    expect(JSON.stringify([first, second])).not.toContain(UNSEEN);
  });

  it('answers 400 for a bad limit or cursor', async () => {
    for (const query of ['limit=0', 'limit=abc', 'limit=1000', 'cursor=nope']) {
      const response = await GET(new Request(`${URL}?${query}`, { headers: auth }));
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
    }
  });

  it('answers 400 with a clear message for a bad filter or format, in the caller language', async () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      ['outcome=ok', /outcome must be one of: pending, accepted/, /outcome deve ser um destes/],
      ['action=rename', /action must be one of: create, update/, /action deve ser um destes/],
      ['subscription=prod', /subscription must be a subscription ID/, /subscription deve ser um ID de assinatura/],
      ['from=yesterday', /from must be a date \(YYYY-MM-DD\)/, /from deve ser uma data \(AAAA-MM-DD\)/],
      ['from=2026-11-02&to=2026-11-01', /must not be after the end date/, /não pode ser posterior/],
      [`search=${'x'.repeat(400)}`, /search is too long: at most 300 characters/, /search é longo demais/],
      ['format=xml', /format must be csv or json/, /format deve ser csv ou json/],
    ];
    for (const [query, english, portuguese] of cases) {
      for (const [language, expected] of [['en', english], ['pt-BR', portuguese]] as const) {
        const response = await GET(new Request(`${URL}?${query}`, { headers: { ...auth, 'accept-language': language } }));
        expect(response.status, query).toBe(400);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('BadRequest');
        expect(body.error.message, `${query} ${language}`).toMatch(expected);
      }
    }
  });

  it('filters, and pages with the cursor within the filter', async () => {
    await recordExportEntries();
    const query = `cluster=aks-export-failed&outcome=failed&user=eve&limit=100`;
    const first = (await (await GET(new Request(`${URL}?${query}`, { headers: auth }))).json()) as AuditBody;
    expect(first.value).toHaveLength(100);
    expect(first.value.every((e) => e.clusterId?.endsWith('/aks-export-failed') && e.outcome === 'failed')).toBe(true);
    const second = (await (await GET(new Request(`${URL}?${query}&cursor=${encodeURIComponent(first.nextCursor ?? '')}`, { headers: auth }))).json()) as AuditBody;
    expect(second.value).toHaveLength(50);
    expect(second.nextCursor).toBeUndefined();
    const searched = (await (await GET(new Request(`${URL}?search=${encodeURIComponent('said "no"')}&limit=200`, { headers: auth }))).json()) as AuditBody;
    expect(searched.value).toHaveLength(150);
  });

  it('exports the filtered rows as a streamed CSV attachment, formulas neutralised', async () => {
    await recordExportEntries();
    const response = await GET(new Request(`${URL}?format=csv&cluster=aks-export-ok&limit=5`, { headers: auth }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{8}-\d{6}Z\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      text += decoder.decode(read.value, { stream: true });
      chunks += 1;
    }
    const lines = text.split('\r\n').filter(Boolean);
    // limit does not apply to an export: all 300 of the cluster, plus the header, read 200 at a time.
    expect(lines).toHaveLength(301);
    expect(chunks).toBeGreaterThanOrEqual(3);
    expect(lines[0]).toBe('at,actorId,actorName,action,outcome,subscriptionId,clusterId,extensionId,errorCode,errorMessage,settings,previousSettings,resourceId');
    expect(lines.slice(1).every((line) => line.includes('/aks-export-ok,'))).toBe(true);

    const all = await (await GET(new Request(`${URL}?format=csv&user=oid-eve&outcome=failed`, { headers: auth }))).text();
    expect(all).toContain("'=cmd|calc");
    expect(all).not.toMatch(/(^|,)=cmd/m);
    expect(all).toContain('"Helm said ""no"", twice"');
  });

  it('exports JSON as one array of the filtered entries, never other subscriptions', async () => {
    await recordExportEntries();
    const response = await GET(new Request(`${URL}?format=json&outcome=succeeded`, { headers: auth }));
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.json"$/);
    const entries = (await response.json()) as AuditEntry[];
    expect(entries.length).toBe(303);
    expect(entries.every((e) => e.outcome === 'succeeded')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(UNSEEN);
  });

  it('answers 401 for a malformed header, and without credentials when nobody is signed in', async () => {
    expect((await GET(new Request(URL, { headers: { authorization: 'Basic abc' } }))).status).toBe(401);
    // No header and no session cookie: nobody is signed in by default, not even in the sandbox.
    const response = await GET(new Request(URL));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
