import { describe, expect, it, vi } from 'vitest';

import { GET } from './route';

// Sandbox mode whatever the developer's shell exports (blank counts as unset).
vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const ext = (cluster: string, name: string) =>
  `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;
const url = (id: string) => `http://localhost/api/v1/extensions/status?id=${encodeURIComponent(id)}`;
const AUTH = { authorization: 'Bearer sandbox-user' };

describe('GET /api/v1/extensions/status', () => {
  it('answers the status of the seeded AKS install with its components', async () => {
    const response = await GET(new Request(url(ext('aks-prod-eastus', 'azureml')), { headers: AUTH }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown> & { components: Array<Record<string, unknown>> };
    expect(body).toMatchObject({ provisioningState: 'Succeeded', statuses: [], errorInfo: null, componentsAvailable: true });
    expect(body.components.length).toBeGreaterThan(5);
    expect(Object.keys(body.components[0])).toEqual(expect.arrayContaining(['name', 'kind', 'desired', 'ready', 'state', 'restarts']));
    // Protected settings are write-only: the answer never has the field.
    expect(JSON.stringify(body)).not.toMatch(/configurationProtectedSettings|sslKey/);
  });

  it('answers 400 for a missing or bad id', async () => {
    expect((await GET(new Request('http://localhost/api/v1/extensions/status', { headers: AUTH }))).status).toBe(400);
    expect((await GET(new Request(url('/subscriptions/x/resourceGroups/y'), { headers: AUTH }))).status).toBe(400);
  });

  it('answers 404 for an extension that does not exist', async () => {
    const response = await GET(new Request(url(ext('aks-two-nodes', 'azureml')), { headers: AUTH }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });

  it('answers 401 for a malformed Authorization header', async () => {
    const response = await GET(new Request(url(ext('aks-prod-eastus', 'azureml')), { headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
