import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { CoreV1Api } from '@kubernetes/client-node';
import { describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { apiVersionSentFor } from '@/lib/sandbox/api-versions';
import { ensureSandbox, SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { armRequest, pollUntil } from '@/lib/sandbox/test-client';

import { AZUREML_NAMESPACE_COMMAND, COMPONENTS_UNAVAILABLE_REASON, findKubeconfig, readAzureMlNamespace } from './components';
import { parseKubeconfigEnv } from './kube-connection';

/** The extensions api-version the SDK sends (the emulator refuses a request without one, as ARM does). */
const EXTENSIONS_API = apiVersionSentFor('Microsoft.KubernetesConfiguration');

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const AKS_PROD = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const ARC_EDGE = `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;

const kinds = (items: unknown[]) => new Set(items.map((i) => (i as { kind: string }).kind));
const names = (items: unknown[], kind: string) =>
  items.filter((i) => (i as { kind: string }).kind === kind).map((i) => (i as { metadata: { name: string } }).metadata.name);

describe('readAzureMlNamespace in the sandbox', () => {
  it('reads an Arc cluster through its kubeconfig and the emulated Kubernetes API', async () => {
    const read = await readAzureMlNamespace(credential, ARC_EDGE);
    expect(read.available).toBe(true);
    if (!read.available) return;
    expect(read.via).toBe('kubeconfig');
    expect(kinds(read.items)).toEqual(new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'Pod']));
    // Training-only Arc install: relayserver and the training operator, no inference router.
    expect(names(read.items, 'Deployment')).toEqual(expect.arrayContaining(['relayserver', 'aml-operator', 'gateway']));
    expect(names(read.items, 'Deployment')).not.toContain('azureml-fe-v2');
    // client-node turns timestamps into Dates; the items must be plain JSON again.
    const first = read.items[0] as { metadata: { creationTimestamp: unknown } };
    expect(typeof first.metadata.creationTimestamp).toBe('string');
  });

  it('reads an AKS cluster through runCommand, the inference router\'s Service included', async () => {
    expect(AZUREML_NAMESPACE_COMMAND).toBe('kubectl get deploy,ds,sts,pods,svc -n azureml -o json');
    const read = await readAzureMlNamespace(credential, AKS_PROD);
    expect(read).toMatchObject({ available: true, via: 'runCommand' });
    if (!read.available) return;
    expect(names(read.items, 'Deployment')).toContain('azureml-fe-v2');
    expect(names(read.items, 'Service')).toEqual(['azureml-fe']);
  });

  it("lists an Arc cluster's Services through its kubeconfig once inference is installed", async () => {
    const arc = ARC_EDGE.replace('arc-k3s-edge', 'arc-single-node');
    const emulator = await ensureSandbox();
    const put = await armRequest(emulator, 'PUT', `${arc}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=${EXTENSIONS_API}`, {
      token: SANDBOX_TOKEN,
      body: {
        properties: {
          extensionType: 'Microsoft.AzureML.Kubernetes',
          configurationSettings: { enableInference: 'True', inferenceRouterServiceType: 'NodePort', allowInsecureConnections: 'True' },
        },
      },
    });
    expect(put.status).toBe(201);
    const services = await pollUntil(
      async () => {
        const read = await readAzureMlNamespace(credential, arc);
        return read.available ? (read.items.filter((i) => (i as { kind: string }).kind === 'Service') as Array<{ metadata: { name: string }; spec: { type: string } }>) : [];
      },
      (found) => found.length > 0,
      10_000,
      100,
    );
    expect(services.map((s) => [s.metadata.name, s.spec.type])).toEqual([['azureml-fe', 'NodePort']]);
    // Leave the seeded world as it was for whoever reads this cluster next.
    await armRequest(emulator, 'DELETE', `${arc}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=${EXTENSIONS_API}`, { token: SANDBOX_TOKEN });
  });

  it("keeps component health when the kubeconfig's role may not list Services (403), and fails on other errors", async () => {
    const services = vi.spyOn(CoreV1Api.prototype, 'listNamespacedService');
    try {
      services.mockRejectedValueOnce(Object.assign(new Error('services is forbidden'), { code: 403 }));
      const read = await readAzureMlNamespace(credential, ARC_EDGE);
      expect(read).toMatchObject({ available: true, via: 'kubeconfig' });
      if (read.available) expect(kinds(read.items)).toEqual(new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'Pod']));
      services.mockRejectedValueOnce(Object.assign(new Error('etcd timeout'), { code: 500 }));
      await expect(readAzureMlNamespace(credential, ARC_EDGE)).rejects.toMatchObject({ code: 'AzureUnavailable' });
    } finally {
      services.mockRestore();
    }
  });

  it('says why when an Arc cluster has no kubeconfig', async () => {
    const other = ARC_EDGE.replace('arc-k3s-edge', 'arc-not-registered');
    expect(await findKubeconfig(other)).toBeUndefined();
    expect(await readAzureMlNamespace(credential, other)).toEqual({ available: false, reason: COMPONENTS_UNAVAILABLE_REASON });
  });

  it('the emulated API refuses a token other than the kubeconfig one', async () => {
    const emulator = await ensureSandbox();
    const kubeconfig = await readFile(path.join(emulator.kubeconfigDir, 'arc-k3s-edge.yaml'), 'utf8');
    expect(kubeconfig).toContain(`server: "${emulator.endpoint}/_kube/arc-k3s-edge"`);
    const token = /token: "([^"]+)"/.exec(kubeconfig)?.[1];
    const url = '/_kube/arc-k3s-edge/api/v1/namespaces/azureml/pods';
    expect((await armRequest(emulator, 'GET', url, { token: SANDBOX_TOKEN })).status).toBe(401);
    const accepted = await armRequest(emulator, 'GET', url, { token: token ?? 'missing' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ kind: 'PodList' });
    const aks = await armRequest(emulator, 'GET', '/_kube/aks-prod-eastus/api/v1/namespaces/azureml/pods', { token: token ?? '' });
    expect(aks.status).toBe(404);
  });
});

describe('parseKubeconfigEnv', () => {
  it('reads the folder and the id map, lower-casing ids', () => {
    expect(parseKubeconfigEnv({ KUBECONFIGS_DIR: ' /etc/portal/kube ', CLUSTER_KUBECONFIGS: `{"${ARC_EDGE}/":"/k/edge.yaml"}` })).toEqual({
      dir: '/etc/portal/kube',
      byClusterId: { [ARC_EDGE.toLowerCase()]: '/k/edge.yaml' },
    });
    expect(parseKubeconfigEnv({ KUBECONFIGS_DIR: '' })).toEqual({ byClusterId: {} });
  });

  it('names the variable when the JSON is wrong', () => {
    expect(() => parseKubeconfigEnv({ CLUSTER_KUBECONFIGS: '{oops' })).toThrow(/CLUSTER_KUBECONFIGS/);
    expect(() => parseKubeconfigEnv({ CLUSTER_KUBECONFIGS: '["a"]' })).toThrow(/CLUSTER_KUBECONFIGS/);
    expect(() => parseKubeconfigEnv({ CLUSTER_KUBECONFIGS: '{"x": 3}' })).toThrow(/CLUSTER_KUBECONFIGS/);
  });
});
