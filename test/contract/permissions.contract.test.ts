/**
 * Contract: `Microsoft.Authorization/permissions` (`@azure/arm-authorization` 9.0.0, api-version
 * 2022-04-01) through the portal's own client into the emulator, for each kind of caller. There
 * is no ARM example file for it in shared/arm-examples, so the wire body is checked against the
 * REST spec's `PermissionGetResult` (authorization-RoleDefinitionsCalls.json, stable/2022-04-01):
 * `{ value: Permission[], nextLink? }`, a Permission being four string arrays.
 */
import type { TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createArmClients } from '@/lib/azure/clients';
import { readClusterPermissions } from '@/lib/azure/permissions';
import { isActionGranted } from '@/lib/domain/permissions';
import { EXTENSION_WRITE_ACTION } from '@/lib/domain/preflight/rules/permissions';
import type { Emulator } from '@/lib/sandbox/emulator';
import { BUILT_IN_ROLE_PERMISSIONS } from '@/lib/sandbox/identities';

import { credential, EDGE_SUBSCRIPTION, PRODUCTION_SUBSCRIPTION, recorder, startContractEmulator, stopContractEmulator } from './harness';
import { sandboxUserCredential } from './sandbox-users';
import { expectShape } from './shape';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('./current-emulator')).runtimeOnContractEmulator(importOriginal));

const AKS = { resourceGroup: 'rg-ml-prod-westeurope', name: 'aks-prod-westeurope' };
const AKS_ID = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/${AKS.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${AKS.name}`;
const ARC_ID = `/subscriptions/${EDGE_SUBSCRIPTION}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-single-node`;

/** The spec's PermissionGetResult, as an example body for expectShape (values are placeholders). */
const SPEC_SHAPE = { value: [{ actions: ['a'], notActions: ['a'], dataActions: ['a'], notDataActions: ['a'] }] };

let emulator: Emulator;
const users = new Map<string, TokenCredential>();

beforeAll(async () => {
  emulator = await startContractEmulator();
  for (const key of ['owner', 'contributor', 'reader']) users.set(key, await sandboxUserCredential(emulator, key));
});
afterAll(stopContractEmulator);

async function listForAks(who: TokenCredential) {
  const { authorization } = await createArmClients(who, PRODUCTION_SUBSCRIPTION);
  const wire = recorder();
  const entries = [];
  for await (const entry of authorization.permissions.listForResource(AKS.resourceGroup, 'Microsoft.ContainerService', '', 'managedClusters', AKS.name, {
    onResponse: wire.onResponse,
  })) {
    entries.push(entry);
  }
  return { entries, wire };
}

describe('permissions.listForResource on a cluster', () => {
  it.each([
    ['opaque token (full rights)', () => credential, BUILT_IN_ROLE_PERMISSIONS.Owner, true],
    ['owner', () => users.get('owner')!, BUILT_IN_ROLE_PERMISSIONS.Owner, true],
    ['contributor', () => users.get('contributor')!, BUILT_IN_ROLE_PERMISSIONS.Contributor, true],
    ['reader', () => users.get('reader')!, BUILT_IN_ROLE_PERMISSIONS.Reader, false],
  ])('%s: one entry, the spec’s shape, and the extension write granted: %s', async (_who, who, expected, canInstall) => {
    const { entries, wire } = await listForAks(who());
    expect(wire.last().status).toBe(200);
    expectShape(wire.last().body, SPEC_SHAPE);
    expect(wire.last().body).not.toHaveProperty('nextLink');
    expect(entries).toEqual([expected]);
    expect(isActionGranted(entries, EXTENSION_WRITE_ACTION)).toBe(canInstall);
  });

  it('is refused (403 AuthorizationFailed) where the caller has no role at all, as ARM refuses it', async () => {
    const { authorization } = await createArmClients(users.get('contributor')!, EDGE_SUBSCRIPTION);
    const pages = authorization.permissions.listForResource('rg-edge-stores', 'Microsoft.Kubernetes', '', 'connectedClusters', 'arc-single-node');
    await expect(pages.next()).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
  });

  it('answers 404 for a resource group that does not exist', async () => {
    const { authorization } = await createArmClients(credential, PRODUCTION_SUBSCRIPTION);
    await expect(authorization.permissions.listForResourceGroup('rg-nowhere').next()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('readClusterPermissions', () => {
  it('reads the cluster’s entries on AKS, and on Arc the resource group’s too (where the Relay goes)', async () => {
    expect(await readClusterPermissions(users.get('reader')!, AKS_ID)).toEqual({ cluster: [BUILT_IN_ROLE_PERMISSIONS.Reader] });
    expect(await readClusterPermissions(users.get('owner')!, ARC_ID)).toEqual({
      cluster: [BUILT_IN_ROLE_PERMISSIONS.Owner],
      resourceGroup: [BUILT_IN_ROLE_PERMISSIONS.Owner],
    });
  });

  it('fails as an AppError when even reading permissions is refused', async () => {
    await expect(readClusterPermissions(users.get('contributor')!, ARC_ID)).rejects.toMatchObject({ code: 'AuthorizationFailed', status: 403 });
  });
});
