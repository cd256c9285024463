/**
 * The spec validator itself (./openapi.ts): examples from the spec pass, mutations of them fail
 * naming the operation, the status and the JSON path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { describeDeviation, OpenApiSpecs, SPECS_DIR, type Exchange } from './openapi';

const EXAMPLES = 'kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/stable/2023-05-01/examples';
const EXTENSION_URL =
  'https://127.0.0.1:1/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/c1/providers/Microsoft.KubernetesConfiguration/extensions/ClusterMonitor?api-version=2023-05-01';

interface Example {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: Record<string, unknown> }>;
}

function example(name: string): Example {
  return JSON.parse(readFileSync(path.join(SPECS_DIR, EXAMPLES, name), 'utf8')) as Example;
}

/** A deep copy with one change made by `mutate`. */
function mutated<T>(value: T, mutate: (copy: T) => void): T {
  const copy = structuredClone(value);
  mutate(copy);
  return copy;
}

let specs: OpenApiSpecs;

beforeAll(async () => {
  specs = await OpenApiSpecs.load();
});

describe('finding the operation', () => {
  it('matches path templates case-insensitively, by method and api-version', () => {
    expect(specs.find('GET', EXTENSION_URL.toLowerCase().replace('api-version=2023-05-01', 'api-version=2023-05-01')).operation?.operationId).toBe('Extensions_Get');
    expect(specs.find('PATCH', EXTENSION_URL).operation?.operationId).toBe('Extensions_Update');
    expect(specs.find('GET', `${EXTENSION_URL.replace('/ClusterMonitor?', '/ClusterMonitor/operations/op1?')}`).operation?.operationId).toBe('OperationStatus_Get');
  });

  it('an unknown path is not covered; a known path at another api-version is a deviation', () => {
    expect(specs.check({ method: 'GET', url: 'https://x/subscriptions/s1/providers/Microsoft.Nowhere/things?api-version=1', status: 200 })).toBeUndefined();
    const deviations = specs.check({ method: 'GET', url: EXTENSION_URL.replace('2023-05-01', '1999-01-01'), status: 200, responseBody: {} });
    expect(deviations?.map(describeDeviation)).toEqual(['Extensions_Get@2023-05-01 request body $: api-version 1999-01-01 is not the spec\'s']);
  });
});

