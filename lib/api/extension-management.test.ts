import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { listAudit } from '@/lib/audit/audit';
import { beginCreateExtension, deleteExtension, getExtension } from '@/lib/azure/extensions';
import * as relay from '@/lib/azure/relay';
import { SEED_CLUSTERS } from '@/lib/domain/fixtures/seed-scenarios';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { ARC_EXTENSION as ARC_EXT, extensionIdOn, FREE_AKS_CLUSTER as CLUSTER, HTTPS_AKS_EXTENSION as HTTPS_EXT, sandboxCredential, settled as settledAs } from '@/test/helpers/sandbox-env';

import { handleDeleteExtension, handleListExtensions, handleUpdateExtension } from './extension-management';

// Real Relay calls, counted: an Arc update of protected settings must re-read the connection string.
vi.mock('@/lib/azure/relay', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/relay')>();
  return { ...actual, ensureRelayForArcCluster: vi.fn(actual.ensureRelayForArcCluster) };
});

const credential = sandboxCredential();
const EXT = extensionIdOn(CLUSTER, 'azureml-mgmt-test');
const AUTH = { authorization: `Bearer ${SANDBOX_TOKEN}` };
const API = 'http://localhost/api/v1/extensions';

const patch = (id: string, body: unknown, headers: Record<string, string> = AUTH) =>
  handleUpdateExtension(new Request(`${API}?id=${encodeURIComponent(id)}`, { method: 'PATCH', headers, body: JSON.stringify(body) }));

const settled = (id: string) => settledAs(credential, id);

beforeAll(async () => {
  await beginCreateExtension(credential, CLUSTER, 'azureml-mgmt-test', {
    extensionType: 'Microsoft.AzureML.Kubernetes',
    scope: { cluster: { releaseNamespace: 'azureml' } },
    configurationSettings: { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' },
  });
  await settled(EXT);
});

afterAll(async () => {
  await deleteExtension(credential, EXT, { force: true }).catch(() => undefined);
});

describe('handleListExtensions', () => {
  it('lists the extensions of a cluster', async () => {
    const response = await handleListExtensions(new Request(`${API}?clusterId=${encodeURIComponent(HTTPS_EXT.split('/providers/Microsoft.KubernetesConfiguration')[0])}`, { headers: AUTH }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: Array<{ name: string; provisioningState: string; statusUrl: string }> };
    expect(body.value).toContainEqual(expect.objectContaining({ name: 'azureml', provisioningState: 'Succeeded' }));
    expect(body.value[0].statusUrl).toMatch(/^\/api\/v1\/extensions\/status\?id=/);
  });

  it('answers 400 without clusterId and 401 with a malformed Authorization header', async () => {
    expect((await handleListExtensions(new Request(API, { headers: AUTH }))).status).toBe(400);
    expect((await handleListExtensions(new Request(`${API}?clusterId=x`, { headers: { authorization: 'Basic abc' } }))).status).toBe(401);
  });
});

describe('handleUpdateExtension', () => {
  it('answers 409 with the impacts and sends nothing until they are confirmed', async () => {
    const refused = await patch(EXT, { configurationSettings: { enableTraining: 'False' } });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string }; impacts: Array<{ key: string }> };
    expect(body.error.code).toBe('ConfirmationRequired');
    expect(body.impacts.map((i) => i.key)).toEqual(['enableTraining']);
    expect((await getExtension(credential, EXT)).configurationSettings?.enableTraining).toBe('True');

    const accepted = await patch(EXT, { configurationSettings: { enableTraining: 'False' }, confirmImpacts: true });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ id: EXT, statusUrl: expect.stringContaining('/api/v1/extensions/status?id='), impacts: [{ key: 'enableTraining' }] });
    await settled(EXT);
    expect((await getExtension(credential, EXT)).configurationSettings?.enableTraining).toBe('False');
  });

  it('sends a change without impacts straight away, and the trail keeps the value it replaced', async () => {
    const before = (await getExtension(credential, EXT)).configurationSettings?.installDcgmExporter;
    const response = await patch(EXT, { configurationSettings: { installDcgmExporter: 'True' } });
    expect(response.status).toBe(202);
    await settled(EXT);
    const [entry] = (await listAudit({ filter: { cluster: CLUSTER } })).value.filter((e) => e.extensionId === EXT && e.action === 'update');
    expect(entry.settings).toMatchObject({ installDcgmExporter: 'True' });
    expect(entry.previousSettings).toEqual(before === undefined ? {} : { installDcgmExporter: before });
  });

  it('answers 422 when protected settings change without the PEM pair the extension serves HTTPS with', async () => {
    const response = await patch(HTTPS_EXT, { configurationProtectedSettings: { 'logAnalyticsWS.key': 'x' } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/cannot read the current ones back/);
  });

  it('on Arc, re-reads the Relay connection string to resend all protected settings', async () => {
    const response = await patch(ARC_EXT, { configurationProtectedSettings: { 'servicebus.connectionString': 'Endpoint=sb://x/' } });
    expect(response.status).toBe(202);
    expect(vi.mocked(relay.ensureRelayForArcCluster)).toHaveBeenCalledTimes(1);
    await settled(ARC_EXT);
  });

  it('answers 400 for unknown fields, a pinned version with auto-upgrade, and a bad id', async () => {
    expect((await patch(EXT, { extensionType: 'Other' })).status).toBe(400);
    expect((await patch(EXT, { version: '1.1.60' })).status).toBe(422);
    expect((await patch('/subscriptions/x', { releaseTrain: 'preview' })).status).toBe(400);
  });

  it('refuses in Brazilian Portuguese with Accept-Language pt-BR, zod words included', async () => {
    const portuguese = { ...AUTH, 'accept-language': 'pt-BR' };
    const unknown = (await (await patch(EXT, { extensionType: 'Other' }, portuguese)).json()) as { error: { message: string } };
    expect(unknown.error.message).toBe('Atualização inválida: body: Chave inválida: "extensionType".');
    const pinned = (await (await patch(EXT, { version: '1.1.60' }, portuguese)).json()) as { error: { message: string } };
    expect(pinned.error.message).toBe('Uma versão fixada precisa de autoUpgradeMinorVersion definido como false.');
    const impacts = (await (await patch(EXT, { configurationSettings: { enableInference: 'False' } }, portuguese)).json()) as { error: { message: string } };
    expect(impacts.error.message).toBe('Esta atualização afeta trabalhos em execução. Revise os impactos e envie confirmImpacts: true.');
  });
});

