import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { SETTLED_READ_WINDOW_MS } from '@/lib/domain/watch-cadence';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { clearStatusCoalescing, forgetExtensionStatus, getExtensionStatus, STATUS_COALESCE_MS } from './extension-status';
import * as extensions from './extensions';

// The real ARM reads, counted: coalescing is about how many reach ARM.
vi.mock('./extensions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./extensions')>();
  return { ...actual, getExtension: vi.fn(actual.getExtension) };
});

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const aks = (cluster: string, ext: string) =>
  `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/${ext}`;
const ARC_EDGE_ML = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const FAILING = aks('aks-fails-ha', 'azureml-status-test');

beforeEach(() => {
  clearStatusCoalescing();
  vi.mocked(extensions.getExtension).mockClear();
});

afterAll(async () => {
  await extensions.deleteExtension(credential, FAILING, { force: true }).catch(() => undefined);
});

describe('getExtensionStatus against the sandbox', () => {
  it('seeded AKS install: Succeeded, every expected component Ready, nothing to explain', async () => {
    const status = await getExtensionStatus(credential, aks('aks-prod-eastus', 'azureml'));
    expect(status).toMatchObject({
      name: 'azureml',
      clusterName: 'aks-prod-eastus',
      clusterType: 'managedClusters',
      provisioningState: 'Succeeded',
      componentsAvailable: true,
      releaseTrain: 'stable',
      version: '1.1.64',
      errorInfo: null,
      legacySettings: [],
    });
    expect(status.explanation).toBeUndefined();
    expect(status.configurationSettings.enableInference).toBe('True');
    expect(status.components.map((c) => c.name)).toEqual(expect.arrayContaining(['gateway', 'azureml-fe-v2', 'aml-operator']));
    expect(status.components.every((c) => c.state === 'Ready')).toBe(true);
    expect(Date.parse(status.observedAt)).not.toBeNaN();
  });

  it('dates every Ready component from the cluster, on both paths: runCommand (AKS) and the Kubernetes API (Arc)', async () => {
    for (const id of [aks('aks-prod-eastus', 'azureml'), ARC_EDGE_ML]) {
      const status = await getExtensionStatus(credential, id);
      const created = Date.parse(status.createdAt ?? '');
      expect(status.components.length).toBeGreaterThan(0);
      for (const component of status.components) {
        expect(component.state).toBe('Ready');
        // The pods' Ready times: after ARM created the extension, within the minutes of the install.
        const since = Date.parse(component.readySince ?? '');
        expect(since, component.name).toBeGreaterThan(created);
        expect(since - created, component.name).toBeLessThan(10 * 60_000);
      }
      expect(new Set(status.components.map((c) => c.readySince)).size).toBeGreaterThan(1); // one by one, not all at once
    }
  });

  it('seeded Arc install: components come through the kubeconfig, relayserver included', async () => {
    const status = await getExtensionStatus(credential, ARC_EDGE_ML);
    expect(status.componentsAvailable).toBe(true);
    expect(status.components.find((c) => c.name === 'relayserver')).toMatchObject({ state: 'Ready', kind: 'Deployment' });
  });

  /**
   * Coalescing shares reads within aligned time buckets, so a test that crossed a bucket boundary
   * (a loaded machine) would see two reads. The clock is frozen for the two tests that count reads;
   * only `Date` is faked, so sockets and timers run as usual.
   */
  const freezeClock = () => vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  afterEach(() => vi.useRealTimers());

  it('concurrent and repeated requests of one caller share one ARM read; another caller gets its own', async () => {
    freezeClock();
    const id = aks('aks-prod-eastus', 'azureml');
    const results = await Promise.all([getExtensionStatus(credential, id), getExtensionStatus(credential, id)]);
    await getExtensionStatus(credential, id.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'));
    expect(results[0].provisioningState).toBe('Succeeded');
    expect(vi.mocked(extensions.getExtension)).toHaveBeenCalledTimes(1);
    await getExtensionStatus(new AccessTokenCredential('another-user'), id);
    expect(vi.mocked(extensions.getExtension)).toHaveBeenCalledTimes(2);
  });

  it('a settled extension is read once per settled window, however often its pages poll', async () => {
    // At the start of a settled window, so the steps below stay inside it.
    vi.useFakeTimers({ toFake: ['Date'], now: Math.ceil(Date.now() / SETTLED_READ_WINDOW_MS) * SETTLED_READ_WINDOW_MS });
    const id = aks('aks-prod-eastus', 'azureml');
    await getExtensionStatus(credential, id);
    // Past the fast window, within the settled one: the same read answers.
    vi.setSystemTime(Date.now() + 3 * STATUS_COALESCE_MS);
    await getExtensionStatus(credential, id);
    expect(vi.mocked(extensions.getExtension)).toHaveBeenCalledTimes(1);
    // The next settled window reads again.
    vi.setSystemTime(Date.now() + SETTLED_READ_WINDOW_MS);
    await getExtensionStatus(credential, id);
    expect(vi.mocked(extensions.getExtension)).toHaveBeenCalledTimes(2);
  });

  it('after a write is forgotten, the next request reads ARM again', async () => {
    freezeClock();
    const id = aks('aks-prod-eastus', 'azureml');
    await getExtensionStatus(credential, id);
    await getExtensionStatus(credential, id);
    forgetExtensionStatus(id);
    await getExtensionStatus(credential, id);
    expect(vi.mocked(extensions.getExtension)).toHaveBeenCalledTimes(2);
  });

  it('a failed install (E40002 scenario) comes with the explanation and the fix', async () => {
    const started = await extensions.beginCreateExtension(credential, FAILING.replace(/\/providers\/Microsoft\.KubernetesConfiguration.*$/, ''), 'azureml-status-test', {
      extensionType: 'Microsoft.AzureML.Kubernetes',
      scope: { cluster: { releaseNamespace: 'azureml' } },
      configurationSettings: { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' },
    });
    expect(started.status).toBe('running');
    await vi.waitFor(
      async () => {
        clearStatusCoalescing();
        expect((await getExtensionStatus(credential, FAILING)).provisioningState).toBe('Failed');
      },
      { timeout: 5_000, interval: 100 },
    );
    const status = await getExtensionStatus(credential, FAILING);
    expect(status.errorInfo?.code).toBe('ExtensionOperationFailed');
    expect(status.explanation).toMatchObject({ code: 'E40002' });
    expect(status.explanation?.fix).toMatch(/inferenceRouterHA=False/);
  });

  it('answers 404 for an extension that does not exist and 400 for a bad id', async () => {
    await expect(getExtensionStatus(credential, aks('aks-prod-westeurope', 'nope'))).rejects.toMatchObject({ code: 'ResourceNotFound', status: 404 });
    await expect(getExtensionStatus(credential, '/subscriptions/x/nothing')).rejects.toMatchObject({ code: 'InvalidResourceId', status: 400 });
  });
});
