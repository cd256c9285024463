/**
 * Contract: `Microsoft.MachineLearningServices` (`@azure/arm-machinelearning` 2.1.1, api-version
 * 2022-10-01) through the portal's own modules (lib/azure/workspaces.ts, computes.ts) and client
 * into the emulator. Every exchange is checked against machineLearningServices.json 2022-10-01
 * (./openapi.ts, strict: no deviation allowed), and the compute bodies against the spec's
 * Compute_CreateOrUpdate and Compute_Get KubernetesCompute examples (copied beside the spec).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ComputeResource } from '@azure/arm-machinelearning';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createArmClients } from '@/lib/azure/clients';
import { beginAttachCompute, deleteCompute, getCompute, listComputes } from '@/lib/azure/computes';
import { listWorkspaces } from '@/lib/azure/workspaces';

import { conformanceReport, type AllowedUncovered } from './conformance';
import { ExchangeLog } from './exchanges';
import { credential, EDGE_SUBSCRIPTION, PRODUCTION_SUBSCRIPTION, startContractEmulator, stopContractEmulator, TEST_POLL_INTERVAL_MS } from './harness';
import { OpenApiSpecs, SPECS_DIR, type Exchange } from './openapi';
import { expectShape } from './shape';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('./current-emulator')).runtimeOnContractEmulator(importOriginal));

/**
 * machineLearningServices.json `$ref`s mfe.json, whose operations' `x-ms-examples` point at example
 * files not copied; ./openapi.ts drops them from the root spec only, so the parser would stop on
 * mfe.json's. Here they are dropped from every file the parser reads (in memory; the copies stay
 * byte for byte). Requested in openapi.ts itself, after which this mock goes.
 */
vi.mock('@apidevtools/swagger-parser', async (importOriginal) => {
  const original = (await importOriginal<{ default: { dereference: (...args: unknown[]) => Promise<unknown> } }>()).default;
  type ParseHook = { parse: (file: { data: Buffer | string }) => unknown };
  const dropExamples = (spec: unknown): unknown => {
    const paths = (spec as { paths?: Record<string, Record<string, Record<string, unknown>>> }).paths ?? {};
    for (const item of Object.values(paths)) for (const op of Object.values(item)) if (op && typeof op === 'object') delete op['x-ms-examples'];
    return spec;
  };
  const dereference = (file: unknown, raw: unknown, options: { parse?: { json?: ParseHook } }) => {
    const json = options.parse?.json;
    const parse = json ? (f: { data: Buffer | string }) => dropExamples(json.parse(f)) : undefined;
    return original.dereference(file, raw, parse && json ? { ...options, parse: { ...options.parse, json: { ...json, parse } } } : options);
  };
  return { default: { ...original, dereference } };
});

const ML_FOLDER = 'machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2022-10-01';
const ML_SPEC = `${ML_FOLDER}/machineLearningServices.json`;

/** ARM's asynchronous-operation status and result URLs the emulator hands out: no spec declares them. */
const ALLOWED_UNCOVERED: AllowedUncovered[] = [
  { method: 'GET', pattern: /\/providers\/Microsoft\.MachineLearningServices\/locations\/[^/]+\/computeOperationsStatus\/[^/]+$/i, reason: 'Azure-AsyncOperation' },
  { method: 'GET', pattern: /\/providers\/Microsoft\.MachineLearningServices\/locations\/[^/]+\/computeOperationsResult\/[^/]+$/i, reason: 'Location' },
];

interface SpecExample {
  parameters: { parameters?: ComputeResource };
  responses: Record<string, { body?: unknown }>;
}

/**
 * The Kubernetes subtype's fields, read from the spec: ./openapi.ts keeps a discriminated object
 * (`Compute`, `computeType`) open, so it checks the base fields' types but not that `properties`
 * and `properties.properties` hold only what `Kubernetes` defines. These do.
 */
function kubernetesFields(): { compute: string[]; kubernetes: string[] } {
  const spec = JSON.parse(readFileSync(path.join(SPECS_DIR, ML_SPEC), 'utf8')) as { definitions: Record<string, { properties?: Record<string, unknown> }> };
  const keys = (name: string) => Object.keys(spec.definitions[name].properties ?? {});
  return { compute: [...keys('Compute'), ...keys('KubernetesSchema')], kubernetes: keys('KubernetesProperties') };
}

/** Every compute in a response body (one, or a list's `value`) has only the Kubernetes subtype's fields. */
function expectOnlyKubernetesFields(body: unknown): void {
  const { compute, kubernetes } = kubernetesFields();
  const items = (body as { value?: unknown[] }).value ?? [body];
  for (const item of items as Array<{ properties?: Record<string, unknown> & { properties?: Record<string, unknown> } }>) {
    expect(Object.keys(item.properties ?? {}).filter((k) => !compute.includes(k)), 'compute fields the spec does not define').toEqual([]);
    expect(Object.keys(item.properties?.properties ?? {}).filter((k) => !kubernetes.includes(k)), 'Kubernetes fields the spec does not define').toEqual([]);
  }
}

function specExample(relative: string): SpecExample {
  return JSON.parse(readFileSync(path.join(SPECS_DIR, ML_FOLDER, 'examples', relative), 'utf8')) as SpecExample;
}

const WS_RG = 'rg-ml-prod-eastus';
const WS_NAME = 'mlw-prod-eastus';
const WS = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/${WS_RG}/providers/Microsoft.MachineLearningServices/workspaces/${WS_NAME}`;
const AKS = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const ARC = `/subscriptions/${EDGE_SUBSCRIPTION}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;
const POLL = { updateIntervalInMs: TEST_POLL_INTERVAL_MS };