describe('responses', () => {
  const get = (status: number, responseBody: unknown): Exchange => ({ method: 'GET', url: EXTENSION_URL, status, responseBody });

  it('the spec example GetExtension.json validates', () => {
    expect(specs.check(get(200, example('GetExtension.json').responses['200'].body))).toEqual([]);
  });

  it('a wrong type fails, naming the operation, the status and the path', () => {
    const body = mutated(example('GetExtension.json').responses['200'].body, (b) => {
      (b!.properties as Record<string, unknown>).autoUpgradeMinorVersion = 'false';
    });
    expect(specs.check(get(200, body))?.map(describeDeviation)).toEqual(['Extensions_Get 200 response $.properties.autoUpgradeMinorVersion: must be boolean']);
  });

  it('a field the api-version does not define fails (allOf-merged objects are closed)', () => {
    const body = mutated(example('GetExtension.json').responses['200'].body, (b) => {
      (b!.properties as Record<string, unknown>).startTime = '2021-09-08T05:10:57.027Z';
      b!.kind = 'x';
    });
    expect(specs.check(get(200, body))?.map(describeDeviation)).toEqual([
      'Extensions_Get 200 response $.kind: not defined by the spec',
      'Extensions_Get 200 response $.properties.startTime: not defined by the spec',
    ]);
  });

  it('null only where x-nullable says so; date-time is checked', () => {
    const version = mutated(example('GetExtension.json').responses['200'].body, (b) => {
      (b!.properties as Record<string, unknown>).version = null; // x-nullable: true in 2023-05-01
    });
    expect(specs.check(get(200, version))).toEqual([]);
    const scope = mutated(example('GetExtension.json').responses['200'].body, (b) => {
      (b!.properties as Record<string, unknown>).extensionType = null;
      (b!.systemData as Record<string, unknown>).createdAt = 'yesterday';
    });
    expect(specs.check(get(200, scope))?.map(describeDeviation)).toEqual([
      'Extensions_Get 200 response $.properties.extensionType: must be string',
      'Extensions_Get 200 response $.systemData.createdAt: must match format "date-time"',
    ]);
  });

  it('a status the operation does not declare fails; errors use default', () => {
    expect(specs.check(get(202, {}))?.map(describeDeviation)).toEqual(['Extensions_Get 202 response $: status 202 is not declared (declared: 200, default)']);
    expect(specs.check(get(404, { error: { code: 'ResourceNotFound', message: 'gone' } }))).toEqual([]);
    expect(specs.check(get(404, { code: 'ResourceNotFound', message: 'gone' }))?.map(describeDeviation)).toEqual([
      'Extensions_Get 404 response $.code: not defined by the spec',
      'Extensions_Get 404 response $.message: not defined by the spec',
    ]);
  });

  it('x-nullable beside a $ref to a circular schema is kept (OperationStatusResult.error: ErrorDetail)', () => {
    const status = { method: 'GET', url: EXTENSION_URL.replace('/ClusterMonitor?', '/ClusterMonitor/operations/op1?'), status: 200 };
    expect(specs.check({ ...status, responseBody: { id: 'x', name: 'op1', status: 'Succeeded', error: null } })).toEqual([]);
    const nested = { code: 'E1', message: 'm', details: [{ code: 'E2', details: [{ code: 'E3', target: 5 }] }] };
    expect(specs.check({ ...status, responseBody: { status: 'Failed', error: nested } })?.map(describeDeviation)).toEqual([
      'OperationStatus_Get 200 response $.error.details[0].details[0].target: must be string',
    ]);
  });

  it("a bare `type: object` is free-form: Resource Graph's data is an array of rows", () => {
    const query = { method: 'POST', url: 'https://x/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', requestBody: { query: 'Resources' }, status: 200 };
    const page = { totalRecords: 1, count: 1, resultTruncated: 'false', data: [{ id: '/x' }] };
    expect(specs.check({ ...query, responseBody: page })).toEqual([]);
    expect(specs.check({ ...query, responseBody: { ...page, data: 'rows' } })?.map(describeDeviation)).toEqual(['Resources 200 response $.data: must be object,array']);
  });

  it('x-ms-pageable: nextLink may be a string, null or absent', () => {
    const list = (nextLink: unknown): Exchange => ({
      method: 'GET',
      url: EXTENSION_URL.replace('/ClusterMonitor?', '?'),
      status: 200,
      responseBody: { value: [example('GetExtension.json').responses['200'].body], ...(nextLink === undefined ? {} : { nextLink }) },
    });
    expect(specs.check(list(undefined))).toEqual([]);
    expect(specs.check(list(null))).toEqual([]);
    expect(specs.check(list('https://127.0.0.1:1/next'))).toEqual([]);
    expect(specs.check(list(5))?.map(describeDeviation)).toEqual(['Extensions_List 200 response $.nextLink: must be string,null']);
  });
});

describe('request bodies', () => {
  const put = (requestBody: unknown): Exchange => ({ method: 'PUT', url: EXTENSION_URL, requestBody, status: 201, responseBody: example('GetExtension.json').responses['200'].body });

  it('the spec example CreateExtension.json request validates (readOnly properties are not required)', () => {
    expect(specs.check(put(example('CreateExtension.json').parameters.extension))).toEqual([]);
  });

  it('a non-string configurationSettings value fails with its path (issue 16 row 1)', () => {
    const body = mutated(example('CreateExtension.json').parameters.extension as Record<string, Record<string, Record<string, unknown>>>, (b) => {
      b.properties.configurationSettings['omsagent.env.clusterName'] = null;
    });
    expect(specs.check(put(body))?.map(describeDeviation)).toEqual([
      'Extensions_Create request body $.properties.configurationSettings.omsagent.env.clusterName: must be string',
    ]);
  });

  it('a missing required body is a deviation', () => {
    expect(specs.check({ method: 'PUT', url: EXTENSION_URL, status: 201, responseBody: example('GetExtension.json').responses['200'].body })?.map(describeDeviation)).toEqual([
      'Extensions_Create request body $: the body parameter extension is required',
    ]);
  });
});
