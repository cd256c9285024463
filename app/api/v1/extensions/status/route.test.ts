import { afterAll, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { beginCreateExtension, deleteExtension } from '@/lib/azure/extensions';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { GET } from './route';

// The DNS check is the portal's resolver: tests never ask the network (lib/deploy/dns-check.test.ts tests it).
vi.mock('@/lib/deploy/dns-check', () => ({ checkDns: vi.fn(async () => ({ state: 'not-found' })) }));

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
    // Is it working, in one line; and the provisioning states the portal saw, kept in its store.
    expect(body.summary).toEqual({
      level: 'healthy',
      provisioningState: 'Succeeded',
      ready: body.components.length,
      total: body.components.length,
      componentsAvailable: true,
      problems: [],
    });
    expect(body.history).toEqual([{ state: 'Succeeded', at: expect.any(String) }]);
    // The seeded install's certificate was not sent through the portal: its end is not known.
    expect(body).not.toHaveProperty('certificateExpiresOn');
    // How to use it: HTTPS on a public load balancer for ml.contoso.example, and the record to create.
    const endpoint = body.endpoint as { address: string; dnsRecord: unknown };
    expect(endpoint).toMatchObject({ serviceType: 'LoadBalancer', scheme: 'https', port: 443, reachability: 'public', sslCname: 'ml.contoso.example' });
    expect(endpoint.dnsRecord).toEqual({ name: 'ml.contoso.example', type: 'A', value: endpoint.address });
    expect(body.dns).toEqual({ state: 'not-found' });
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

describe('GET /api/v1/extensions/status in the caller language', () => {
  const credential = new AccessTokenCredential(SANDBOX_TOKEN);
  const clusterId = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
  const id = `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml-legacy-i18n`;

  afterAll(async () => {
    await deleteExtension(credential, id, { force: true }).catch(() => undefined);
  });

  it('explains in Brazilian Portuguese when Accept-Language asks for it, in English otherwise', async () => {
    await beginCreateExtension(credential, clusterId, 'azureml-legacy-i18n', {
      extensionType: 'Microsoft.AzureML.Kubernetes',
      scope: { cluster: { releaseNamespace: 'azureml' } },
      configurationSettings: { enableTraining: 'True', inferenceLoadBalancerHA: 'False' },
    });
    type Body = { legacySettings: Array<{ code: string; title: string }> };
    const read = async (headers: Record<string, string>) => (await (await GET(new Request(url(id), { headers: { ...AUTH, ...headers } }))).json()) as Body;

    expect((await read({ 'accept-language': 'pt-BR,pt;q=0.9' })).legacySettings).toEqual([
      expect.objectContaining({ code: 'inferenceLoadBalancerHA', title: 'Configuração legada inferenceLoadBalancerHA' }),
    ]);
    expect((await read({})).legacySettings).toEqual([
      expect.objectContaining({ code: 'inferenceLoadBalancerHA', title: 'Legacy setting inferenceLoadBalancerHA' }),
    ]);
  });
});
