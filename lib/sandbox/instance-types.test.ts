/**
 * The emulator's InstanceType CRD and namespaces, held to the API server's behaviour: Status
 * errors (404 NotFound, 409 AlreadyExists and Conflict, 422 Invalid with causes), the CRD only
 * while the Azure ML extension is installed, and kubectl through runCommand with the manifest
 * attached as a zip in `context`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { CRD_QUANTITY_PATTERN, validateInstanceType } from './instance-types';
import { armRequest, asRecord, emulatorPerFile, pollUntil } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from './world';

const PROVISIONING_MS = 300;
const emu = emulatorPerFile({ provisioningMs: PROVISIONING_MS });
const BASE = '/apis/amlarc.azureml.com/v1alpha1/instancetypes';
const AKS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const ARC_BARE = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-single-node`;

const manifest = (name: string, cpu: unknown = '500m', extra: Record<string, unknown> = {}) => ({
  apiVersion: 'amlarc.azureml.com/v1alpha1',
  kind: 'InstanceType',
  metadata: { name },
  spec: { resources: { requests: { cpu, memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': 1 } }, ...extra },
});

async function kube(method: string, cluster: string, pathname: string, body?: unknown) {
  const kubeconfig = await readFile(path.join(emu().kubeconfigDir, `${cluster}.yaml`), 'utf8');
  const token = /token: "([^"]+)"/.exec(kubeconfig)?.[1] ?? 'missing';
  return armRequest(emu(), method, `/_kube/${cluster}${pathname}`, { token, ...(body === undefined ? {} : { body }) });
}

async function runCommand(command: string, context?: string) {
  const post = await armRequest(emu(), 'POST', `${AKS}/runCommand?api-version=2026-04-01`, { body: { command, ...(context === undefined ? {} : { context }) } });
  if (post.status !== 202) return { status: post.status, body: post.body };
  const result = await pollUntil(() => armRequest(emu(), 'GET', String(post.headers.location)), (r) => r.status !== 202);
  return { status: 202, properties: asRecord(asRecord(result.body).properties) };
}

const zipOf = (files: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])))).toString('base64');

describe('validateInstanceType (the CRD schema, on its own)', () => {
  it('takes quantities as the schema pattern does, integers too, and prunes unknown spec fields', () => {
    expect(CRD_QUANTITY_PATTERN.test('1.5Gi')).toBe(true);
    expect(CRD_QUANTITY_PATTERN.test('2e3')).toBe(true);
    const ok = validateInstanceType(manifest('a', '500m', { tolerations: [] }));
    expect(ok).toMatchObject({ ok: true, name: 'a' });
    expect(ok.ok && Object.keys(ok.spec)).toEqual(['resources']);
  });

  it('refuses a bad quantity, a fractional number, a bad name and another kind, with each field', () => {
    const bad = validateInstanceType({ ...manifest('Bad_Name', 'lots'), kind: 'Pod' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.causes.map((c) => c.field)).toEqual(['kind', 'metadata.name', 'spec.resources.requests[cpu]']);
    const fraction = validateInstanceType(manifest('a', 0.5));
    expect(!fraction.ok && fraction.causes.map((c) => c.reason)).toEqual(['FieldValueTypeInvalid']);
  });
});

describe('the Kubernetes API (Arc)', () => {
  it('creates, refuses a second create, replaces with the current resourceVersion only, and deletes', async () => {
    expect((await kube('GET', 'arc-k3s-edge', BASE)).body).toMatchObject({ kind: 'InstanceTypeList', items: [] });
    const created = await kube('POST', 'arc-k3s-edge', BASE, manifest('small'));
    expect(created.status).toBe(201);
    const stored = created.body as { metadata: { resourceVersion: string; uid: string } };
    const again = await kube('POST', 'arc-k3s-edge', BASE, manifest('small'));
    expect(again).toMatchObject({ status: 409, body: { kind: 'Status', status: 'Failure', reason: 'AlreadyExists', code: 409, details: { name: 'small', kind: 'instancetypes' } } });
    const stale = await kube('PUT', 'arc-k3s-edge', `${BASE}/small`, { ...manifest('small', '1'), metadata: { name: 'small', resourceVersion: '1' } });
    expect(stale.body).toMatchObject({ reason: 'Conflict', code: 409 });
    const replaced = await kube('PUT', 'arc-k3s-edge', `${BASE}/small`, { ...manifest('small', '1'), metadata: { name: 'small', resourceVersion: stored.metadata.resourceVersion } });
    expect(replaced).toMatchObject({ status: 200, body: { metadata: { uid: stored.metadata.uid, generation: 2 }, spec: { resources: { requests: { cpu: '1' } } } } });
    expect((await kube('DELETE', 'arc-k3s-edge', `${BASE}/small`)).body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'small' } });
    expect(await kube('GET', 'arc-k3s-edge', `${BASE}/small`)).toMatchObject({ status: 404, body: { reason: 'NotFound', message: 'instancetypes.amlarc.azureml.com "small" not found' } });
  });

  it('answers 422 Invalid with the causes for a quantity the schema refuses, and stores nothing', async () => {
    const refused = await kube('POST', 'arc-k3s-edge', BASE, manifest('broken', '1 core'));
    expect(refused).toMatchObject({ status: 422, body: { kind: 'Status', reason: 'Invalid', code: 422, details: { name: 'broken', causes: [{ field: 'spec.resources.requests[cpu]', reason: 'FieldValueInvalid' }] } } });
    expect(String((refused.body as { message: string }).message)).toMatch(/^InstanceType\.amlarc\.azureml\.com "broken" is invalid: spec\.resources\.requests\[cpu\]: Invalid value: "1 core"/);
    expect((await kube('GET', 'arc-k3s-edge', BASE)).body).toMatchObject({ items: [] });
  });

  it('has no InstanceType resource without the extension, then one (empty) with it, gone again with the extension', async () => {
    expect(await kube('GET', 'arc-single-node', BASE)).toMatchObject({ status: 404, body: { message: 'the server could not find the requested resource' } });
    expect((await kube('GET', 'arc-single-node', '/api/v1/namespaces/azureml')).status).toBe(404);
    const ext = `${ARC_BARE}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`;
    expect((await armRequest(emu(), 'PUT', ext, { body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: { enableTraining: 'True' } } } })).status).toBe(201);
    expect((await kube('POST', 'arc-single-node', BASE, manifest('edge'))).status).toBe(201);
    expect((await kube('GET', 'arc-single-node', '/api/v1/namespaces/azureml')).body).toMatchObject({ kind: 'Namespace', status: { phase: 'Active' } });
    // A delete waits for the install to finish (ARM refuses a write while one runs).
    await pollUntil(() => armRequest(emu(), 'GET', ext), (r) => asRecord(asRecord(r.body).properties).provisioningState === 'Succeeded', PROVISIONING_MS * 10);
    expect((await armRequest(emu(), 'DELETE', ext)).status).toBe(202);
    await pollUntil(() => kube('GET', 'arc-single-node', BASE), (r) => r.status === 404, PROVISIONING_MS * 10);
    expect((await armRequest(emu(), 'PUT', ext, { body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: { enableTraining: 'True' } } } })).status).toBe(201);
    expect((await kube('GET', 'arc-single-node', BASE)).body).toMatchObject({ items: [] });
  });

  it('serves the base namespaces', async () => {
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'azureml']) {
      expect((await kube('GET', 'arc-k3s-edge', `/api/v1/namespaces/${ns}`)).status).toBe(200);
    }
    expect(await kube('GET', 'arc-k3s-edge', '/api/v1/namespaces/ml-jobs')).toMatchObject({ status: 404, body: { reason: 'NotFound', message: 'namespaces "ml-jobs" not found' } });
  });
});

describe('kubectl through runCommand (AKS)', () => {
  it('applies the attached manifest: created, unchanged, configured; lists and deletes it', async () => {
    const file = 'instance-type.json';
    expect((await runCommand(`kubectl apply -f ${file}`, zipOf({ [file]: JSON.stringify(manifest('cpu')) }))).properties).toMatchObject({ exitCode: 0, logs: 'instancetype.amlarc.azureml.com/cpu created\n' });
    expect((await runCommand(`kubectl apply -f ${file}`, zipOf({ [file]: JSON.stringify(manifest('cpu')) }))).properties?.logs).toBe('instancetype.amlarc.azureml.com/cpu unchanged\n');
    expect((await runCommand(`kubectl apply -f ${file}`, zipOf({ [file]: JSON.stringify(manifest('cpu', '2')) }))).properties?.logs).toBe('instancetype.amlarc.azureml.com/cpu configured\n');
    const listed = JSON.parse(String((await runCommand('kubectl get instancetypes -o json')).properties?.logs)) as { kind: string; items: Array<{ metadata: { name: string } }> };
    expect(listed.kind).toBe('List');
    expect(listed.items.map((i) => i.metadata.name)).toEqual(['cpu']);
    expect((await runCommand('kubectl delete instancetype cpu --ignore-not-found')).properties?.logs).toBe('instancetype.amlarc.azureml.com "cpu" deleted\n');
    expect((await runCommand('kubectl delete instancetype cpu --ignore-not-found')).properties).toMatchObject({ exitCode: 0, logs: '' });
    expect((await runCommand('kubectl delete instancetype cpu')).properties).toMatchObject({ exitCode: 1, logs: expect.stringContaining('(NotFound)') });
  });

  it('refuses an invalid manifest as kubectl reports it, a missing file, and a context that is not a zip', async () => {
    const invalid = await runCommand('kubectl apply -f it.json', zipOf({ 'it.json': JSON.stringify(manifest('cpu', 'lots')) }));
    expect(invalid.properties).toMatchObject({ exitCode: 1, logs: expect.stringMatching(/^The InstanceType\.amlarc\.azureml\.com "cpu" is invalid: /) });
    expect((await runCommand('kubectl apply -f other.json', zipOf({ 'it.json': '{}' }))).properties).toMatchObject({ exitCode: 1, logs: 'error: the path "other.json" does not exist\n' });
    expect(await runCommand('kubectl apply -f it.json', 'bm90IGEgemlw')).toMatchObject({ status: 400, body: { error: { code: 'InvalidParameter' } } });
  });

  it('answers the namespace question, and still refuses any other command', async () => {
    expect((await runCommand('kubectl get namespace azureml --ignore-not-found -o name')).properties?.logs).toBe('namespace/azureml\n');
    expect((await runCommand('kubectl get namespace ml-jobs --ignore-not-found -o name')).properties).toMatchObject({ exitCode: 0, logs: '' });
    expect((await runCommand('kubectl delete namespace azureml')).properties).toMatchObject({ provisioningState: 'failed', reason: 'CommandNotSupportedInSandbox' });
  });
});