describe('handleUpdateExtension runs the install rules that depend on settings, on the merged settings', () => {
  const TWO_NODES = SEED_CLUSTERS.aksTwoNodes.id;
  const SMALL_EXT = extensionIdOn(TWO_NODES, 'azureml-small');

  beforeAll(async () => {
    // As the CLI installs on two nodes: HA off.
    await beginCreateExtension(credential, TWO_NODES, 'azureml-small', {
      extensionType: 'Microsoft.AzureML.Kubernetes',
      scope: { cluster: { releaseNamespace: 'azureml' } },
      configurationSettings: { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True', inferenceRouterHA: 'False' },
    });
    await settled(SMALL_EXT);
  });
  afterAll(async () => {
    await deleteExtension(credential, SMALL_EXT, { force: true }).catch(() => undefined);
  });

  it('refuses HA on two nodes with 409 and the finding, confirmed or not, and sends nothing', async () => {
    for (const body of [{ configurationSettings: { inferenceRouterHA: 'True' } }, { configurationSettings: { inferenceRouterHA: 'True' }, confirmImpacts: true }]) {
      const refused = await patch(SMALL_EXT, body);
      expect(refused.status).toBe(409);
      const answer = (await refused.json()) as { findings: Array<{ code: string; severity: string; message: string }> };
      expect(answer.findings).toEqual([expect.objectContaining({ code: 'ha-needs-three-nodes', severity: 'error' })]);
    }
    expect((await getExtension(credential, SMALL_EXT)).configurationSettings?.inferenceRouterHA).toBe('False');
  });

  it('does not block on what was true before the change (the extension exists, the small cluster)', async () => {
    const response = await patch(SMALL_EXT, { configurationSettings: { installDcgmExporter: 'True' } });
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(202);
    await settled(SMALL_EXT);
    expect((await getExtension(credential, SMALL_EXT)).configurationSettings).toMatchObject({ inferenceRouterHA: 'False', installDcgmExporter: 'True' });
  });
});

describe('handleDeleteExtension', () => {
  it('answers 202 with the status URL, and the extension goes away', async () => {
    const response = await handleDeleteExtension(new Request(`${API}?id=${encodeURIComponent(EXT)}&force=true`, { method: 'DELETE', headers: AUTH }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ id: EXT, statusUrl: `/api/v1/extensions/status?id=${encodeURIComponent(EXT)}` });
    await vi.waitFor(async () => expect(getExtension(credential, EXT)).rejects.toMatchObject({ status: 404 }), { timeout: 5_000, interval: 50 });
  });
});
