/** `POST /_sandbox/restart`: the emulator goes away for a while and comes back where it was. */
import { afterEach, describe, expect, it } from 'vitest';

import { startEmulator, type Emulator } from '../emulator';
import { armRequest, asRecord } from '../test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD } from '../world';
import { MAX_RESTART_DOWN_MS } from './sandbox-admin';

const EXTENSION = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`;
/** Long enough that polling every few milliseconds sees the outage. */
const OUTAGE_MS = 1_500;
/** Deadline for a state the test polls for (a bound on failure, not a speed check). */
const WAIT_MS = 10_000;

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** How an unreachable emulator fails a connection: refused, or reset while it was going down. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET']);

/** 'up' when the emulator answers, 'down' when it cannot be reached. */
async function reachability(target: Emulator): Promise<'up' | 'down'> {
  try {
    await armRequest(target, 'GET', '/subscriptions?api-version=2022-12-01');
    return 'up';
  } catch (e) {
    if (UNREACHABLE.has((e as NodeJS.ErrnoException).code ?? '')) return 'down';
    throw e;
  }
}

async function waitUntil(target: Emulator, wanted: 'up' | 'down'): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while ((await reachability(target)) !== wanted) {
    if (Date.now() > deadline) throw new Error(`the emulator never went ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('POST /_sandbox/restart', () => {
  it('answers 202, refuses connections for the outage, then listens again on the same port with the world intact', { timeout: 20_000 }, async () => {
    emu = await startEmulator({ provisioningMs: 100 });
    const put = await armRequest(emu, 'PUT', EXTENSION, { body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: { enableTraining: 'True' } } } });
    expect(put.status).toBe(201);

    // No bearer token, as for every admin route.
    const restart = await armRequest(emu, 'POST', '/_sandbox/restart', { body: { downForMs: OUTAGE_MS }, token: null });
    expect(restart.status).toBe(202);
    expect(restart.body).toEqual({ downForMs: OUTAGE_MS });

    await waitUntil(emu, 'down');
    await waitUntil(emu, 'up');
    // Same endpoint and certificate (armRequest trusts only `ca`), same world, same counters.
    const after = await armRequest(emu, 'GET', EXTENSION);
    expect(after.status).toBe(200);
    expect(asRecord(asRecord(after.body).properties).configurationSettings).toMatchObject({ enableTraining: 'True' });
    expect(emu.stats.accepted('PUT', 'extensions')).toBe(1);
  });

  it('cuts requests that are in flight when it goes down', { timeout: 20_000 }, async () => {
    emu = await startEmulator({ provisioningMs: 100 });
    const slowCluster = `/subscriptions/${PROD}/resourceGroups/rg-ml-platform/providers/Microsoft.ContainerService/managedClusters/aks-slow-arm?api-version=2026-04-01`;
    // slow-arm holds the request about 1.5 s: the restart lands while it waits.
    const inFlight = armRequest(emu, 'GET', slowCluster);
    const restart = await armRequest(emu, 'POST', '/_sandbox/restart', { body: { downForMs: OUTAGE_MS }, token: null });
    expect(restart.status).toBe(202);
    await expect(inFlight).rejects.toThrow();
    await waitUntil(emu, 'up');
    expect((await armRequest(emu, 'GET', slowCluster)).status).toBe(200);
  });

  it.each([[{}], [{ downForMs: -1 }], [{ downForMs: 1.5 }], [{ downForMs: '1000' }], [{ downForMs: MAX_RESTART_DOWN_MS + 1 }]])(
    'refuses %j with 400 and stays up',
    async (body) => {
      emu = await startEmulator({ provisioningMs: 100 });
      const response = await armRequest(emu, 'POST', '/_sandbox/restart', { body, token: null });
      expect(response.status).toBe(400);
      expect(asRecord(asRecord(response.body).error).code).toBe('InvalidRequestContent');
      expect(await reachability(emu)).toBe('up');
    },
  );

  it('does not come back once the emulator is closed during the outage', { timeout: 20_000 }, async () => {
    const closing = await startEmulator({ provisioningMs: 100 });
    const restart = await armRequest(closing, 'POST', '/_sandbox/restart', { body: { downForMs: 200 }, token: null });
    expect(restart.status).toBe(202);
    await waitUntil(closing, 'down');
    await closing.close();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await reachability(closing)).toBe('down');
  });
});
