import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { buildInstanceTypeManifest, instanceTypeSchema, parseInstanceTypeList } from '@/lib/domain/instance-types';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import * as components from './components';
import { applyInstanceType, deleteInstanceType, INSTANCE_TYPE_FILE, listInstanceTypes, manifestContext, readNamespaceExists } from './kube-objects';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');
vi.mock('./components', async (importOriginal) => {
  const original = await importOriginal<typeof import('./components')>();
  return { ...original, findKubeconfig: vi.fn(original.findKubeconfig) };
});

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const aks = (rg: string, name: string) => `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const arc = (name: string) => `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/${name}`;
const AKS_INSTALLED = aks('rg-ml-prod-eastus', 'aks-prod-eastus');
const AKS_BARE = aks('rg-ml-prod-westeurope', 'aks-prod-westeurope');
const ARC_INSTALLED = arc('arc-k3s-edge');
const ARC_BARE = arc('arc-single-node');

const manifest = (name: string, cpu = '500m') =>
  buildInstanceTypeManifest(
    instanceTypeSchema.parse({
      name,
      nodeSelector: { accelerator: 'nvidia' },
      resources: { requests: { cpu, memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': 1 } },
    }),
  );

describe('readNamespaceExists', () => {
  it('says true and false through runCommand on AKS, azureml only where the extension is installed', async () => {
    expect(await readNamespaceExists(credential, AKS_INSTALLED, 'azureml')).toBe(true);
    expect(await readNamespaceExists(credential, AKS_INSTALLED, 'default')).toBe(true);
    expect(await readNamespaceExists(credential, AKS_BARE, 'azureml')).toBe(false);
    expect(await readNamespaceExists(credential, AKS_BARE, 'ml-jobs')).toBe(false);
  });

  it('says true and false through the kubeconfig on Arc', async () => {
    expect(await readNamespaceExists(credential, ARC_INSTALLED, 'azureml')).toBe(true);
    expect(await readNamespaceExists(credential, ARC_INSTALLED, 'kube-system')).toBe(true);
    expect(await readNamespaceExists(credential, ARC_BARE, 'azureml')).toBe(false);
  });

  it('says undefined for an Arc cluster without a kubeconfig', async () => {
    vi.mocked(components.findKubeconfig).mockResolvedValueOnce(undefined);
    expect(await readNamespaceExists(credential, ARC_INSTALLED, 'default')).toBeUndefined();
  });

  it('refuses a namespace that is not a Kubernetes name before any command', async () => {
    await expect(readNamespaceExists(credential, AKS_INSTALLED, 'default; kubectl delete ns azureml')).rejects.toMatchObject({ status: 400 });
    await expect(readNamespaceExists(credential, AKS_INSTALLED, 'Default')).rejects.toMatchObject({ status: 400 });
  });
});

describe('manifestContext', () => {
  it('is the base64 of a zip holding the manifest as the one file kubectl apply reads', () => {
    const files = unzipSync(new Uint8Array(Buffer.from(manifestContext(manifest('gpu-small')), 'base64')));
    expect(Object.keys(files)).toEqual([INSTANCE_TYPE_FILE]);
    expect(JSON.parse(strFromU8(files[INSTANCE_TYPE_FILE]))).toEqual(manifest('gpu-small'));
  });
});

describe.each([
  ['AKS through runCommand', AKS_INSTALLED, AKS_BARE, 'runCommand'],
  ['Arc through the kubeconfig', ARC_INSTALLED, ARC_BARE, 'kubeconfig'],
] as const)('instance types on %s', (_, installed, bare, via) => {
  it('creates, lists, replaces and deletes one', async () => {
    const name = `gpu-${via.toLowerCase()}`;
    expect(await applyInstanceType(credential, installed, manifest(name))).toEqual({ via, outcome: 'created' });
    const listed = await listInstanceTypes(credential, installed);
    expect(listed.via).toBe(via);
    const row = parseInstanceTypeList(listed.list).find((r) => r.name === name);
    expect(row).toMatchObject({ nodeSelector: { accelerator: 'nvidia' }, requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' } });
    expect(await applyInstanceType(credential, installed, manifest(name, '750m'))).toEqual({ via, outcome: 'configured' });
    const after = parseInstanceTypeList((await listInstanceTypes(credential, installed)).list).find((r) => r.name === name);
    expect(after?.requests.cpu).toBe('750m');
    expect(await deleteInstanceType(credential, installed, name)).toEqual({ via, deleted: true });
    expect(await deleteInstanceType(credential, installed, name)).toEqual({ via, deleted: false });
    expect(parseInstanceTypeList((await listInstanceTypes(credential, installed)).list).map((r) => r.name)).not.toContain(name);
  });

  it('says the CRD is missing where the extension is not installed', async () => {
    await expect(listInstanceTypes(credential, bare)).rejects.toMatchObject({ status: 409, userText: { key: 'resources.instanceTypeCrdMissing' } });
    await expect(applyInstanceType(credential, bare, manifest('gpu-x'))).rejects.toMatchObject({ userText: { key: 'resources.instanceTypeCrdMissing' } });
    await expect(deleteInstanceType(credential, bare, 'gpu-x')).rejects.toMatchObject({ userText: { key: 'resources.instanceTypeCrdMissing' } });
  });

  it('passes on the cluster\'s refusal of a bad quantity (the emulator validates on its own)', async () => {
    const bad = manifest('bad-quantity');
    bad.spec.resources.requests.cpu = 'lots';
    await expect(applyInstanceType(credential, installed, bad)).rejects.toMatchObject({
      status: 422,
      userText: { key: 'resources.instanceTypeInvalid', detail: expect.stringContaining('spec.resources.requests[cpu]') },
    });
  });
});

describe('no way in', () => {
  it('refuses instance type reads and writes on an Arc cluster without a kubeconfig', async () => {
    vi.mocked(components.findKubeconfig).mockResolvedValue(undefined);
    try {
      await expect(listInstanceTypes(credential, ARC_INSTALLED)).rejects.toMatchObject({ userText: { key: 'resources.instanceTypesNoWayIn' } });
      await expect(applyInstanceType(credential, ARC_INSTALLED, manifest('x'))).rejects.toMatchObject({ userText: { key: 'resources.instanceTypesNoWayIn' } });
      await expect(deleteInstanceType(credential, ARC_INSTALLED, 'x')).rejects.toMatchObject({ userText: { key: 'resources.instanceTypesNoWayIn' } });
    } finally {
      vi.mocked(components.findKubeconfig).mockRestore?.();
    }
  });
});
