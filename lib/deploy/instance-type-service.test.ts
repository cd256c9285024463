/**
 * The instance type use cases against the emulator: AKS through runCommand, Arc through its
 * kubeconfig, the GPU offer from the cluster's pools and the extension's device plugin (the
 * seed's fourth scenario), one write at a time per cluster, and every write in the audit trail.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

import { listAudit } from '@/lib/audit/audit';
import * as components from '@/lib/azure/components';
import { beginCreateExtension, deleteExtension } from '@/lib/azure/extensions';
import { EDGE_SUBSCRIPTION, PROD_SUBSCRIPTION } from '@/lib/domain/fixtures/seed-scenarios';
import { getLockStore } from '@/lib/store/locks';
import { extensionIdOn, sandboxCredential, settled, TRAINING_ONLY } from '@/test/helpers/sandbox-env';

import { listClusterInstanceTypes, putInstanceType, removeInstanceType } from './instance-type-service';

vi.mock('@/lib/azure/components', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/azure/components')>();
  return { ...original, findKubeconfig: vi.fn(original.findKubeconfig) };
});

const credential = sandboxCredential();
const AKS = `/subscriptions/${PROD_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const GPU = `/subscriptions/${PROD_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-gpu-nc`;
const ARC = `/subscriptions/${EDGE_SUBSCRIPTION}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;

const cpuType = { resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } } };
const gpuType = { nodeSelector: { accelerator: 'nvidia' }, resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi', 'nvidia.com/gpu': 1 } } };

async function auditRowsFor(resourceId: string) {
  return (await listAudit({ limit: 200 })).value.filter((e) => e.resourceId === resourceId);
}

afterAll(async () => {
  await deleteExtension(credential, extensionIdOn(GPU, 'azureml')).catch(() => undefined);
});

describe('listClusterInstanceTypes', () => {
  it('lists an AKS cluster through runCommand, the built-in default first, no GPU type without GPU nodes', async () => {
    const listing = await listClusterInstanceTypes(credential, AKS);
    expect(listing).toMatchObject({ via: 'runCommand', writable: true, gpuOffer: { offer: false, reason: 'no-gpu-nodes' } });
    expect(listing.items[0]).toMatchObject({ name: 'defaultinstancetype', isDefault: true, builtIn: true });
  });

  it('lists an Arc cluster through its kubeconfig (GPU nodes unknown from ARM)', async () => {
    const listing = await listClusterInstanceTypes(credential, ARC);
    expect(listing).toMatchObject({ via: 'kubeconfig', writable: true, gpuOffer: { offer: false, reason: 'unknown' } });
  });

  it('is not writable, with the reason, on an Arc cluster without a kubeconfig', async () => {
    vi.mocked(components.findKubeconfig).mockResolvedValueOnce(undefined);
    const listing = await listClusterInstanceTypes(credential, ARC);
    expect(listing).toMatchObject({ items: [], writable: false, reason: expect.stringContaining('kubeconfig') });
    expect(listing.via).toBeUndefined();
  });
});

describe('the GPU cluster (seed scenario 4)', () => {
  it('is not writable before the extension, then offers and takes a GPU type once it runs the device plugin', async () => {
    const before = await listClusterInstanceTypes(credential, GPU);
    expect(before).toMatchObject({ writable: false, reason: expect.stringContaining('not installed'), gpuOffer: { offer: false, reason: 'unknown' } });
    await beginCreateExtension(credential, GPU, 'azureml', { ...TRAINING_ONLY, configurationSettings: { enableTraining: 'True', installNvidiaDevicePlugin: 'True' } });
    await settled(credential, extensionIdOn(GPU, 'azureml'));
    const after = await listClusterInstanceTypes(credential, GPU);
    expect(after).toMatchObject({ writable: true, gpuOffer: { offer: true, reason: 'ready' } });
    const put = await putInstanceType(credential, GPU, 'gpu-v100', gpuType);
    expect(put).toEqual({ ok: true, row: expect.objectContaining({ name: 'gpu-v100', limits: { cpu: '2', memory: '8Gi', 'nvidia.com/gpu': '1' }, nodeSelector: { accelerator: 'nvidia' } }) });
    expect((await listClusterInstanceTypes(credential, GPU)).items.map((r) => r.name)).toEqual(['defaultinstancetype', 'gpu-v100']);
    await removeInstanceType(credential, GPU, 'gpu-v100');
  });
});

describe('putInstanceType and removeInstanceType', () => {
  it('writes, replaces and deletes through runCommand, each write audited', async () => {
    const resourceId = `${AKS}/instanceTypes/cpu-small`;
    expect(await putInstanceType(credential, AKS, 'cpu-small', cpuType)).toMatchObject({ ok: true, row: { name: 'cpu-small', isDefault: false } });
    const bigger = { resources: { ...cpuType.resources, requests: { cpu: '750m', memory: '1Gi' } } };
    await putInstanceType(credential, AKS, 'cpu-small', bigger);
    expect((await listClusterInstanceTypes(credential, AKS)).items.find((r) => r.name === 'cpu-small')?.requests.cpu).toBe('750m');
    await removeInstanceType(credential, AKS, 'cpu-small');
    const rows = await auditRowsFor(resourceId);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual(expect.arrayContaining([
      ['apply-instance-type', 'succeeded'],
      ['delete-instance-type', 'succeeded'],
    ]));
    expect(rows.find((r) => r.action === 'apply-instance-type')?.settings).toMatchObject({ 'requests.memory': '1Gi', 'limits.cpu': '1' });
    expect(rows.every((r) => r.clusterId?.toLowerCase() === AKS.toLowerCase())).toBe(true);
  });

  it('writes through the kubeconfig on Arc', async () => {
    expect(await putInstanceType(credential, ARC, 'edge-small', cpuType)).toMatchObject({ ok: true });
    expect((await listClusterInstanceTypes(credential, ARC)).items.map((r) => r.name)).toContain('edge-small');
    await removeInstanceType(credential, ARC, 'edge-small');
    expect((await listClusterInstanceTypes(credential, ARC)).items.map((r) => r.name)).not.toContain('edge-small');
  });

  it('answers invalid input with errors at their fields, and writes nothing', async () => {
    const result = await putInstanceType(credential, AKS, 'bad-one', { resources: { requests: { cpu: '2', memory: '512m' }, limits: { cpu: '1', memory: '1Gi' } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.key)).toEqual(expect.arrayContaining(['resources.requests.memory', 'resources.requests.cpu']));
    expect(await auditRowsFor(`${AKS}/instanceTypes/bad-one`)).toEqual([]);
    expect((await listClusterInstanceTypes(credential, AKS)).items.map((r) => r.name)).not.toContain('bad-one');
  });

  it('refuses a name in the body that is not the one in the address', async () => {
    const result = await putInstanceType(credential, AKS, 'one', { ...cpuType, name: 'other' });
    expect(result).toEqual({ ok: false, errors: [{ key: 'name', message: expect.stringContaining('other') }] });
  });

  it('answers a retryable 409 while another write on the cluster is in flight', async () => {
    let release!: () => void;
    const held = getLockStore().withLock(`instance-types:${AKS.toLowerCase()}`, () => new Promise<void>((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    try {
      await expect(putInstanceType(credential, AKS, 'cpu-busy', cpuType)).rejects.toMatchObject({ status: 409, retryable: true, userText: { key: 'resources.instanceTypesBusy' } });
    } finally {
      release();
      await held;
    }
    expect(await auditRowsFor(`${AKS}/instanceTypes/cpu-busy`)).toEqual([]);
  });

  it('says 404 for a delete of a name the cluster does not have, and audits it as not found', async () => {
    await expect(removeInstanceType(credential, AKS, 'never-made')).rejects.toMatchObject({ status: 404, userText: { key: 'resources.instanceTypeNotFound' } });
    expect((await auditRowsFor(`${AKS}/instanceTypes/never-made`)).map((r) => r.outcome)).toEqual(['not-found']);
  });
});
