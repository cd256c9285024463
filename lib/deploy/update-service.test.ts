/**
 * The update wizard's path against the emulator, under each way a PATCH may apply
 * `configurationSettings` (the REST spec does not say: merge key by key, or replace the map). The
 * extension must end with the same settings either way, the computed keys kept.
 */
import { createHash, X509Certificate } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { listAudit } from '@/lib/audit/audit';
import { getCluster } from '@/lib/azure/clusters';
import { beginCreateExtension, deleteExtension, getExtension, updateExtension } from '@/lib/azure/extensions';
import { ensureRelayForArcCluster } from '@/lib/azure/relay';
import { makePemPair, type PemPair } from '@/lib/domain/fixtures/test-pems';
import type { DeployForm } from '@/lib/domain/deploy-schema';
import * as pemChecks from '@/lib/domain/pem-checks';
import { ensureSandbox } from '@/lib/sandbox/runtime';
import { armRequest } from '@/lib/sandbox/test-client';
import { PATCH_SETTINGS_BEHAVIOURS } from '@/lib/sandbox/state';
import { certificateOf } from '@/lib/store/certificates';
import { ARC_EXTENSION as ARC_EXT, extensionIdOn, FREE_AKS_CLUSTER as CLUSTER, HTTPS_AKS_EXTENSION, sandboxCredential, settled as settledAs } from '@/test/helpers/sandbox-env';

import { planFormUpdate, readExtensionForUpdate, startFormUpdate } from './update-service';

// The real PEM checks, counted: an update reads its pair once, at the draft.
vi.mock('@/lib/domain/pem-checks', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/domain/pem-checks')>();
  return { ...actual, checkPemPair: vi.fn(actual.checkPemPair) };
});

const credential = sandboxCredential();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

let pems: PemPair;

const settled = (id: string) => settledAs(credential, id);

async function emulator() {
  return ensureSandbox();
}

async function behave(patchSettings: string) {
  const response = await armRequest(await emulator(), 'PUT', '/_sandbox/behaviour', { token: null, body: { patchSettings } });
  expect(response.status).toBe(200);
}

async function protectedHashes(id: string): Promise<Record<string, string>> {
  const response = await armRequest(await emulator(), 'GET', `/_sandbox/protected-hashes?extensionId=${encodeURIComponent(id)}`, { token: null });
  return (response.body as { value: Record<string, string> }).value;
}

beforeAll(async () => {
  pems = await makePemPair({ cn: 'ml.contoso.com', sans: ['ml.contoso.com'] });
});

afterAll(async () => {
  await behave('merge');
});

describe.each(PATCH_SETTINGS_BEHAVIOURS)('an update through the wizard, the emulator PATCH-ing settings by %s', (behaviour) => {
  const name = `azureml-upd-${behaviour}`;
  const id = extensionIdOn(CLUSTER, name);
  const INSTALLED = {
    enableTraining: 'True',
    enableInference: 'True',
    inferenceRouterServiceType: 'nodePort',
    'scoringFe.serviceType.nodePort': 'True',
    allowInsecureConnections: 'True',
    cluster_name: CLUSTER,
    clusterId: CLUSTER,
    'nodeSelector.pool': 'ml',
  };

  beforeAll(async () => {
    await behave(behaviour);
    await beginCreateExtension(credential, CLUSTER, name, {
      extensionType: 'Microsoft.AzureML.Kubernetes',
      scope: { cluster: { releaseNamespace: 'azureml' } },
      configurationSettings: INSTALLED,
    });
    await settled(id);
  });

  afterAll(async () => {
    await deleteExtension(credential, id, { force: true }).catch(() => undefined);
  });

  it('switches the router type: asks to confirm, then leaves every other key as it was', async () => {
    await behave(behaviour);
    const { form } = await readExtensionForUpdate(credential, id);
    expect(form).toMatchObject({ serviceType: 'nodePort', tls: { mode: 'insecure' }, nodeSelector: [{ key: 'pool', value: 'ml' }] });
    const answers: DeployForm = { ...form, serviceType: 'loadBalancer', nodeSelector: [] };

    const planned = await planFormUpdate(credential, id, answers);
    expect(planned.ok && planned.plan.changed).toEqual(['inferenceRouterServiceType', 'scoringFe.serviceType.nodePort']);
    expect(planned.ok && planned.plan.kept).toEqual([{ key: 'nodeSelector.pool', value: 'ml', reason: 'nodeSelectorStays' }]);
    expect(planned.ok && planned.plan.impacts.map((impact) => impact.key)).toEqual(['inferenceRouterServiceType']);

    expect(await startFormUpdate(credential, id, answers, false)).toMatchObject({ status: 'needs-confirmation' });
    expect((await getExtension(credential, id)).configurationSettings?.inferenceRouterServiceType).toBe('nodePort');
    expect(await startFormUpdate(credential, id, answers, true)).toMatchObject({ status: 'started' });
    await settled(id);
    // The trail shows old -> new for what the update sent.
    const [entry] = (await listAudit({ filter: { cluster: CLUSTER } })).value.filter((e) => e.extensionId === id && e.action === 'update');
    expect(entry.settings).toMatchObject({ inferenceRouterServiceType: 'loadBalancer' });
    expect(entry.previousSettings).toMatchObject({ inferenceRouterServiceType: 'nodePort' });
    expect((await getExtension(credential, id)).configurationSettings).toEqual({
      ...INSTALLED,
      inferenceRouterServiceType: 'loadBalancer',
      'scoringFe.serviceType.nodePort': 'False',
    });
  });

  it('turns inference off and keeps the router settings for a later turn back on', async () => {
    await behave(behaviour);
    const { form } = await readExtensionForUpdate(credential, id);
    expect(await startFormUpdate(credential, id, { ...form, workload: 'training' }, true)).toMatchObject({ status: 'started', impacts: [{ key: 'enableInference' }] });
    await settled(id);
    const settings = (await getExtension(credential, id)).configurationSettings;
    expect(settings).toMatchObject({ enableInference: 'False', inferenceRouterServiceType: 'loadBalancer', cluster_name: CLUSTER });
  });
});

