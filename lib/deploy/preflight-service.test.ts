/**
 * runPreflight on every seeded cluster of the sandbox (lib/sandbox/world.ts), through the real
 * SDK clients into this file's own emulator. The expectations are the table in
 * lib/domain/preflight/README.md: change both together.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { registerProvider } from '@/lib/azure/providers';
import type { Finding, FindingCode } from '@/lib/domain/preflight/types';
import type { Emulator } from '@/lib/sandbox/emulator';
import { clusterResourceId } from '@/lib/sandbox/ids';
import { RESEARCH_SUBSCRIPTION_ID, SEEDED_WORLD } from '@/lib/sandbox/world';
import { credential, startContractEmulator, stopContractEmulator, TEST_POLL_INTERVAL_MS } from '@/test/contract/harness';
import { sandboxUserCredential } from '@/test/contract/sandbox-users';

import { runPreflight } from './preflight-service';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

/** Every seeded cluster is listed here, or the coverage test below fails. */
const DEFAULT_SETTINGS_FINDINGS: Record<string, FindingCode[]> = {
  'aks-prod-eastus': ['extension-exists'],
  'aks-prod-westeurope': [],
  'aks-entra-id': [],
  'aks-two-nodes': ['kubernetes-version-unsupported'],
  'aks-service-principal': ['service-principal-identity'],
  'aks-local-accounts-disabled': ['local-accounts-disabled'],
  'aks-authorized-ip-ranges': ['authorized-ip-ranges'],
  'aks-gpu-nc': ['gpu-without-device-plugin'],
  // one NotReady node is invisible to ARM: the install itself reports E40002
  'aks-fails-ha': [],
  'aks-prom-conflict': [],
  'aks-crash-loop': [],
  'aks-throttled': [],
  'aks-slow-arm': [],
  'aks-research-unregistered': ['provider-not-registered'],
  'arc-k3s-edge': ['extension-exists'],
  'arc-single-node': [],
  'arc-openshift-factory': [],
  'arc-offline-store': ['cluster-not-connected'],
};

const INFERENCE = { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' };

function idOf(name: string): string {
  const cluster = SEEDED_WORLD.clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(`no seeded cluster ${name}`);
  return clusterResourceId(cluster);
}

const codes = (findings: Finding[]) => findings.map((f) => f.code);
const find = (findings: Finding[], code: FindingCode) => findings.find((f) => f.code === code);

// One emulator for the file: the portal caches SDK clients per credential, endpoint included.
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startContractEmulator();
});
afterAll(async () => {
  await stopContractEmulator();
});

