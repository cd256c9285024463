import { X509Certificate } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import * as extensions from '@/lib/azure/extensions';
import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { createArmClients } from '@/lib/azure/clients';
import type { CliRequest } from '@/lib/domain/cli-settings';
import { maskProtected, type ExtensionBody } from '@/lib/domain/extension-body';
import { EDGE_SUBSCRIPTION, SEED_CLUSTERS, seedScenarios, type SeedScenario } from '@/lib/domain/fixtures/seed-scenarios';
import { makePemPair, makeUnrelatedKey, type PemPair } from '@/lib/domain/fixtures/test-pems';
import { relayNamespaceName } from '@/lib/domain/relay-names';
import { ensureSandbox, SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import * as pemChecks from '@/lib/domain/pem-checks';
import { certificateOf } from '@/lib/store/certificates';
import { getLockStore } from '@/lib/store/locks';

import { createExtension, planExtension, resetIdempotencyForTests } from './deploy-service';

// The real PEM checks, counted: an install reads its pair once, in its check.
vi.mock('@/lib/domain/pem-checks', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/domain/pem-checks')>();
  return { ...actual, checkPemPair: vi.fn(actual.checkPemPair) };
});

// The real module, with the PUT observable: tests read the exact body the emulator received.
vi.mock('@/lib/azure/extensions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/extensions')>();
  return { ...actual, beginCreateExtension: vi.fn(actual.beginCreateExtension) };
});

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
let pems: PemPair;
let scenarios: SeedScenario[];

beforeAll(async () => {
  await ensureSandbox();
  pems = await makePemPair({ cn: 'ml.contoso.com' });
  scenarios = seedScenarios(pems);
});

/** The expected body with the relay values the service will have used instead of FAKE_RELAY. */
function withRelay(expected: ExtensionBody, settings: Record<string, string>): ExtensionBody {
  const relayKeys = ['relayserver.hybridConnectionResourceID', 'relayserver.hybridConnectionName'];
  const configurationSettings = { ...expected.properties.configurationSettings };
  for (const key of relayKeys) if (key in configurationSettings) configurationSettings[key] = settings[key];
  return { ...expected, properties: { ...expected.properties, configurationSettings } };
}

