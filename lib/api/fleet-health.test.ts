/**
 * `GET /api/v1/extensions` (the fleet) carries each row's health: an extension nobody has looked
 * at answers `checking`, the refresh after the response reads its cluster once, and the next
 * listing answers what it saw (a crash-looping component: degraded), at no in-cluster read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { beginCreateExtension, getExtension } from '@/lib/azure/extensions';
import { formatExtensionId } from '@/lib/domain/extension-id';
import { parseClusterId } from '@/lib/domain/cluster';
import type { FleetHealth, FleetItem } from '@/lib/domain/fleet-query';
import { contractEmulator } from '@/test/contract/current-emulator';
import { credential, PRODUCTION_SUBSCRIPTION, startContractEmulator, stopContractEmulator } from '@/test/contract/harness';
import { pollUntil } from '@/lib/sandbox/test-client';
import { TRAINING_ONLY } from '@/test/helpers/sandbox-env';

import { getHealthRefresher } from '@/lib/deploy/fleet-health';

import { handleListFleet } from './fleet';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

/** Seeded with the `crash-looping-component` scenario: installs fine, then a component crash-loops. */
const CRASH_LOOP = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-crash-loop`;
/** A name only this file installs (each test file has a store of its own: test/setup/data-dir.ts). */
const NAME = 'fleet-health';
const EXTENSION_ID = formatExtensionId(parseClusterId(CRASH_LOOP)!, NAME);

async function listing(): Promise<FleetItem[]> {
  const response = await handleListFleet(new Request('http://localhost/api/v1/extensions', { headers: { authorization: 'Bearer sandbox-user' } }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: FleetItem[] }).value;
}

const healthOf = (items: FleetItem[]): FleetHealth | undefined => items.find((item) => item.id.toLowerCase() === EXTENSION_ID.toLowerCase())?.health;
const runCommands = async () => (await contractEmulator()).stats.snapshot().counts.filter((c) => c.surface === 'run-command').reduce((n, c) => n + c.count, 0);

beforeAll(async () => {
  await startContractEmulator();
  await beginCreateExtension(credential, CRASH_LOOP, NAME, TRAINING_ONLY);
  // Waits for the install through the ARM GET only: a status read would remember a summary.
  await pollUntil(() => getExtension(credential, EXTENSION_ID), (extension) => extension.provisioningState === 'Succeeded', 10_000);
});
afterAll(stopContractEmulator);

describe('the fleet listing carries each row\'s health', () => {
  it('answers checking first, then what the one refresh read: degraded, with when', async () => {
    const first = await listing();
    for (const item of first) {
      expect(item.health.state === 'checking' ? Object.keys(item.health) : Object.keys(item.health).sort()).toEqual(
        item.health.state === 'checking' ? ['state'] : ['checkedAt', 'state', 'summary'],
      );
    }
    expect(healthOf(first)).toEqual({ state: 'checking' });

    const seen = await pollUntil(async () => healthOf(await listing()), (health) => health?.state === 'known', 10_000, 50);
    expect(seen).toMatchObject({ state: 'known', summary: { level: 'degraded', provisioningState: 'Succeeded', componentsAvailable: true } });
    if (seen?.state !== 'known') throw new Error('unreachable');
    expect(seen.summary.problems[0]).toMatchObject({ reasonCode: 'CrashLoopBackOff' });
    expect(Date.now() - new Date(seen.checkedAt).getTime()).toBeLessThan(60_000);

    // A listing within the window reads nothing in the cluster, whatever its rows. The first
    // listing's refresh also reads the other seeded clusters (a runCommand takes a while): wait for
    // all of it to end before counting.
    await pollUntil(async () => getHealthRefresher().pending, (pending) => pending === 0, 20_000, 50);
    const before = await runCommands();
    expect(healthOf(await listing())).toEqual(seen);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await runCommands()).toBe(before);
  });
});