describe('runPreflight on every seeded cluster', () => {
  const results = new Map<string, Finding[]>();

  beforeAll(async () => {
    // In parallel: Run Command polls every 2 s and the slow/throttled clusters add seconds.
    const all = await Promise.all(SEEDED_WORLD.clusters.map(async (c) => [c.name, await runPreflight(credential, clusterResourceId(c))] as const));
    for (const [name, findings] of all) results.set(name, findings);
  }, 60_000);

  it('has expectations for exactly the seeded clusters', () => {
    expect(Object.keys(DEFAULT_SETTINGS_FINDINGS).sort()).toEqual(SEEDED_WORLD.clusters.map((c) => c.name).sort());
  });

  it.each(Object.entries(DEFAULT_SETTINGS_FINDINGS))('%s reports %j plus the same-subscription info', (name, expected) => {
    expect(codes(results.get(name) ?? [])).toEqual([...expected, 'same-subscription-workspace']);
  });

  it('offers to register the provider in the research subscription', () => {
    expect(find(results.get('aks-research-unregistered') ?? [], 'provider-not-registered')?.action).toEqual({
      kind: 'register-provider',
      namespace: 'Microsoft.KubernetesConfiguration',
      subscriptionId: RESEARCH_SUBSCRIPTION_ID,
    });
  });

  it('offers to open the existing extension', () => {
    expect(find(results.get('aks-prod-eastus') ?? [], 'extension-exists')?.action).toEqual({
      kind: 'open-extension',
      extensionId: `${idOf('aks-prod-eastus')}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
    });
  });

  it('says how long arc-offline-store has been offline', () => {
    expect(find(results.get('arc-offline-store') ?? [], 'cluster-not-connected')?.message).toMatch(/72 h ago.*over 48 h/s);
  });
});

describe('runPreflight with the settings about to be installed', () => {
  it('aks-two-nodes: HA explicitly on blocks; left to the CLI default it does not', async () => {
    const explicit = await runPreflight(credential, idOf('aks-two-nodes'), { ...INFERENCE, inferenceRouterHA: 'True' });
    expect(codes(explicit)).toEqual(['ha-needs-three-nodes', 'kubernetes-version-unsupported', 'same-subscription-workspace']);
    expect(find(explicit, 'ha-needs-three-nodes')?.message).toContain('has 2 Linux nodes');
    expect(codes(await runPreflight(credential, idOf('aks-two-nodes'), INFERENCE))).not.toContain('ha-needs-three-nodes');
  });

  it('aks-gpu-nc: the plugin quiets the GPU warning; a GPU-only nodeSelector leaves 2 of 4 nodes for the HA router', async () => {
    expect(codes(await runPreflight(credential, idOf('aks-gpu-nc'), { installNvidiaDevicePlugin: 'True', enableTraining: 'True' })))
      .toEqual(['same-subscription-workspace']);
    const selected = await runPreflight(credential, idOf('aks-gpu-nc'), { ...INFERENCE, installNvidiaDevicePlugin: 'True', 'nodeSelector.accelerator': 'nvidia' });
    expect(codes(selected)).toEqual(['ha-needs-three-nodes', 'same-subscription-workspace']);
    expect(find(selected, 'ha-needs-three-nodes')?.message).toContain('2 nodes matching nodeSelector accelerator=nvidia (of 4 in total)');
    const cpuOnly = await runPreflight(credential, idOf('aks-gpu-nc'), { enableTraining: 'True', installNvidiaDevicePlugin: 'True', 'nodeSelector.accelerator': 'none' });
    // a selector no pool matches leaves no GPU and no capacity at all
    expect(codes(cpuOnly)).toEqual(['no-gpu-nodes', 'below-production-capacity', 'same-subscription-workspace']);
  });

  it('arc-single-node: HA explicitly on blocks with an unfiltered count', async () => {
    const findings = await runPreflight(credential, idOf('arc-single-node'), { ...INFERENCE, inferenceRouterServiceType: 'nodePort', inferenceRouterHA: 'true' });
    expect(codes(findings)).toEqual(['ha-needs-three-nodes', 'same-subscription-workspace']);
    expect(find(findings, 'ha-needs-three-nodes')?.message).toContain('1 node in total (Arc does not report node labels');
  });

  it.each(['arc-openshift-factory', 'arc-k3s-edge'])('%s: loadBalancer warns E40001, nodePort does not', async (name) => {
    const lb = await runPreflight(credential, idOf(name), INFERENCE);
    expect(find(lb, 'no-load-balancer')?.severity).toBe('warning');
    expect(codes(await runPreflight(credential, idOf(name), { ...INFERENCE, inferenceRouterServiceType: 'nodePort' }))).not.toContain('no-load-balancer');
  });

  it('registering Microsoft.KubernetesConfiguration in the research subscription clears provider-not-registered', async () => {
    const id = idOf('aks-research-unregistered');
    expect(codes(await runPreflight(credential, id))).toContain('provider-not-registered');
    await registerProvider(credential, RESEARCH_SUBSCRIPTION_ID, 'Microsoft.KubernetesConfiguration', { pollIntervalMs: TEST_POLL_INTERVAL_MS });
    expect(codes(await runPreflight(credential, id))).toEqual(['same-subscription-workspace']);
  });
});

describe('runPreflight for the sandbox’s people: who may install is said at the cluster step', () => {
  it('Rita (Reader) is told on aks-prod-westeurope that her role does not grant the extension write', async () => {
    const findings = await runPreflight(await sandboxUserCredential(emulator, 'reader'), idOf('aks-prod-westeurope'));
    expect(codes(findings)).toEqual(['install-permission-missing', 'same-subscription-workspace']);
    expect(find(findings, 'install-permission-missing')).toMatchObject({
      severity: 'error',
      message: 'You can read this cluster but cannot install on it: your role does not grant Microsoft.KubernetesConfiguration/extensions/write.',
    });
  });

  it('Rita on Arc is also told about the Relay writes in the resource group', async () => {
    const findings = await runPreflight(await sandboxUserCredential(emulator, 'reader'), idOf('arc-single-node'));
    expect(find(findings, 'install-permission-missing')?.message).toContain('Microsoft.Relay/namespaces/hybridConnections/authorizationRules/listKeys/action');
    expect(find(findings, 'install-permission-missing')?.fix).toContain('rg-edge-stores');
  });

  it.each(['owner', 'contributor'])('%s on aks-prod-westeurope gets no permission finding', async (user) => {
    expect(codes(await runPreflight(await sandboxUserCredential(emulator, user), idOf('aks-prod-westeurope')))).toEqual(['same-subscription-workspace']);
  });
});
