/**
 * The emulator's Kubernetes API for namespaces and InstanceTypes, held to Kubernetes' own shapes:
 * requests go through the real @kubernetes/client-node (CustomObjectsApi, CoreV1Api) with the
 * kubeconfig the emulator writes, and every Status, Namespace and object metadata it answers uses
 * only fields of client-node's models (generated from Kubernetes' OpenAPI), with their types.
 */
import path from 'node:path';

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Emulator } from '@/lib/sandbox/emulator';

import { startContractEmulator, stopContractEmulator } from './harness';

const where = { group: 'amlarc.azureml.com', version: 'v1alpha1', plural: 'instancetypes' };
const manifest = (name: string, cpu = '500m') => ({
  apiVersion: 'amlarc.azureml.com/v1alpha1',
  kind: 'InstanceType',
  metadata: { name },
  spec: { nodeSelector: { accelerator: 'nvidia' }, resources: { requests: { cpu, memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': 1 } } },
});

type Model = { getAttributeTypeMap(): Array<{ baseName: string; type: string }> };
const models = k8s as unknown as Record<string, Model | undefined>;

/** The fields of `value` that are not in the model (recursively), or whose JSON type is wrong. */
function offModel(value: unknown, type: string, at = '$'): string[] {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return Array.isArray(value) ? value.flatMap((item, i) => offModel(item, array[1], `${at}[${i}]`)) : [`${at}: not an array`];
  if (type === 'string') return typeof value === 'string' ? [] : [`${at}: not a string`];
  if (type === 'number') return typeof value === 'number' ? [] : [`${at}: not a number`];
  if (type === 'boolean') return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
  if (type === 'Date') return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? [] : [`${at}: not a date`];
  if (type.startsWith('{ [key: string]: ')) return value !== null && typeof value === 'object' ? [] : [`${at}: not a map`];
  const model = models[type];
  if (!model?.getAttributeTypeMap) return [];
  if (value === null || typeof value !== 'object') return [`${at}: not an object`];
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  return Object.entries(value).flatMap(([key, item]) => {
    const itemType = attributes.get(key);
    return itemType ? offModel(item, itemType, `${at}.${key}`) : [`${at}.${key}: not in ${type}`];
  });
}

/** The Status body of a client-node ApiException. */
function statusOf(err: unknown): Record<string, unknown> {
  const body = (err as { body?: unknown }).body;
  return (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, unknown>;
}

async function rejection(promise: Promise<unknown>): Promise<{ code: number; status: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    return { code: (err as { code: number }).code, status: statusOf(err) };
  }
  throw new Error('expected the API server to refuse');
}

let emulator: Emulator;
let custom: k8s.CustomObjectsApi;
let core: k8s.CoreV1Api;
let bareCustom: k8s.CustomObjectsApi;

function clientsFor(cluster: string) {
  const config = new k8s.KubeConfig();
  config.loadFromFile(path.join(emulator.kubeconfigDir, `${cluster}.yaml`));
  return { custom: config.makeApiClient(k8s.CustomObjectsApi), core: config.makeApiClient(k8s.CoreV1Api) };
}

beforeAll(async () => {
  emulator = await startContractEmulator();
  ({ custom, core } = clientsFor('arc-k3s-edge'));
  bareCustom = clientsFor('arc-single-node').custom;
});

afterAll(async () => {
  await stopContractEmulator();
});

describe('the shape check', () => {
  it('finds a field a model does not have, and a wrong type, at any depth', () => {
    expect(offModel({ kind: 'Status', code: '404', details: { causes: [{ field: 'x', extra: 1 }] } }, 'V1Status')).toEqual(['$.code: not a number', '$.details.causes[0].extra: not in V1StatusCause']);
  });
});

describe('InstanceType custom objects through client-node', () => {
  it('creates, reads, lists, replaces and deletes, with ObjectMeta-shaped metadata', async () => {
    const created = (await custom.createClusterCustomObject({ ...where, body: manifest('contract-small') })) as { metadata: unknown; spec: unknown };
    expect(offModel(created.metadata, 'V1ObjectMeta')).toEqual([]);
    expect(created.spec).toEqual(manifest('contract-small').spec);
    const read = (await custom.getClusterCustomObject({ ...where, name: 'contract-small' })) as { metadata: { resourceVersion: string } };
    const list = (await custom.listClusterCustomObject(where)) as { kind: string; apiVersion: string; metadata: unknown; items: Array<{ metadata: { name: string } }> };
    expect(list).toMatchObject({ kind: 'InstanceTypeList', apiVersion: 'amlarc.azureml.com/v1alpha1' });
    expect(offModel(list.metadata, 'V1ListMeta')).toEqual([]);
    expect(list.items.map((i) => i.metadata.name)).toEqual(['contract-small']);
    const body = { ...manifest('contract-small', '750m'), metadata: { name: 'contract-small', resourceVersion: read.metadata.resourceVersion } };
    const replaced = (await custom.replaceClusterCustomObject({ ...where, name: 'contract-small', body })) as { spec: { resources: { requests: { cpu: string } } } };
    expect(replaced.spec.resources.requests.cpu).toBe('750m');
    const deleted: unknown = await custom.deleteClusterCustomObject({ ...where, name: 'contract-small' });
    expect(offModel(deleted, 'V1Status')).toEqual([]);
    expect(deleted).toMatchObject({ kind: 'Status', status: 'Success' });
  });

  it('refuses with V1Status bodies: 404 NotFound, 409 AlreadyExists and Conflict, 422 Invalid with causes', async () => {
    const missing = await rejection(custom.getClusterCustomObject({ ...where, name: 'nope' }));
    expect(missing).toMatchObject({ code: 404, status: { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 } });
    await custom.createClusterCustomObject({ ...where, body: manifest('contract-twice') });
    const twice = await rejection(custom.createClusterCustomObject({ ...where, body: manifest('contract-twice') }));
    expect(twice).toMatchObject({ code: 409, status: { reason: 'AlreadyExists' } });
    const stale = await rejection(custom.replaceClusterCustomObject({ ...where, name: 'contract-twice', body: { ...manifest('contract-twice'), metadata: { name: 'contract-twice', resourceVersion: '1' } } }));
    expect(stale).toMatchObject({ code: 409, status: { reason: 'Conflict' } });
    const invalid = await rejection(custom.createClusterCustomObject({ ...where, body: manifest('contract-bad', 'two') }));
    expect(invalid).toMatchObject({ code: 422, status: { reason: 'Invalid', details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.resources.requests[cpu]' }] } } });
    const noCrd = await rejection(bareCustom.listClusterCustomObject(where));
    expect(noCrd).toMatchObject({ code: 404, status: { reason: 'NotFound', message: 'the server could not find the requested resource' } });
    for (const { status } of [missing, twice, stale, invalid, noCrd]) expect(offModel(status, 'V1Status')).toEqual([]);
    await custom.deleteClusterCustomObject({ ...where, name: 'contract-twice' });
  });
});

describe('namespaces through client-node', () => {
  it('reads a V1Namespace, and refuses an unknown one with a V1Status', async () => {
    const namespace = await core.readNamespace({ name: 'azureml' });
    expect(namespace).toBeInstanceOf(k8s.V1Namespace);
    expect(namespace.status?.phase).toBe('Active');
    const missing = await rejection(core.readNamespace({ name: 'ml-jobs' }));
    expect(missing).toMatchObject({ code: 404, status: { reason: 'NotFound', details: { name: 'ml-jobs', kind: 'namespaces' } } });
    expect(offModel(missing.status, 'V1Status')).toEqual([]);
  });

  it('answers raw bodies with Namespace fields only', async () => {
    const raw = await fetchRaw('/_kube/arc-k3s-edge/api/v1/namespaces/default');
    expect(offModel(raw, 'V1Namespace')).toEqual([]);
  });
});

/** The JSON the emulator sent, before client-node's deserialisation drops unknown fields. */
async function fetchRaw(pathname: string): Promise<unknown> {
  const { armRequest } = await import('@/lib/sandbox/test-client');
  const config = new k8s.KubeConfig();
  config.loadFromFile(path.join(emulator.kubeconfigDir, 'arc-k3s-edge.yaml'));
  const token = config.getCurrentUser()?.token ?? '';
  return (await armRequest(emulator, 'GET', pathname, { token })).body;
}
