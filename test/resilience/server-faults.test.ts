/**
 * ARM answering 500s, answering slowly, and a long-running operation that fails: installs are
 * accepted exactly once, status settles by itself, and a failed install explains itself.
 */
import { describe, expect, it, vi } from 'vitest';

import { getExtension } from '@/lib/azure/extensions';
import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { SLOW_ARM_DELAY_MS } from '@/lib/sandbox/faults';

import {
  acceptedPuts,
  aksClusterId,
  answered,
  extensionIdOf,
  pollStatus,
  postInstall,
  setScenario,
  stateOf,
  trainingRequest,
  withResilienceEmulator,
} from './harness';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('../contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

withResilienceEmulator();

describe('ARM 500s (every 2nd request under arm-errors-500)', () => {
  it('retries them: one accepted PUT, the settings arrive intact, status reaches Succeeded', { timeout: 60_000 }, async () => {
    const cluster = aksClusterId('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    await setScenario('aks-prod-westeurope', 'arm-errors-500');
    const request = { ...trainingRequest(cluster), configurationSettings: { enableTraining: 'True', 'nodeSelector.team': 'ml' } };
    const [first, repeat] = [await postInstall(request, { idempotencyKey: 'five-hundred' }), await postInstall(request, { idempotencyKey: 'five-hundred' })];
    expect(first.status).toBe(202);
    expect(repeat.body).toEqual(first.body);
    const answers = await pollStatus(extensionIdOf(cluster), (a) => stateOf(a) === 'Succeeded');
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.at(-1)?.body.configurationSettings).toMatchObject({ enableTraining: 'True', 'nodeSelector.team': 'ml' });
    expect(acceptedPuts()).toBe(1);
    const served500 = answered('GET', 'extensions', 500) + answered('GET', 'managed-clusters', 500) + answered('PUT', 'extensions', 500) + answered('POST', 'run-command', 500);
    expect(served500).toBeGreaterThan(0);
  });
});

describe('slow ARM (about 1.5 s per request under slow-arm)', () => {
  it('waits instead of failing: one accepted PUT and status reaches Succeeded', { timeout: 90_000 }, async () => {
    const cluster = aksClusterId('aks-slow-arm', 'rg-ml-platform');
    const putsBefore = acceptedPuts();
    const started = performance.now();
    const accepted = await postInstall(trainingRequest(cluster), { idempotencyKey: 'slow-1' });
    expect(accepted.status).toBe(202);
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_ARM_DELAY_MS);
    await pollStatus(extensionIdOf(cluster), (a) => stateOf(a) === 'Succeeded', 60_000);
    expect(acceptedPuts()).toBe(putsBefore + 1);
    const readStarted = performance.now();
    await getExtension(new AccessTokenCredential('sandbox-user'), extensionIdOf(cluster));
    expect(performance.now() - readStarted).toBeGreaterThanOrEqual(SLOW_ARM_DELAY_MS - 50);
  });
});

describe('a long-running operation that fails (E40002)', () => {
  it('is accepted once, then status shows Failed with the explanation and the fix', { timeout: 60_000 }, async () => {
    const cluster = aksClusterId('aks-fails-ha');
    const putsBefore = acceptedPuts();
    const request = {
      clusterId: cluster,
      name: 'azureml',
      configurationSettings: { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' },
      configurationProtectedSettings: {},
    };
    const accepted = await postInstall(request, { idempotencyKey: 'e40002' });
    expect(accepted.status).toBe(202);
    const answers = await pollStatus(extensionIdOf(cluster), (a) => stateOf(a) === 'Failed');
    const failed = answers.at(-1)?.body ?? {};
    expect(failed.errorInfo).toMatchObject({ code: 'ExtensionOperationFailed', message: expect.stringContaining('E40002') });
    expect(JSON.stringify(failed.explanation)).toMatch(/inferenceRouterHA/);
    expect(acceptedPuts()).toBe(putsBefore + 1);
    // A repeat of the same click within the window does not start a second install.
    expect((await postInstall(request, { idempotencyKey: 'e40002' })).body).toEqual(accepted.body);
    expect(acceptedPuts()).toBe(putsBefore + 1);
  });
});
