/**
 * The emulator's stores have a ceiling and an expiry (issue 13, item 8): runCommand results
 * (about 100 KB each) and operations must not pile up in the default deployment's server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type Emulator } from './emulator';
import { COMMAND_RESULT_AFTER_READ_MS, COMMAND_RESULT_TTL_MS, MAX_COMMAND_RESULTS, MAX_OPERATIONS, SandboxState, type OperationRecord } from './state';
import { armRequest } from './test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD, SEEDED_WORLD } from './world';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 200 });
  // Results ready at once: these tests are about the store's bounds, not the command's duration.
  await armRequest(emu, 'PUT', '/_sandbox/behaviour', { token: null, body: { runCommandMs: 0 } });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const CLUSTER = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;

async function postCommand(): Promise<string> {
  const post = await armRequest(emu, 'POST', `${CLUSTER}/runCommand?api-version=2026-04-01`, { body: { command: 'kubectl get deploy,ds,sts -n azureml -o json' } });
  expect(post.status).toBe(202);
  return String(post.headers.location);
}
const read = async (location: string) => (await armRequest(emu, 'GET', location)).status;

describe('runCommand results', () => {
  it('a result read once is gone shortly after; an unread one lives until its TTL', async () => {
    const [readOnce, unread] = [await postCommand(), await postCommand()];
    expect(await read(readOnce)).toBe(200);
    // Only Date is faked: the sockets keep their real timers.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + COMMAND_RESULT_AFTER_READ_MS });
    expect(await read(readOnce)).toBe(404);
    expect(await read(unread)).toBe(200);
    vi.setSystemTime(Date.now() + COMMAND_RESULT_TTL_MS);
    expect(await read(unread)).toBe(404);
  });

  it(`keeps at most ${MAX_COMMAND_RESULTS}: the oldest unread result goes first`, async () => {
    const first = await postCommand();
    let last = first;
    for (let i = 0; i < MAX_COMMAND_RESULTS; i++) last = await postCommand();
    expect(await read(first)).toBe(404);
    expect(await read(last)).toBe(200);
  });
});

describe('SandboxState stores', () => {
  it(`keeps ${MAX_OPERATIONS} operations of ${MAX_OPERATIONS} + 1, dropping the oldest`, () => {
    const state = new SandboxState(SEEDED_WORLD, 200);
    const op = (id: string): OperationRecord => ({ id, resourceId: 'x', kind: 'create', status: 'Succeeded', error: null, startTime: '', endTime: '' });
    for (let i = 0; i <= MAX_OPERATIONS; i++) state.operations.set(`op-${i}`, op(`op-${i}`));
    expect(state.operations.size).toBe(MAX_OPERATIONS);
    expect(state.operations.get('op-0')).toBeUndefined();
    expect(state.operations.get(`op-${MAX_OPERATIONS}`)?.id).toBe(`op-${MAX_OPERATIONS}`);
    state.dispose();
  });
});
