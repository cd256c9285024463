/** The process-wide sandbox: started once, shared through a global symbol. */
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSandbox, SANDBOX_TOKEN } from './runtime';
import { armRequest, asRecord } from './test-client';
import { RESEARCH_SUBSCRIPTION_ID } from './world';

afterAll(async () => {
  await (await ensureSandbox()).close();
});

describe('ensureSandbox', () => {
  it('starts one emulator per process and hands out the same promise', async () => {
    const a = ensureSandbox();
    const b = ensureSandbox();
    expect(b).toBe(a);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('azureml-portal.sandbox')]).toBe(a);
    const emu = await a;
    const r = await armRequest(emu, 'GET', '/subscriptions?api-version=2022-12-01', { token: SANDBOX_TOKEN });
    expect((asRecord(r.body).value as unknown[]).length).toBe(3);
  });

  it('refuses Relay writes where Microsoft.Relay is not registered', async () => {
    const emu = await ensureSandbox();
    const r = await armRequest(emu, 'PUT', `/subscriptions/${RESEARCH_SUBSCRIPTION_ID}/resourceGroups/rg-research/providers/Microsoft.Relay/namespaces/researchrelay?api-version=2017-04-01`, {
      body: { location: 'eastus2' },
    });
    expect(r.status).toBe(409);
    expect(asRecord(asRecord(r.body).error).code).toBe('MissingSubscriptionRegistration');
  });
});
