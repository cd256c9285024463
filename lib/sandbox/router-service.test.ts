/** The inference router's Service (`azureml-fe`) in the simulated namespace: runCommand and the Arc Kubernetes API. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { inferenceEndpointOf } from '@/lib/domain/inference-endpoint';
import { AZUREML_NAMESPACE_COMMAND } from '@/lib/domain/namespace-read';
import { PREFLIGHT_NAMESPACE_COMMAND as PREFLIGHT_COMMAND } from '@/lib/domain/preflight/legacy-azureml-fe';

import { fakeInternalIp, fakePublicIp } from './kube-service';
import { armRequest, asRecord, pollUntil, resetEmulator, emulatorPerFile } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from './world';

const PROVISIONING_MS = 400;
const emu = emulatorPerFile({ provisioningMs: PROVISIONING_MS });

const aks = (name: string, rg = 'rg-ml-prod-eastus') =>
  `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const arc = (name: string, rg = 'rg-edge-stores') => `/subscriptions/${EDGE}/resourceGroups/${rg}/providers/Microsoft.Kubernetes/connectedClusters/${name}`;
const WESTEUROPE = aks('aks-prod-westeurope', 'rg-ml-prod-westeurope');

interface KubeService {
  kind: string;
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: { type: string; clusterIP: string; ports: Array<{ name: string; port: number; nodePort?: number }> };
  status: { loadBalancer: { ingress?: Array<{ ip: string }> } };
}

async function runCommand(clusterId: string, command: string) {
  const post = await armRequest(emu(), 'POST', `${clusterId}/runCommand?api-version=2026-04-01`, { body: { command, context: '' } });
  expect(post.status).toBe(202);
  // 202 while the command runs, then 200.
  const result = await pollUntil(() => armRequest(emu(), 'GET', String(post.headers.location)), (r) => r.status !== 202);
  return asRecord(asRecord(result.body).properties);
}

async function listItems(clusterId: string, command = AZUREML_NAMESPACE_COMMAND): Promise<unknown[]> {
  const props = await runCommand(clusterId, command);
  expect(props.exitCode).toBe(0);
  return (JSON.parse(String(props.logs)) as { items: unknown[] }).items;
}

const servicesOf = (items: unknown[]) => items.filter((i) => (i as { kind: string }).kind === 'Service') as KubeService[];

/** Installs Azure ML with these settings and waits for Succeeded. */
async function install(clusterId: string, settings: Record<string, string>) {
  const put = await armRequest(emu(), 'PUT', `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`, {
    body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: settings } },
  });
  expect(put.status).toBe(201);
  const status = await pollUntil(
    async () => asRecord((await armRequest(emu(), 'GET', String(put.headers['azure-asyncoperation']))).body).status,
    (s) => s === 'Succeeded' || s === 'Failed',
  );
  expect(status).toBe('Succeeded');
}

async function extensionSettings(clusterId: string): Promise<Record<string, string>> {
  const got = await armRequest(emu(), 'GET', `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`);
  return asRecord(asRecord(got.body).properties).configurationSettings as Record<string, string>;
}

const INFERENCE_HTTP = { enableInference: 'True', allowInsecureConnections: 'True', inferenceRouterHA: 'False' };

