/** runCommand and the simulated azureml namespace: the kubectl command, refusals, readiness over time. */
import { describe, expect, it } from 'vitest';
import { armRequest, asRecord, pollUntil, emulatorPerFile } from './test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD } from './world';

const PROVISIONING_MS = 400;
const emu = emulatorPerFile({ provisioningMs: PROVISIONING_MS });

const cluster = (name: string, rg = 'rg-ml-prod-eastus') =>
  `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const KUBECTL = 'kubectl get deploy,ds,sts,pods -n azureml -o json';

interface KubeItem {
  kind: string;
  metadata: { name: string };
  spec?: { replicas?: number };
  status: Record<string, unknown> & {
    containerStatuses?: { ready: boolean; restartCount: number; state: Record<string, { reason?: string }> }[];
    conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[];
  };
}

async function runCommand(name: string, command: string, rg?: string) {
  const post = await armRequest(emu(), 'POST', `${cluster(name, rg)}/runCommand?api-version=2026-04-01`, { body: { command, context: '' } });
  expect(post.status).toBe(202);
  const location = String(post.headers.location);
  expect(location.startsWith(`${emu().endpoint}${cluster(name, rg)}/commandResults/`)).toBe(true);
  // 202 while the command runs (runCommandMs, a tenth of provisioningMs), then 200.
  const result = await pollUntil(() => armRequest(emu(), 'GET', location), (r) => r.status !== 202);
  expect(result.status).toBe(200);
  return asRecord(asRecord(result.body).properties);
}

async function items(name: string, rg?: string): Promise<KubeItem[]> {
  const props = await runCommand(name, KUBECTL, rg);
  expect(props.exitCode).toBe(0);
  const list = JSON.parse(String(props.logs)) as { apiVersion: string; kind: string; items: KubeItem[] };
  expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
  return list.items;
}

const readyDeployments = (list: KubeItem[]) =>
  list.filter((i) => i.kind === 'Deployment' && i.status.readyReplicas === i.spec?.replicas).length;

describe('runCommand and the azureml namespace', () => {
  it('answers the kubectl command with the seeded, fully ready install', async () => {
    const list = await items('aks-prod-eastus');
    const deployments = list.filter((i) => i.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name)).toEqual(expect.arrayContaining(['gateway', 'azureml-fe-v2', 'aml-operator']));
    expect(readyDeployments(list)).toBe(deployments.length);
    expect(list.find((i) => i.kind === 'DaemonSet' && i.metadata.name === 'fluent-bit')?.status.desiredNumberScheduled).toBe(3);
    expect(list.filter((i) => i.kind === 'Pod').every((p) => p.status.phase === 'Running')).toBe(true);
    const noPods = JSON.parse(String((await runCommand('aks-prod-eastus', '  kubectl get deploy,ds,sts  -n azureml -o json ')).logs)) as { items: KubeItem[] };
    expect(noPods.items.some((i) => i.kind === 'Pod')).toBe(false);
  });

  it('refuses any other command with exitCode 1', async () => {
    const props = await runCommand('aks-prod-eastus', 'kubectl delete ns azureml');
    expect(props.provisioningState).toBe('failed');
    expect(props.exitCode).toBe(1);
    expect(String(props.logs)).toContain('only answers');
  });

  it('shows components becoming ready one by one after an install succeeds', async () => {
    const ext = `${cluster('aks-prod-westeurope', 'rg-ml-prod-westeurope')}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`;
    const put = await armRequest(emu(), 'PUT', ext, {
      body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: { enableTraining: 'True' } } },
    });
    expect(await items('aks-prod-westeurope', 'rg-ml-prod-westeurope')).toEqual([]);
    await pollUntil(async () => asRecord((await armRequest(emu(), 'GET', String(put.headers['azure-asyncoperation']))).body).status, (s) => s === 'Succeeded');
    const seen: number[] = [];
    let total = 0;
    const deadline = Date.now() + PROVISIONING_MS * 4;
    while (Date.now() < deadline) {
      const list = await items('aks-prod-westeurope', 'rg-ml-prod-westeurope');
      total = list.filter((i) => i.kind === 'Deployment').length;
      seen.push(readyDeployments(list));
      if (seen[seen.length - 1] === total) break;
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(total).toBeGreaterThan(3);
    expect(seen[0]).toBeLessThan(total);
    expect(seen[seen.length - 1]).toBe(total);
    expect(new Set(seen).size).toBeGreaterThan(2); // intermediate counts: not all at once
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    // Each pod says when it became Ready, as the kubelet does: the time the portal charts.
    const readyCondition = (p: KubeItem) => (p.status.conditions ?? []).find((c) => c.type === 'Ready');
    const pods = await pollUntil(
      async () => (await items('aks-prod-westeurope', 'rg-ml-prod-westeurope')).filter((i) => i.kind === 'Pod'),
      (list) => list.every((p) => readyCondition(p)?.status === 'True'),
    );
    const readyTimes = pods.map(readyCondition);
    expect(readyTimes.length).toBeGreaterThan(3);
    const created = Date.parse(String(asRecord(asRecord(put.body).systemData).createdAt));
    for (const condition of readyTimes) {
      expect(condition).toMatchObject({ status: 'True', lastProbeTime: null });
      // Kubernetes times have whole seconds: allow the one the createdAt's milliseconds may exceed.
      expect(Date.parse(String(condition?.lastTransitionTime))).toBeGreaterThanOrEqual(created - 1000);
    }
  });

  it('crash-loops one component under crash-looping-component', async () => {
    await armRequest(emu(), 'PUT', '/_sandbox/clusters/aks-prod-eastus/scenario', { token: null, body: { scenario: 'crash-looping-component' } });
    const list = await items('aks-prod-eastus');
    const fe = list.find((i) => i.kind === 'Deployment' && i.metadata.name === 'azureml-fe-v2');
    expect(fe?.status.readyReplicas).toBeUndefined();
    const pod = list.find((i) => i.kind === 'Pod' && i.metadata.name.startsWith('azureml-fe-v2-'));
    expect(pod?.status.containerStatuses?.[0].state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(pod?.status.containerStatuses?.[0].restartCount).toBeGreaterThan(0);
  });
});
