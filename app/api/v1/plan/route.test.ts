import { beforeAll, describe, expect, it, vi } from 'vitest';

import { maskProtected } from '@/lib/domain/extension-body';
import { seedScenarios, type SeedScenario } from '@/lib/domain/fixtures/seed-scenarios';
import { makePemPair, type PemPair } from '@/lib/domain/fixtures/test-pems';
import { ensureSandbox } from '@/lib/sandbox/runtime';

import { MAX_CLI_REQUEST_BYTES } from '@/lib/api/cli-request-body';
import { POST } from './route';

// Sandbox mode whatever the developer's shell exports (blank counts as unset).
vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const URL = 'http://localhost/api/v1/plan';
const AUTH = { authorization: 'Bearer x', 'content-type': 'application/json' };
let pems: PemPair;
let scenarios: SeedScenario[];

beforeAll(async () => {
  await ensureSandbox();
  pems = await makePemPair({ cn: 'ml.contoso.com' });
  scenarios = seedScenarios(pems);
});

const post = (body: unknown, headers: Record<string, string> = AUTH) =>
  POST(new Request(URL, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));

describe('POST /api/v1/plan', () => {
  it('answers 401 without credentials, before reading the body', async () => {
    const response = await post('not json', { 'content-type': 'application/json' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'Unauthenticated', message: 'Sign in to the portal, or send Authorization: Bearer <ARM access token>.' } });
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await post('{ "clusterId": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BadRequest', message: 'The request body is not valid JSON.' } });
  });

  it('answers 413 over the size limit', async () => {
    const response = await post({ clusterId: 'x', name: 'y', configurationSettings: { big: 'a'.repeat(MAX_CLI_REQUEST_BYTES) } });
    expect(response.status).toBe(413);
  });

  it('answers 422 with the field for a wrong shape', async () => {
    const response = await post({ clusterId: 'x', name: 'y', configurationSettings: { enableTraining: true } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: [{ key: 'configurationSettings.enableTraining', message: expect.any(String) }] });
  });

  it("answers 422 naming inferenceRouterHA for the seed's typo", async () => {
    const request = scenarios[0].request;
    const response = await post({ ...request, configurationSettings: { ...request.configurationSettings, InferenceRouterHA: 'False' } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: [{ key: 'InferenceRouterHA', message: 'InferenceRouterHA is not a setting; did you mean inferenceRouterHA? Keys are case-sensitive.' }] });
  });

  it('answers 200 with the CLI-parity body of scenario 1 on a 2-node AKS cluster', async () => {
    const response = await post(scenarios[0].request);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['azCommand', 'exports', 'extension', 'findings', 'warnings']);
    expect(body.extension).toEqual(maskProtected(scenarios[0].expected));
    expect(body.azCommand).toMatch(/^az k8s-extension create --name azureml/);
    // The exports carry what the CLI computes for a 2-node cluster, written out.
    const exports = body.exports as { bicep: string; terraform: string };
    expect(exports.bicep).toContain("resource azuremlExtension 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {");
    expect(exports.bicep).toContain("      clusterPurpose: 'DevTest'");
    expect(exports.terraform).toContain('resource "azurerm_kubernetes_cluster_extension" "azureml" {');
    expect(exports.terraform).toMatch(/^ {4}clusterPurpose += "DevTest"$/m);
    expect(body.warnings).toEqual([]);
  });

  it('never returns PEM text or its base64 (scenario 3, HTTPS)', async () => {
    const response = await post(scenarios[2].request);
    expect(response.status).toBe(200);
    const text = await response.text();
    const keyLine = pems.key.split('\n')[1];
    expect(text).not.toContain(keyLine);
    expect(text).not.toContain(pems.cert.split('\n')[1]);
    expect(text).not.toContain(Buffer.from(pems.key).toString('base64').slice(0, 40));
    expect(JSON.parse(text).extension.properties.configurationProtectedSettings).toEqual({ 'scoringFe.sslCert': '***', 'scoringFe.sslKey': '***' });
    const { bicep, terraform } = JSON.parse(text).exports as { bicep: string; terraform: string };
    expect(bicep).toContain("      'scoringFe.sslKey': scoringFe_sslKey");
    expect(terraform).toContain('    "scoringFe.sslKey"  = var.scoringFe_sslKey');
  });

  it('answers 404 for a cluster that does not exist', async () => {
    const request = scenarios[0].request;
    const response = await post({ ...request, clusterId: request.clusterId.replace('aks-two-nodes', 'aks-missing') });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });
});

describe('POST /api/v1/plan in the caller\'s language', () => {
  it('writes rule messages in Portuguese for Accept-Language: pt-BR, English otherwise', async () => {
    const request = scenarios[0].request;
    const body = { ...request, configurationSettings: { ...request.configurationSettings, InferenceRouterHA: 'False' } };
    const response = await post(body, { ...AUTH, 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.5' });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: [{ key: 'InferenceRouterHA', message: 'InferenceRouterHA não é uma configuração; você quis dizer inferenceRouterHA? As chaves diferenciam maiúsculas de minúsculas.' }],
    });
    const english = await post(body, { ...AUTH, 'accept-language': 'fr-FR' });
    expect(((await english.json()) as { errors: Array<{ message: string }> }).errors[0].message).toMatch(/^InferenceRouterHA is not a setting/);
  });
});
