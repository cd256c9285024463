/**
 * Every case of the bad-input corpus against `POST /api/v1/plan` and `POST /api/v1/extensions`,
 * in-process through the real SDK clients into this file's emulator: a clear 4xx naming the
 * field, no protected value echoed back, no crash, and no ARM write at all.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { POST as postExtensions } from '@/app/api/v1/extensions/route';
import { POST as postPlan } from '@/app/api/v1/plan/route';

import { emulator, startResilienceEmulator, tearDownResilience } from '../resilience/harness';
import { buildCorpus, isRawBody, type BadInputCase } from './corpus';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('../contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const ROUTES = { 'POST /api/v1/plan': postPlan, 'POST /api/v1/extensions': postExtensions } as const;
const MIN_CORPUS_SIZE = 50;
/** PEM lines are 64 characters; any 24 in a row from a protected value must not come back. */
const ECHO_PROBE_LENGTH = 24;

let corpus: BadInputCase[];
beforeAll(async () => {
  await startResilienceEmulator();
  corpus = await buildCorpus();
});
afterAll(tearDownResilience);

function bodyText(c: BadInputCase): string {
  return isRawBody(c.body) ? c.body.raw : JSON.stringify(c.body);
}

/** Distinctive pieces of every protected value the case sends (PEM body lines, long strings). */
function secretProbes(c: BadInputCase): string[] {
  const protectedSettings = (c.body as { configurationProtectedSettings?: unknown } | null)?.configurationProtectedSettings;
  if (!protectedSettings || typeof protectedSettings !== 'object') return [];
  return Object.values(protectedSettings)
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split('\n'))
    .filter((line) => line.length >= ECHO_PROBE_LENGTH && !line.startsWith('-----'))
    .map((line) => line.slice(0, ECHO_PROBE_LENGTH));
}

async function send(route: keyof typeof ROUTES, c: BadInputCase) {
  const request = new Request(`http://localhost${route.split(' ')[1]}`, {
    method: 'POST',
    headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
    body: bodyText(c),
  });
  const response = await ROUTES[route](request);
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as { errors?: Array<{ key: string; message: string }>; error?: { code: string; message: string } } };
}

describe('the bad-input corpus', () => {
  it(`has at least ${MIN_CORPUS_SIZE} cases with unique names`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(MIN_CORPUS_SIZE);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  for (const route of Object.keys(ROUTES) as Array<keyof typeof ROUTES>) {
    it(`${route}: every case answers its clear 4xx, without echoing protected values`, { timeout: 120_000 }, async () => {
      const mismatches: string[] = [];
      for (const c of corpus) {
        const answer = await send(route, c);
        const keys = answer.json.errors?.map((e) => e.key) ?? [];
        if (answer.status !== c.status) mismatches.push(`${c.name}: status ${answer.status}, expected ${c.status} (${answer.text.slice(0, 200)})`);
        else if (c.status === 422 && c.key !== undefined && !keys.includes(c.key)) mismatches.push(`${c.name}: keys ${JSON.stringify(keys)}, expected ${JSON.stringify(c.key)}`);
        else if (c.status === 422 && !(answer.json.errors ?? []).every((e) => typeof e.message === 'string' && e.message.length > 0)) mismatches.push(`${c.name}: a field message is empty`);
        else if (c.status !== 422 && !(answer.json.error?.code && answer.json.error.message)) mismatches.push(`${c.name}: no { error: { code, message } }`);
        const echoed = [...secretProbes(c), ...(c.secret ? [c.secret] : [])].find((probe) => answer.text.includes(probe));
        if (echoed) mismatches.push(`${c.name}: echoes protected text`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('never wrote to ARM: no PUT, PATCH or DELETE reached the emulator', () => {
    const writes = emulator()
      .stats.snapshot()
      .counts.filter((c) => ['PUT', 'PATCH', 'DELETE'].includes(c.method));
    expect(writes).toEqual([]);
    // The corpus did reach ARM (the 404 cases read it), so "no write" is not "no traffic".
    expect(emulator().stats.snapshot().armReads).toBeGreaterThan(0);
  });
});