describe('planExtension', () => {
  it('returns the masked CLI-parity body, the az command and findings for AKS production (scenario 3)', async () => {
    const scenario = scenarios[2];
    const plan = await planExtension(credential, scenario.request);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.extension).toEqual(maskProtected(scenario.expected));
    expect(plan.azCommand).toContain("--config-protected 'sslCertPemFile=<path-to-cert.pem>'");
    expect(plan.exports.bicep).toContain("      'scoringFe.sslCert': scoringFe_sslCert");
    expect(plan.exports.terraform).toContain('    "scoringFe.sslCert" = var.scoringFe_sslCert');
    expect(Array.isArray(plan.findings)).toBe(true);
    expect(JSON.stringify(plan)).not.toContain(pems.key.split('\n')[1]);
    expect(JSON.stringify(plan)).not.toContain(Buffer.from(pems.cert).toString('base64').slice(0, 40));
  });

  it('plans the Arc relay by the CLI naming without creating anything (scenario 4)', async () => {
    const scenario = scenarios[3];
    const plan = await planExtension(credential, scenario.request);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const namespace = relayNamespaceName('arc-openshift-factory', EDGE_SUBSCRIPTION, 'rg-edge-factory');
    expect(plan.extension.properties.configurationSettings['relayserver.hybridConnectionResourceID']).toBe(
      `/subscriptions/${EDGE_SUBSCRIPTION}/resourceGroups/rg-edge-factory/providers/Microsoft.Relay/namespaces/${namespace}/hybridConnections/arc-openshift-factory`,
    );
    expect(plan.extension).toEqual(maskProtected(withRelay(scenario.expected, plan.extension.properties.configurationSettings)));
    expect(plan.exports.terraform).toContain('resource "azurerm_arc_kubernetes_cluster_extension" "azureml" {');
    expect(plan.exports.bicep).toContain(`Create it first and pass the rule's primary connection string: ${plan.extension.properties.configurationSettings['relayserver.hybridConnectionResourceID']}`);
    const { relay } = await createArmClients(credential, EDGE_SUBSCRIPTION);
    await expect(relay.namespaces.get('rg-edge-factory', namespace)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('returns the side effects with the plan: the Arc Relay by name, the settings the CLI adds, nothing secret', async () => {
    const plan = await planExtension(credential, scenarios[3].request);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const namespace = relayNamespaceName('arc-openshift-factory', EDGE_SUBSCRIPTION, 'rg-edge-factory');
    expect(plan.effects.relay).toMatchObject({ namespace, resourceGroup: 'rg-edge-factory', hybridConnection: 'arc-openshift-factory', authorizationRule: { name: 'azureml_rw' } });
    expect(plan.effects.added.map((item) => item.key)).toEqual(expect.arrayContaining(['openshift', 'relayserver.hybridConnectionName', 'scoringFe.sslCert']));
    expect(plan.effects.added.filter((item) => item.protected).every((item) => item.value === null)).toBe(true);
    const small = await planExtension(credential, scenarios[0].request);
    if (!small.ok) throw new Error(JSON.stringify(small.errors));
    expect(small.effects).toMatchObject({ relay: null, smallClusterNodes: 2 });
    expect(small.effects.added.map((item) => item.key)).toContain('clusterPurpose');
  });

  it('answers rule errors without reading the cluster', async () => {
    const typo: CliRequest = { ...scenarios[0].request, clusterId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.ContainerService/managedClusters/does-not-exist', configurationSettings: { ...scenarios[0].request.configurationSettings, InferenceRouterHA: 'False' } };
    expect(await planExtension(credential, typo)).toEqual({ ok: false, errors: [{ key: 'InferenceRouterHA', message: expect.stringMatching(/did you mean inferenceRouterHA/) }] });
  });

  it('answers PEM errors (a key that is not the certificate’s) before any ARM call', async () => {
    const scenario = scenarios[2];
    const request = { ...scenario.request, configurationProtectedSettings: { sslCertPemFile: pems.cert, sslKeyPemFile: makeUnrelatedKey() } };
    const plan = await planExtension(credential, request);
    expect(plan).toEqual({ ok: false, errors: [{ key: 'sslKeyPemFile', message: expect.stringMatching(/does not belong/) }] });
  });

  it('checks a cname given as protected against the certificate without quoting it', async () => {
    const scenario = scenarios[2];
    const settings = Object.fromEntries(Object.entries(scenario.request.configurationSettings).filter(([key]) => key !== 'sslCname'));
    const request = {
      ...scenario.request,
      configurationSettings: settings,
      configurationProtectedSettings: { sslCertPemFile: pems.cert, sslKeyPemFile: pems.key, sslCname: 'secret-cname.contoso.com' },
    };
    const plan = await planExtension(credential, request);
    expect(plan).toEqual({ ok: false, errors: [{ key: 'sslCname', message: expect.stringContaining('ml.contoso.com') }] });
    expect(JSON.stringify(plan)).not.toContain('secret-cname');
  });

  it('throws the translated ARM error for a cluster that does not exist', async () => {
    const request = { ...scenarios[2].request, clusterId: SEED_CLUSTERS.aksProdWesteurope.id.replace('aks-prod-westeurope', 'nope') };
    await expect(planExtension(credential, request)).rejects.toMatchObject({ code: 'ResourceNotFound' });
  });
});

describe('createExtension', () => {
  it('PUTs exactly the CLI-parity body for AKS (scenario 3) and returns the id and status URL', async () => {
    const scenario = scenarios[2];
    vi.mocked(extensions.beginCreateExtension).mockClear();
    vi.mocked(pemChecks.checkPemPair).mockClear();
    const result = await createExtension(credential, scenario.request);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(pemChecks.checkPemPair).toHaveBeenCalledTimes(1);
    expect(result.id).toMatch(/\/managedClusters\/aks-prod-westeurope\/providers\/Microsoft\.KubernetesConfiguration\/extensions\/azureml$/);
    expect(result.statusUrl).toBe(`/api/v1/extensions/status?id=${encodeURIComponent(result.id)}`);

    const [, clusterId, name, body] = vi.mocked(extensions.beginCreateExtension).mock.calls[0];
    expect([clusterId, name]).toEqual([scenario.cluster.id, 'azureml']);
    expect(body).toEqual({ ...scenario.expected.properties });
    const stored = await extensions.getExtension(credential, result.id);
    expect(stored.configurationSettings).toEqual(scenario.expected.properties.configurationSettings);
    expect(stored).toMatchObject({ extensionType: 'Microsoft.AzureML.Kubernetes', releaseTrain: 'stable', autoUpgradeMinorVersion: true, scope: { cluster: { releaseNamespace: 'azureml' } } });
    // The certificate's public facts are remembered for the expiry warnings; never its PEM.
    const remembered = await certificateOf(result.id);
    expect(remembered).toMatchObject({ notAfter: new Date(new X509Certificate(pems.cert).validTo).toISOString(), sans: ['ml.contoso.com'] });
    expect(JSON.stringify(remembered)).not.toContain('BEGIN');
  });

  it('sets up Azure Relay for Arc and sends its connection string only as protected settings (scenario 4)', async () => {
    const scenario = scenarios[3];
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const result = await createExtension(credential, scenario.request);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [, , , body] = vi.mocked(extensions.beginCreateExtension).mock.calls[0];
    const settings = body.configurationSettings ?? {};
    const expected = withRelay(scenario.expected, settings);
    expect(settings['relayserver.hybridConnectionResourceID']).toMatch(/\/Microsoft\.Relay\/namespaces\/.+\/hybridConnections\/arc-openshift-factory$/i);
    expect(body.identity).toEqual({ type: 'SystemAssigned' });
    expect(body.configurationProtectedSettings).toEqual({
      ...expected.properties.configurationProtectedSettings,
      relayServerConnectionString: expect.stringMatching(/^Endpoint=sb:\/\//),
      'relayserver.relayConnectionString': body.configurationProtectedSettings?.relayServerConnectionString,
    });
    const stored = await extensions.getExtension(credential, result.id);
    expect(stored.configurationSettings).toEqual(expected.properties.configurationSettings);
  });

  it('refuses when preflight finds a blocking problem, without a PUT', async () => {
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const clusterId = SEED_CLUSTERS.aksProdWesteurope.id.replace('rg-ml-prod-westeurope', 'rg-ml-prod-eastus').replace('aks-prod-westeurope', 'aks-service-principal');
    const result = await createExtension(credential, { ...scenarios[0].request, clusterId });
    expect(result).toMatchObject({ ok: false, findings: expect.arrayContaining([expect.objectContaining({ code: 'service-principal-identity', severity: 'error' })]) });
    expect(extensions.beginCreateExtension).not.toHaveBeenCalled();
  });

  it('creates once for a repeated idempotency key, even while the first call is in flight', async () => {
    resetIdempotencyForTests();
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const request = { ...scenarios[0].request, name: 'azureml-twice' };
    const [first, second] = await Promise.all([
      createExtension(credential, request, { idempotencyKey: 'click-1' }),
      createExtension(credential, request, { idempotencyKey: 'click-1' }),
    ]);
    const third = await createExtension(credential, request, { idempotencyKey: 'click-1' });
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(extensions.beginCreateExtension).toHaveBeenCalledTimes(1);
    // Without the key the repeat is a new install, which preflight now refuses (one AzureML per cluster).
    expect(await createExtension(credential, request)).toMatchObject({ ok: false, findings: expect.arrayContaining([expect.objectContaining({ code: 'extension-exists' })]) });
    expect(extensions.beginCreateExtension).toHaveBeenCalledTimes(1);
  });
});

const clusterOf = (name: string) => SEED_CLUSTERS.aksProdWesteurope.id.replace('rg-ml-prod-westeurope', 'rg-ml-prod-eastus').replace('aks-prod-westeurope', name);

describe('createExtension on one cluster at a time', () => {
  it('serialises creates on one cluster: 10 released together with different names make one PUT, the other 9 see it', async () => {
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const clusterId = clusterOf('aks-gpu-nc');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createExtension(credential, { ...scenarios[0].request, clusterId, name: `azureml-race-${i}` })),
    );
    expect(extensions.beginCreateExtension).toHaveBeenCalledTimes(1);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    for (const refused of results.filter((result) => !result.ok)) {
      expect(refused).toMatchObject({ findings: expect.arrayContaining([expect.objectContaining({ code: 'extension-exists', severity: 'error' })]) });
    }
  });

  it('answers a retryable Conflict, with no PUT, when the cluster stays locked past the wait', async () => {
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const clusterId = clusterOf('aks-fails-ha');
    const store = getLockStore();
    // Another replica holding the lock, with a lease longer than this create waits.
    expect(await store.tryAcquire(`create:${clusterId.toLowerCase()}`, 'another-replica', 60 * 60_000)).toBe(true);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const waiting = createExtension(credential, { ...scenarios[0].request, clusterId: clusterId.toUpperCase(), name: 'azureml' });
      let settled = false;
      void waiting.catch(() => undefined).finally(() => (settled = true));
      // The clock runs 30 s per 20 ms until the wait gives up (the other holder's lease is an hour).
      while (!settled) {
        vi.setSystemTime(Date.now() + 30_000);
        await sleep(20);
      }
      await expect(waiting).rejects.toMatchObject({ code: 'Conflict', status: 409, retryable: true, userMessage: expect.stringMatching(/Another install on this cluster/) });
    } finally {
      vi.useRealTimers();
      await store.release(`create:${clusterId.toLowerCase()}`, 'another-replica');
    }
    expect(extensions.beginCreateExtension).not.toHaveBeenCalled();
  });
});

describe('createExtension idempotency per caller', () => {
  it("does not replay one caller's answer to another caller using the same key", async () => {
    resetIdempotencyForTests();
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const request = { ...scenarios[0].request, clusterId: SEED_CLUSTERS.aksProdWesteurope.id.replace('aks-prod-westeurope', 'aks-authorized-ip-ranges'), name: 'azureml' };
    const olivias = await createExtension(credential, request, { idempotencyKey: 'shared-key' });
    expect(olivias.ok).toBe(true);
    const ritas = await createExtension(new AccessTokenCredential('another-caller-token'), request, { idempotencyKey: 'shared-key' });
    // Rita's is her own create: preflight sees Olivia's extension, and no answer is shared.
    expect(ritas).toMatchObject({ ok: false, findings: expect.arrayContaining([expect.objectContaining({ code: 'extension-exists' })]) });
    expect(extensions.beginCreateExtension).toHaveBeenCalledTimes(1);
  });

  it('refuses the same key with a different request (422 IdempotencyKeyReused), before any ARM call', async () => {
    resetIdempotencyForTests();
    const request = { ...scenarios[0].request, clusterId: clusterOf('aks-crash-loop'), name: 'azureml' };
    const first = await createExtension(credential, request, { idempotencyKey: 'key-1' });
    expect(first.ok).toBe(true);
    vi.mocked(extensions.beginCreateExtension).mockClear();
    const changes: CliRequest[] = [
      { ...request, name: 'azureml-other' },
      { ...request, configurationSettings: { ...request.configurationSettings, enableTraining: 'False' } },
      { ...request, configurationProtectedSettings: { someSecret: 'changed' } },
    ];
    for (const changed of changes) {
      await expect(createExtension(credential, changed, { idempotencyKey: 'key-1' })).rejects.toMatchObject({ code: 'IdempotencyKeyReused', status: 422 });
    }
    // The same request in another key order is the same request.
    const reordered = Object.fromEntries(Object.entries(request).reverse()) as unknown as CliRequest;
    expect(await createExtension(credential, reordered, { idempotencyKey: 'key-1' })).toEqual(first);
    expect(extensions.beginCreateExtension).not.toHaveBeenCalled();
  });
});