let specs: OpenApiSpecs;
const log = new ExchangeLog();

beforeAll(async () => {
  await startContractEmulator();
  specs = await OpenApiSpecs.load([ML_SPEC]);
  await log.attach(credential, [PRODUCTION_SUBSCRIPTION, EDGE_SUBSCRIPTION]);
}, 60_000);
afterAll(stopContractEmulator);

function expectConformance(exchanges: Exchange[], operations: string[]): Set<string> {
  const report = conformanceReport(specs, exchanges, operations, [], ALLOWED_UNCOVERED);
  expect(report.uncovered, 'exchanges no spec covers').toEqual([]);
  expect(report.notExercised, 'operations not exercised').toEqual([]);
  expect(report.unexpected, 'deviations from the spec').toEqual([]);
  return report.checked;
}

async function drain(pages: AsyncIterable<unknown>): Promise<void> {
  for await (const page of pages) void page;
}

/** Reads the compute until it leaves `Creating`/`Deleting` (or 5 s), as a page polls it. */
async function settled(name: string) {
  const deadline = Date.now() + 5_000;
  let compute = await getCompute(credential, WS, name);
  while (['Creating', 'Deleting'].includes(compute.properties?.provisioningState ?? '') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, TEST_POLL_INTERVAL_MS));
    compute = await getCompute(credential, WS, name);
  }
  return compute;
}

describe('workspaces (Workspaces_ListBySubscription, _ListByResourceGroup, _Get)', () => {
  it('answer as the spec says', async () => {
    const { machineLearning } = await createArmClients(credential, PRODUCTION_SUBSCRIPTION);
    const exchanges = await log.during(async () => {
      expect((await listWorkspaces(credential, PRODUCTION_SUBSCRIPTION)).map((w) => w.id)).toContain(WS);
      await drain(machineLearning.workspaces.listByResourceGroup(WS_RG));
      expect((await machineLearning.workspaces.get(WS_RG, WS_NAME)).id).toBe(WS);
      await expect(machineLearning.workspaces.get(WS_RG, 'mlw-nowhere')).rejects.toMatchObject({ statusCode: 404 });
    });
    const checked = expectConformance(exchanges, ['Workspaces_ListBySubscription', 'Workspaces_ListByResourceGroup', 'Workspaces_Get']);
    expect(checked).toContain('Workspaces_Get 404');
  });
});

describe('computes (Compute_CreateOrUpdate, _Get, _List, _Delete)', () => {
  it('attach with the example’s body, read, list and detach: every exchange as the spec says, bodies shaped as the examples', async () => {
    const create = specExample('Compute/createOrUpdate/KubernetesCompute.json');
    const get = specExample('Compute/get/KubernetesCompute.json');
    const sent = create.parameters.parameters!;
    const body = { ...sent, properties: { ...sent.properties, resourceId: AKS } } as ComputeResource;
    const exchanges = await log.during(async () => {
      const started = await beginAttachCompute(credential, WS, 'compute123', body, POLL);
      expect(started.status).toBe('running');
      expect((await settled('compute123')).properties?.provisioningState).toBe('Succeeded');
      expect((await listComputes(credential, WS)).map((c) => c.name)).toEqual(['compute123']);
      await deleteCompute(credential, WS, 'compute123', POLL);
      await expect(settled('compute123')).rejects.toMatchObject({ status: 404 });
      // Detaching what is not there: 204.
      expect((await deleteCompute(credential, WS, 'compute123', POLL)).status).toBe('succeeded');
    });
    const checked = expectConformance(exchanges, ['Compute_CreateOrUpdate', 'Compute_Get', 'Compute_List', 'Compute_Delete']);
    for (const pair of ['Compute_CreateOrUpdate 201', 'Compute_Get 200', 'Compute_Get 404', 'Compute_Delete 202', 'Compute_Delete 204']) expect(checked).toContain(pair);

    for (const e of exchanges) if (/\/computes(\/[^/?]+)?\?/.test(e.url) && e.status < 300 && e.responseBody !== undefined) expectOnlyKubernetesFields(e.responseBody);
    const put = exchanges.find((e) => e.method === 'PUT' && e.status === 201)!;
    expectShape(put.responseBody, create.responses['201'].body);
    const read = exchanges.find((e) => e.method === 'GET' && e.status === 200 && /\/computes\/compute123\?/.test(e.url) && JSON.stringify(e.responseBody).includes('"Succeeded"'))!;
    expectShape(read.responseBody, get.responses['200'].body);
    const del = exchanges.find((e) => e.method === 'DELETE' && e.status === 202)!;
    expect(new URL(del.url).searchParams.get('underlyingResourceAction')).toBe('Detach');
  });

  it('a failed attach and a cross-subscription refusal answer as the spec says (errors in its ErrorResponse)', async () => {
    const bare = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
    const kubernetes = (resourceId: string) => ({ location: 'eastus', properties: { computeType: 'Kubernetes' as const, resourceId, properties: { namespace: 'default' } } });
    const exchanges = await log.during(async () => {
      await beginAttachCompute(credential, WS, 'no-extension', kubernetes(bare), POLL);
      const failed = await settled('no-extension');
      expect(failed.properties?.provisioningState).toBe('Failed');
      await expect(beginAttachCompute(credential, WS, 'cross-sub', kubernetes(ARC), POLL)).rejects.toMatchObject({ status: 400 });
    });
    const checked = expectConformance(exchanges, ['Compute_CreateOrUpdate', 'Compute_Get']);
    expect(checked).toContain('Compute_CreateOrUpdate 400');
  });
});
