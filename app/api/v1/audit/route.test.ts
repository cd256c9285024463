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

  it('answers 401 for a malformed header, and without credentials when nobody is signed in', async () => {
    expect((await GET(new Request(URL, { headers: { authorization: 'Basic abc' } }))).status).toBe(401);
    // No header and no session cookie: nobody is signed in by default, not even in the sandbox.
    const response = await GET(new Request(URL));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
