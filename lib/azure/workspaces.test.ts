/**
 * listWorkspaces against an emulator whose Production subscription holds more workspaces than one
 * page (5), so the SDK's pager has to follow `nextLink`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { startEmulator, type Emulator } from '@/lib/sandbox/emulator';
import { LIST_PAGE_SIZE } from '@/lib/sandbox/http';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD, SEEDED_WORLD } from '@/lib/sandbox/world';
import type { WorldWorkspace } from '@/lib/sandbox/world-types';
import { setContractEmulator } from '@/test/contract/current-emulator';
import { sandboxUserCredential } from '@/test/contract/sandbox-users';

import { listWorkspaces } from './workspaces';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const extra: WorldWorkspace[] = Array.from({ length: LIST_PAGE_SIZE + 1 }, (_, i) => ({
  subscriptionId: PROD,
  resourceGroup: 'rg-ml-platform',
  name: `mlw-team-${i}`,
  location: 'eastus2',
  friendlyName: `Team ${i}`,
  workspaceId: `5b0c4e1d-7a2f-4c3b-9e8d-00000000000${i}`,
  purpose: 'paging',
}));
const world = { ...SEEDED_WORLD, workspaces: [...(SEEDED_WORLD.workspaces ?? []), ...extra] };
let emulator: Emulator;

beforeAll(async () => {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  emulator = await startEmulator({ provisioningMs: 100, world });
  setContractEmulator(emulator);
});
afterAll(async () => {
  setContractEmulator(undefined);
  await emulator.close();
  vi.unstubAllEnvs();
});

describe('listWorkspaces', () => {
  it('returns id, name, location and resource group of every workspace in the subscription, across pages', async () => {
    const seeded = world.workspaces.filter((w) => w.subscriptionId === PROD);
    expect(seeded.length).toBeGreaterThan(LIST_PAGE_SIZE);
    expect(await listWorkspaces(credential, PROD)).toEqual(
      seeded.map((w) => ({
        id: `/subscriptions/${PROD}/resourceGroups/${w.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${w.name}`,
        name: w.name,
        location: w.location,
        resourceGroup: w.resourceGroup,
      })),
    );
  });

  it('fails as an AppError (403 AuthorizationFailed) where the caller has no role', async () => {
    const carlos = await sandboxUserCredential(emulator, 'contributor');
    await expect(listWorkspaces(carlos, EDGE)).rejects.toMatchObject({ code: 'AuthorizationFailed', status: 403 });
  });

  it('fails as an AppError (404) for an unknown subscription', async () => {
    await expect(listWorkspaces(credential, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
  });
});