describe('the emulator holds PATCH to the spec', () => {
  it('refuses a null setting value with 400: values are strings, no update removes a key', async () => {
    await expect(updateExtension(credential, HTTPS_AKS_EXTENSION, { configurationSettings: { sslCname: null } as unknown as Record<string, string> })).rejects.toMatchObject({ status: 400 });
  });
});

describe('a new certificate on Arc', () => {
  it('resends the Relay connection strings with the new pair, checked by the hashes the emulator received', async () => {
    const seeded = await protectedHashes(ARC_EXT);
    // The Relay's own connection string, as Azure answers it now (the seeded one is stale: a re-read shows).
    const arc = await getCluster(credential, ARC_EXT.split('/providers/Microsoft.KubernetesConfiguration')[0]);
    const relayHash = sha256((await ensureRelayForArcCluster(credential, arc.summary)).connectionString);
    expect(seeded.relayServerConnectionString).not.toBe(relayHash);
    const { form } = await readExtensionForUpdate(credential, ARC_EXT);
    const answers: DeployForm = { ...form, workload: 'both', serviceType: 'loadBalancer', tls: { mode: 'pem', certPem: pems.cert, keyPem: pems.key, sslCname: 'ml.contoso.com' } };
    const outcome = await startFormUpdate(credential, ARC_EXT, answers, true);
    expect(outcome).toMatchObject({ status: 'started', certificate: { notAfter: expect.any(String) } });
    await settled(ARC_EXT);
    expect(await protectedHashes(ARC_EXT)).toEqual({
      'scoringFe.sslCert': sha256(base64(pems.cert)),
      'scoringFe.sslKey': sha256(base64(pems.key)),
      relayServerConnectionString: relayHash,
      'relayserver.relayConnectionString': relayHash,
    });

    // A renewal later: a new pair, the Relay strings again (ARM replaced the set wholesale).
    const renewed = await makePemPair({ cn: 'ml.contoso.com', sans: ['ml.contoso.com'] });
    const again = await readExtensionForUpdate(credential, ARC_EXT);
    expect(again.form.tls).toEqual({ mode: 'current', sslCname: 'ml.contoso.com' });
    const renewal = { ...again.form, tls: { mode: 'pem' as const, certPem: renewed.cert, keyPem: renewed.key, sslCname: 'ml.contoso.com' } };
    const plan = await planFormUpdate(credential, ARC_EXT, renewal);
    expect(plan.ok && plan.plan.changed).toEqual([]);
    expect(plan.ok && plan.plan.patch.properties.configurationProtectedSettings).toEqual({
      'scoringFe.sslCert': '***',
      'scoringFe.sslKey': '***',
      relayServerConnectionString: '***',
      'relayserver.relayConnectionString': '***',
    });
    expect(JSON.stringify(plan)).not.toContain(renewed.key.slice(40, 80));
    vi.mocked(pemChecks.checkPemPair).mockClear();
    expect(await startFormUpdate(credential, ARC_EXT, renewal, false)).toMatchObject({ status: 'started' });
    // Checked once, at the draft: the certificate remembered is that check's summary, not a second parse.
    expect(vi.mocked(pemChecks.checkPemPair)).toHaveBeenCalledTimes(1);
    await settled(ARC_EXT);
    // The renewed certificate's end date is the one remembered for the expiry warnings.
    expect((await certificateOf(ARC_EXT))?.notAfter).toBe(new Date(new X509Certificate(renewed.cert).validTo).toISOString());
    expect(await protectedHashes(ARC_EXT)).toMatchObject({ 'scoringFe.sslCert': sha256(base64(renewed.cert)), relayServerConnectionString: relayHash });
  });

  it('drops the pair on file when HTTPS no longer comes from it, the Relay strings resent', async () => {
    const { form } = await readExtensionForUpdate(credential, ARC_EXT);
    expect(await startFormUpdate(credential, ARC_EXT, { ...form, tls: { mode: 'insecure' } }, true)).toMatchObject({ status: 'started' });
    await settled(ARC_EXT);
    expect(Object.keys(await protectedHashes(ARC_EXT)).sort()).toEqual(['relayServerConnectionString', 'relayserver.relayConnectionString']);
  });
});