describe('azureml-fe through runCommand', () => {
  it("answers the portal's command with the seeded HTTPS LoadBalancer, a stable public IP the endpoint reads", async () => {
    const items = await listItems(aks('aks-prod-eastus'));
    const [fe, ...more] = servicesOf(items);
    expect(more).toEqual([]);
    expect(fe).toMatchObject({
      kind: 'Service',
      metadata: { name: 'azureml-fe', namespace: 'azureml' },
      spec: { type: 'LoadBalancer', ports: [{ name: 'https', port: 443 }] },
      status: { loadBalancer: { ingress: [{ ip: fakePublicIp(aks('aks-prod-eastus')) }] } },
    });
    expect(fe.status.loadBalancer.ingress?.[0].ip).toMatch(/^20\.\d+\.\d+\.\d+$/);
    // The same address on every read: a page and a screenshot agree.
    expect(servicesOf(await listItems(aks('aks-prod-eastus')))[0].status).toEqual(fe.status);
    // Services come after the workloads and pods the component table reads.
    expect((items.at(-1) as { kind: string }).kind).toBe('Service');

    const endpoint = inferenceEndpointOf(items, await extensionSettings(aks('aks-prod-eastus')));
    expect(endpoint).toMatchObject({
      serviceType: 'LoadBalancer',
      scheme: 'https',
      reachability: 'public',
      scoringUrl: 'https://ml.contoso.example/api/v1/endpoint/<endpoint-name>/score',
      dnsRecord: { name: 'ml.contoso.example', type: 'A', value: fe.status.loadBalancer.ingress?.[0].ip },
    });
  });

  it("lists no Service for preflight's command or the workloads-only one, and still refuses any other", async () => {
    expect(servicesOf(await listItems(aks('aks-prod-eastus'), PREFLIGHT_COMMAND))).toEqual([]);
    expect(servicesOf(await listItems(aks('aks-prod-eastus'), 'kubectl get deploy,ds,sts -n azureml -o json'))).toEqual([]);
    for (const command of ['kubectl get svc -n azureml -o json', 'kubectl get deploy,ds,sts,pods,svc -n kube-system -o json', 'constructor']) {
      const props = await runCommand(aks('aks-prod-eastus'), command);
      expect(props).toMatchObject({ provisioningState: 'failed', exitCode: 1 });
      expect(String(props.logs)).toContain(AZUREML_NAMESPACE_COMMAND);
    }
  });

  it('has no Service when inference is off', async () => {
    await install(WESTEUROPE, { enableTraining: 'True' });
    const items = await listItems(WESTEUROPE);
    expect(items.length).toBeGreaterThan(0);
    expect(servicesOf(items)).toEqual([]);
  });

  it('a fresh LoadBalancer is pending first, then gets its address', async () => {
    await install(WESTEUROPE, { ...INFERENCE_HTTP, inferenceRouterServiceType: 'loadBalancer' });
    const [first] = servicesOf(await listItems(WESTEUROPE));
    expect(first.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ name: 'http', port: 80 }] });
    expect(first.status).toEqual({ loadBalancer: {} });
    const later = await pollUntil(
      async () => servicesOf(await listItems(WESTEUROPE))[0],
      (s) => (s.status.loadBalancer.ingress?.length ?? 0) > 0,
      PROVISIONING_MS * 4,
    );
    expect(later.status.loadBalancer.ingress).toEqual([{ ip: fakePublicIp(WESTEUROPE), ipMode: 'VIP' }]);
  });

  it('an internal load balancer carries the Azure annotation and a 10.224 address', async () => {
    await install(WESTEUROPE, { ...INFERENCE_HTTP, inferenceRouterServiceType: 'LoadBalancer', internalLoadBalancerProvider: 'azure' });
    const fe = await pollUntil(async () => servicesOf(await listItems(WESTEUROPE))[0], (s) => Boolean(s.status.loadBalancer.ingress), PROVISIONING_MS * 4);
    expect(fe.metadata.annotations).toMatchObject({ 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
    expect(fe.status.loadBalancer.ingress?.[0].ip).toBe(fakeInternalIp(WESTEUROPE));
    expect(fe.status.loadBalancer.ingress?.[0].ip).toMatch(/^10\.224\./);
  });

  it('NodePort: a node port in the Kubernetes range; ClusterIP: only the cluster IP', async () => {
    await install(WESTEUROPE, { ...INFERENCE_HTTP, inferenceRouterServiceType: 'nodePort' });
    const [nodePort] = servicesOf(await listItems(WESTEUROPE));
    expect(nodePort.spec.type).toBe('NodePort');
    expect(nodePort.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(nodePort.status).toEqual({ loadBalancer: {} });

    await resetEmulator(emu());
    await install(WESTEUROPE, { ...INFERENCE_HTTP, inferenceRouterServiceType: 'ClusterIP' });
    const [clusterIp] = servicesOf(await listItems(WESTEUROPE));
    expect(clusterIp.spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: 80 }] });
    expect(clusterIp.spec.ports[0]).not.toHaveProperty('nodePort');
    expect(clusterIp.spec).not.toHaveProperty('externalTrafficPolicy');
    expect(clusterIp.spec.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(clusterIp.status).toEqual({ loadBalancer: {} });
  });
});

describe('azureml-fe through the Arc Kubernetes API', () => {
  async function kubeGet(cluster: string, resource: string) {
    const kubeconfig = await readFile(path.join(emu().kubeconfigDir, `${cluster}.yaml`), 'utf8');
    const token = /token: "([^"]+)"/.exec(kubeconfig)?.[1] ?? 'missing';
    return armRequest(emu(), 'GET', `/_kube/${cluster}/api/v1/namespaces/azureml/${resource}`, { token });
  }

  it('answers an empty ServiceList for a training-only install, and refuses an ARM token', async () => {
    const list = await kubeGet('arc-k3s-edge', 'services');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ kind: 'ServiceList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] });
    const refused = await armRequest(emu(), 'GET', '/_kube/arc-k3s-edge/api/v1/namespaces/azureml/services', { token: 'sandbox' });
    expect(refused.status).toBe(401);
  });

  it("lists the router's Service once inference is installed: k3s's ServiceLB gives it a node's address", async () => {
    await install(arc('arc-single-node'), { ...INFERENCE_HTTP, inferenceRouterServiceType: 'LoadBalancer' });
    const body = await pollUntil(
      async () => (await kubeGet('arc-single-node', 'services')).body as { kind: string; items: KubeService[] },
      (b) => Boolean(b.items[0]?.status.loadBalancer.ingress),
      PROVISIONING_MS * 4,
    );
    expect(body.kind).toBe('ServiceList');
    expect(body.items.map((s) => [s.kind, s.metadata.name, s.spec.type])).toEqual([['Service', 'azureml-fe', 'LoadBalancer']]);
    expect(body.items[0].status.loadBalancer.ingress?.[0].ip).toMatch(/^192\.168\./);
    expect(body.items[0].spec.clusterIP).toMatch(/^10\.43\./);
    // Other namespaces have none; the pods list still has no Service in it.
    expect(((await kubeGet('arc-single-node', 'pods')).body as { items: Array<{ kind: string }> }).items.every((i) => i.kind === 'Pod')).toBe(true);
  });
});
