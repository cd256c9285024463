/**
 * An ARM 429 storm: the SDK honours Retry-After and retries; while Azure keeps throttling, the
 * user gets `Throttled` (retryable) and no install is sent twice; afterwards the same request
 * goes through once.
 */
import { describe, expect, it, vi } from 'vitest';

import { ARM_RETRY_OPTIONS } from '@/lib/azure/clients';
import { getExtension } from '@/lib/azure/extensions';
import { AccessTokenCredential } from '@/lib/auth/token-credential';

import {
  acceptedPuts,
  aksClusterId,
  answered,
  extensionIdOf,
  pollStatus,
  postInstall,
  readStatus,
  setScenario,
  stateOf,
  trainingRequest,
  withResilienceEmulator,
} from './harness';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('../contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const CLUSTER = aksClusterId('aks-throttled', 'rg-ml-platform');
const EXTENSION = extensionIdOf(CLUSTER);
/** A second, empty cluster: preflight refuses a second Azure ML extension on one cluster. */
const CLEAN_CLUSTER = aksClusterId('aks-prod-westeurope', 'rg-ml-prod-westeurope');

withResilienceEmulator();

describe('ARM throttling (429 with Retry-After)', () => {
  it('installs through every-3rd-request throttling with exactly one PUT, and status settles', { timeout: 60_000 }, async () => {
    await setScenario('aks-throttled', 'arm-throttling');
    const key = 'throttle-install-1';
    const [first, second] = await Promise.all([postInstall(trainingRequest(CLUSTER), { idempotencyKey: key }), postInstall(trainingRequest(CLUSTER), { idempotencyKey: key })]);
    expect(first.status).toBe(202);
    expect(second.body).toEqual(first.body);
    const answers = await pollStatus(EXTENSION, (a) => stateOf(a) === 'Succeeded', 40_000);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.at(-1)?.body.configurationSettings).toMatchObject({ enableTraining: 'True' });
    expect(acceptedPuts()).toBe(1);
    expect(answered('GET', 'extensions', 429) + answered('GET', 'managed-clusters', 429) + answered('POST', 'run-command', 429)).toBeGreaterThan(0);
  });

  it('waits the Retry-After second before retrying a throttled read', { timeout: 30_000 }, async () => {
    await setScenario('aks-throttled', 'arm-throttling');
    const credential = new AccessTokenCredential('sandbox-user');
    // Every 3rd request is refused: the third read meets the 429 and must take Retry-After (1 s) longer.
    const durations: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await getExtension(credential, EXTENSION);
      durations.push(performance.now() - started);
    }
    expect(durations[2]).toBeGreaterThanOrEqual(950);
    expect(Math.max(durations[0], durations[1])).toBeLessThan(950);
  });

  it('under a storm: Throttled after the retries, no PUT, and the same request succeeds once Azure recovers', { timeout: 60_000 }, async () => {
    await setScenario('aks-throttled', 'arm-throttling-storm');
    const before429 = answered('GET', 'extensions', 429);
    const started = performance.now();
    const status = await readStatus(EXTENSION);
    expect(status.status).toBe(429);
    expect(status.body.error).toMatchObject({ code: 'Throttled', message: expect.stringMatching(/Azure is throttling/) });
    // One try and every retry, each after Retry-After: 1 s.
    expect(answered('GET', 'extensions', 429) - before429).toBe((ARM_RETRY_OPTIONS.maxRetries ?? 0) + 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual((ARM_RETRY_OPTIONS.maxRetries ?? 0) * 950);

    await setScenario('aks-prod-westeurope', 'arm-throttling-storm');
    const putsBefore = acceptedPuts();
    const request = { ...trainingRequest(CLEAN_CLUSTER), configurationSettings: { enableTraining: 'True', 'nodeSelector.pool': 'gpu' } };
    const refused = await postInstall(request, { idempotencyKey: 'storm-1' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'Throttled' });
    expect(acceptedPuts()).toBe(putsBefore);

    await setScenario('aks-prod-westeurope', null);
    const retried = await postInstall(request, { idempotencyKey: 'storm-1' });
    expect(retried.status).toBe(202);
    const settled = await pollStatus(extensionIdOf(CLEAN_CLUSTER), (a) => stateOf(a) === 'Succeeded');
    expect(settled.at(-1)?.body.configurationSettings).toMatchObject({ enableTraining: 'True', 'nodeSelector.pool': 'gpu' });
    expect(acceptedPuts()).toBe(putsBefore + 1);
  });
});
