import { beforeAll, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import * as extensions from '@/lib/azure/extensions';
import { SEED_CLUSTERS, seedScenarios, type SeedScenario } from '@/lib/domain/fixtures/seed-scenarios';
import { makePemPair, type PemPair } from '@/lib/domain/fixtures/test-pems';
import { ensureSandbox, SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { POST } from './route';

// The real module, with the PUT observable so a test can count installs.
vi.mock('@/lib/azure/extensions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/extensions')>();
  return { ...actual, beginCreateExtension: vi.fn(actual.beginCreateExtension) };
});

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const URL = 'http://localhost/api/v1/extensions';
const AUTH = { authorization: 'Bearer x', 'content-type': 'application/json' };
const credential = new AccessTokenCredential(SANDBOX_TOKEN);
let pems: PemPair;
let scenarios: SeedScenario[];

beforeAll(async () => {
  await ensureSandbox();
  pems = await makePemPair({ cn: 'ml.contoso.com' });
  scenarios = seedScenarios(pems);
});

const post = (body: unknown, headers: Record<string, string> = AUTH) =>
  POST(new Request(URL, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));

describe('POST /api/v1/extensions', () => {
  it('answers 401 without credentials and 400 for malformed JSON', async () => {
    expect((await post(scenarios[1].request, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post('{')).status).toBe(400);
  });

  it('answers 422 with field errors and creates nothing', async () => {
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const response = await post({ ...scenarios[1].request, name: 'bad name', configurationSettings: { enableTraining: 'maybe' } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: Array<{ key: string }> };
    expect(body.errors.map((e) => e.key)).toEqual(['name', 'enableTraining', 'enableTraining']);
    expect(extensions.beginCreateExtension).not.toHaveBeenCalled();
  });

  it('answers 202 with the id and status URL, and the emulator holds exactly the CLI-parity settings (Arc, scenario 2)', async () => {
    const scenario = scenarios[1];
    const response = await post(scenario.request);
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; statusUrl: string };
    expect(Object.keys(body).sort()).toEqual(['id', 'statusUrl']);
    expect(body.id).toMatch(/\/connectedClusters\/arc-single-node\/providers\/Microsoft\.KubernetesConfiguration\/extensions\/azureml$/);
    expect(body.statusUrl).toBe(`/api/v1/extensions/status?id=${encodeURIComponent(body.id)}`);

    const stored = await extensions.getExtension(credential, body.id);
    const settings = stored.configurationSettings ?? {};
    expect(settings).toEqual({
      ...scenario.expected.properties.configurationSettings,
      'relayserver.hybridConnectionResourceID': expect.stringMatching(/\/hybridConnections\/arc-single-node$/),
      'relayserver.hybridConnectionName': 'arc-single-node',
    });
    expect(stored).toMatchObject({ extensionType: 'Microsoft.AzureML.Kubernetes', releaseTrain: 'stable', scope: { cluster: { releaseNamespace: 'azureml' } } });
  });

  it('answers 409 with the findings when preflight blocks (extension already installed)', async () => {
    const clusterId = SEED_CLUSTERS.aksProdWesteurope.id.replace('rg-ml-prod-westeurope', 'rg-ml-prod-eastus').replace('aks-prod-westeurope', 'aks-prod-eastus');
    const response = await post({ ...scenarios[0].request, clusterId });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { findings: Array<{ code: string; severity: string }> };
    expect(body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'extension-exists', severity: 'error' })]));
  });

  it('installs once for a double-click with the same Idempotency-Key (HTTPS, scenario 3), never echoing the PEMs', async () => {
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const headers = { ...AUTH, 'idempotency-key': 'b0c1d2e3-0000-4000-8000-000000000001' };
    const [first, second] = await Promise.all([post(scenarios[2].request, headers), post(scenarios[2].request, headers)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    const [a, b] = [await first.text(), await second.text()];
    expect(b).toEqual(a);
    expect(extensions.beginCreateExtension).toHaveBeenCalledTimes(1);
    for (const text of [a, b]) {
      expect(text).not.toContain(pems.key.split('\n')[1]);
      expect(text).not.toContain(Buffer.from(pems.cert).toString('base64').slice(0, 40));
    }
    const stored = await extensions.getExtension(credential, (JSON.parse(a) as { id: string }).id);
    expect(stored.configurationSettings).toEqual(scenarios[2].expected.properties.configurationSettings);
    expect(JSON.stringify(stored)).not.toContain(pems.key.split('\n')[1]);
  });

  it('refuses an oversized Idempotency-Key', async () => {
    const response = await post(scenarios[2].request, { ...AUTH, 'idempotency-key': 'k'.repeat(201) });
    expect(response.status).toBe(400);
  });
});

describe('POST /api/v1/extensions in the caller\'s language', () => {
  it('writes rule messages in Portuguese for Accept-Language: pt-BR, and creates nothing', async () => {
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const response = await post({ ...scenarios[1].request, name: 'azure ml' }, { ...AUTH, 'accept-language': 'pt-BR' });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: [{ key: 'name', message: 'O nome da extensão precisa ter de 1 a 253 letras, dígitos, pontos ou hifens, começando e terminando com letra ou dígito, sem dois pontos seguidos.' }] });
    expect(extensions.beginCreateExtension).not.toHaveBeenCalled();
  });
});
