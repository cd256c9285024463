/**
 * Issue 13, item 4: `DELETE .../extensions/..` reached the cluster's provider path. An id whose
 * extension name is not a name (`..`, `.`, `-`) is now answered 400 by status, update and delete
 * before any ARM call.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { GET as getStatus } from '@/app/api/v1/extensions/status/route';
import * as extensions from '@/lib/azure/extensions';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { handleDeleteExtension, handleUpdateExtension } from './extension-management';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const CLUSTER = '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope';
const HEADERS = { authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' };

const url = (name: string) => `http://localhost/api/v1/extensions?id=${encodeURIComponent(`${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`)}`;

const ROUTES: Array<[string, (name: string) => Promise<Response>]> = [
  ['GET status', (name) => getStatus(new Request(url(name).replace('/extensions?', '/extensions/status?'), { headers: HEADERS }))],
  ['PATCH', (name) => handleUpdateExtension(new Request(url(name), { method: 'PATCH', headers: HEADERS, body: JSON.stringify({ releaseTrain: 'preview' }) }))],
  ['DELETE', (name) => handleDeleteExtension(new Request(url(name), { method: 'DELETE', headers: HEADERS }))],
];

afterEach(() => vi.restoreAllMocks());

describe('an extension id whose name is not a name', () => {
  for (const [route, send] of ROUTES) {
    it.each(['..', '.', '-', 'a..b', '-azureml', 'a'.repeat(254)])(`${route} answers 400 for %j, before any ARM call`, async (name) => {
      const arm = [vi.spyOn(extensions, 'getExtension'), vi.spyOn(extensions, 'deleteExtension'), vi.spyOn(extensions, 'updateExtension')];
      const response = await send(name);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('InvalidResourceId');
      for (const spy of arm) expect(spy).not.toHaveBeenCalled();
    });
  }
});
