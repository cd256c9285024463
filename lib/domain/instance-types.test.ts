import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';

import { ptBRDomainMessages } from '@/lib/i18n/messages/domain';
import ptAttach from '@/lib/i18n/messages/pt-BR/attach.json';

import type { AttachText } from './attach';
import type { AgentPoolFacts } from './cluster';
import {
  buildInstanceTypeManifest,
  gpuInstanceTypeOffer,
  gpuNodesOfPools,
  gpuProblem,
  instanceTypeManifestJson,
  instanceTypeManifestYaml,
  instanceTypeSchema,
  instanceTypeSchemaFor,
  nodeSelectorConflicts,
  parseInstanceTypeList,
  quantityProblem,
  toInstanceTypeSchemaBody,
  type InstanceTypeForm,
} from './instance-types';

const portuguese: AttachText = createTranslator({ locale: 'pt-BR', messages: { ...ptBRDomainMessages, attach: ptAttach } }) as never;

/** Learn's example `myinstancetypename`, as a form. */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'myinstancetypename',
    nodeSelector: { mylabel: 'mylabelvalue' },
    resources: { requests: { cpu: '700m', memory: '1500Mi' }, limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': 1 } },
    ...overrides,
  };
}

function issues(input: unknown, schema = instanceTypeSchema): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

function resources(requests: Record<string, unknown>, limits: Record<string, unknown>) {
  return form({ resources: { requests, limits } });
}

describe('quantityProblem', () => {
  it.each(['1', '0.5', '500m', '100m', '2e1'])('takes CPU %s', (value) => {
    expect(quantityProblem(value, 'cpu')).toBeNull();
  });

  it.each([
    ['', 'Enter a value.'],
    ['1Gi', "CPU is a number of cores (2, 0.5) or millicores (500m), not '1Gi'."],
    ['2k', "CPU is a number of cores (2, 0.5) or millicores (500m), not '2k'."],
    ['0', 'Must be more than zero.'],
    ['0m', 'Must be more than zero.'],
    ['-1', "'-1' is negative."],
    ['one', "'one' is not a Kubernetes quantity (for example 500m, 2 or 1.5Gi)."],
    ['1e999', "'1e999' is too large."],
  ])('refuses CPU %j', (value, message) => {
    expect(quantityProblem(value, 'cpu')).toBe(message);
  });

  it.each(['1Gi', '1500Mi', '1G', '1024', '0.5Gi', '1e9'])('takes memory %s', (value) => {
    expect(quantityProblem(value, 'memory')).toBeNull();
  });

  it.each([
    ['512m', "'512m' means thousandths of a byte; did you mean 512Mi?"],
    ['1.5', "Memory must be a whole number of bytes, not '1.5'."],
    ['0Gi', 'Must be more than zero.'],
    ['1GB', "'1GB' is not a Kubernetes quantity (for example 500m, 2 or 1.5Gi)."],
  ])('refuses memory %j', (value, message) => {
    expect(quantityProblem(value, 'memory')).toBe(message);
  });

  it('speaks Portuguese when asked', () => {
    expect(quantityProblem('512m', 'memory', portuguese)).toBe("'512m' significa milésimos de byte; você quis dizer 512Mi?");
  });
});

describe('gpuProblem', () => {
  it.each([0, 1, 8, '0', '2'])('takes %j', (value) => {
    expect(gpuProblem(value)).toBeNull();
  });

  it.each([1.5, -1, '1.5', '500m', '1Ki', 'one', Number.NaN])('refuses %j', (value) => {
    expect(gpuProblem(value)).toMatch(/^GPUs are whole numbers/);
  });
});

describe('instanceTypeSchema', () => {
  it("takes Learn's example", () => {
    expect(issues(form())).toEqual({});
  });

  it('defaults nodeSelector to none', () => {
    expect(instanceTypeSchema.parse({ ...form(), nodeSelector: undefined }).nodeSelector).toEqual({});
  });

  it.each(['cpusmall', 'gpu.large', 'a', 'defaultinstancetype'])('takes the name %s', (name) => {
    expect(issues(form({ name }))).toEqual({});
  });

  it.each(['GPU', 'gpu_large', '-gpu', 'gpu-', '', 'a'.repeat(254)])('refuses the name %j', (name) => {
    expect(Object.keys(issues(form({ name })))).toEqual(['name']);
  });

  it('keys quantity problems by their field', () => {
    expect(issues(resources({ cpu: '1Gi', memory: '' }, { cpu: '', memory: '512m' }))).toEqual({
      'resources.requests.cpu': expect.stringContaining('CPU is a number of cores'),
      'resources.requests.memory': 'Enter a value.',
      'resources.limits.cpu': 'Enter a value.',
      'resources.limits.memory': expect.stringContaining('did you mean 512Mi?'),
    });
  });

  it('needs the four of CPU and memory, requests and limits', () => {
    expect(Object.keys(issues(resources({ cpu: '1' }, { memory: '1Gi' }))).sort()).toEqual(['resources.limits.cpu', 'resources.requests.memory']);
  });

  it('refuses a request over its limit, exactly (1500Mi <= 2Gi, 1001m > 1)', () => {
    expect(issues(resources({ cpu: '1', memory: '2Gi' }, { cpu: '1000m', memory: '2048Mi' }))).toEqual({});
    expect(issues(resources({ cpu: '1001m', memory: '3Gi' }, { cpu: '1', memory: '2Gi' }))).toEqual({
      'resources.requests.cpu': 'The request 1001m is more than the limit 1.',
      'resources.requests.memory': 'The request 3Gi is more than the limit 2Gi.',
    });
  });

  it('takes GPUs in limits only, as whole numbers', () => {
    expect(issues(resources({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '2' }))).toEqual({});
    expect(issues(resources({ cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 1 }, { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 1 }))).toEqual({
      'resources.requests.nvidia.com/gpu': expect.stringContaining('Set GPUs in limits only'),
    });
    expect(issues(resources({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 0.5 }))).toEqual({
      'resources.limits.nvidia.com/gpu': "GPUs are whole numbers (0, 1, 2, ...), not '0.5'.",
    });
  });

  it('checks nodeSelector labels with the extension rules', () => {
    expect(issues(form({ nodeSelector: { 'bad key!': 'v', ok: 'bad value!' } }))).toEqual({
      'nodeSelector.bad key!': expect.any(String),
      'nodeSelector.ok': expect.any(String),
    });
  });

  it('speaks Portuguese when asked', () => {
    expect(issues(resources({ cpu: '0', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), instanceTypeSchemaFor(portuguese))).toEqual({ 'resources.requests.cpu': 'Deve ser maior que zero.' });
  });
});

describe('the manifest', () => {
  const parsed = (input: Record<string, unknown>): InstanceTypeForm => instanceTypeSchema.parse(input);

  it("is Learn's InstanceType", () => {
    expect(buildInstanceTypeManifest(parsed(form()))).toEqual({
      apiVersion: 'amlarc.azureml.com/v1alpha1',
      kind: 'InstanceType',
      metadata: { name: 'myinstancetypename' },
      spec: {
        nodeSelector: { mylabel: 'mylabelvalue' },
        resources: { requests: { cpu: '700m', memory: '1500Mi' }, limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': 1 } },
      },
    });
  });

  it('leaves out an empty nodeSelector and an absent GPU, and writes a GPU string as a number', () => {
    const manifest = buildInstanceTypeManifest(parsed(form({ nodeSelector: {}, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } })));
    expect(manifest.spec).toEqual({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } });
    expect(buildInstanceTypeManifest(parsed(resources({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '2' }))).spec.resources.limits['nvidia.com/gpu']).toBe(2);
  });

  it('is YAML as Learn writes it, strings quoted', () => {
    expect(instanceTypeManifestYaml(buildInstanceTypeManifest(parsed(form())))).toBe(
      [
        'apiVersion: "amlarc.azureml.com/v1alpha1"',
        'kind: "InstanceType"',
        'metadata:',
        '  name: "myinstancetypename"',
        'spec:',
        '  nodeSelector:',
        '    mylabel: "mylabelvalue"',
        '  resources:',
        '    requests:',
        '      cpu: "700m"',
        '      memory: "1500Mi"',
        '    limits:',
        '      cpu: "1"',
        '      memory: "2Gi"',
        '      nvidia.com/gpu: 1',
        '',
      ].join('\n'),
    );
  });

  it('quotes YAML keys a reader could take for something else', () => {
    const yaml = instanceTypeManifestYaml(buildInstanceTypeManifest(parsed(form({ nodeSelector: { yes: 'no', 'kubernetes.azure.com/agentpool': 'gpu', '1key': 'v' } }))));
    expect(yaml).toContain('    "yes": "no"\n');
    expect(yaml).toContain('    kubernetes.azure.com/agentpool: "gpu"\n');
    expect(yaml).toContain('    "1key": "v"\n');
  });

  it('is JSON too', () => {
    const manifest = buildInstanceTypeManifest(parsed(form()));
    expect(JSON.parse(instanceTypeManifestJson(manifest))).toEqual(manifest);
  });

  it('becomes an instanceTypes entry of the compute body, shaped as the spec example', () => {
    expect(toInstanceTypeSchemaBody(buildInstanceTypeManifest(parsed(form({ nodeSelector: {}, resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '1', memory: '4Gi' } } }))))).toEqual({
      nodeSelector: null,
      resources: { requests: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': null }, limits: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': null } },
    });
    expect(toInstanceTypeSchemaBody(buildInstanceTypeManifest(parsed(form()))).resources.limits['nvidia.com/gpu']).toBe('1');
  });
});

describe('parseInstanceTypeList', () => {
  const item = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'amlarc.azureml.com/v1alpha1', kind: 'InstanceType', metadata: { name }, spec });

  it('reads a kubectl List, marks the default, and adds the built-in one when the cluster has none', () => {
    const rows = parseInstanceTypeList({
      apiVersion: 'v1',
      kind: 'List',
      items: [item('gpu', { nodeSelector: { accelerator: 'nvidia' }, resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': 1 } } }), item('cpusmall')],
    });
    expect(rows).toEqual([
      { name: 'defaultinstancetype', nodeSelector: {}, requests: { cpu: '100m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' }, isDefault: true, builtIn: true },
      { name: 'cpusmall', nodeSelector: {}, requests: {}, limits: {}, isDefault: false, builtIn: false },
      { name: 'gpu', nodeSelector: { accelerator: 'nvidia' }, requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' }, isDefault: false, builtIn: false },
    ]);
  });

  it('takes an overriding defaultinstancetype from the cluster, and the compute default when it names another', () => {
    const list = { kind: 'InstanceTypeList', items: [item('defaultinstancetype', { resources: { limits: { cpu: '1', 'nvidia.com/gpu': null } } }), item('gpu')] };
    expect(parseInstanceTypeList(list).map((row) => [row.name, row.isDefault, row.builtIn, row.limits])).toEqual([
      ['defaultinstancetype', true, false, { cpu: '1' }],
      ['gpu', false, false, {}],
    ]);
    expect(parseInstanceTypeList(list, { defaultName: 'gpu' }).map((row) => [row.name, row.isDefault])).toEqual([
      ['gpu', true],
      ['defaultinstancetype', false],
    ]);
  });

  it('skips what is not an InstanceType and reads garbage as empty', () => {
    expect(parseInstanceTypeList({ items: [{ kind: 'Pod', metadata: { name: 'x' } }, { metadata: {} }, null, 'x'] }).map((row) => row.name)).toEqual(['defaultinstancetype']);
    expect(parseInstanceTypeList(null).map((row) => row.builtIn)).toEqual([true]);
    expect(parseInstanceTypeList('oops')).toHaveLength(1);
  });
});

describe('gpuInstanceTypeOffer', () => {
  it('offers a GPU type with GPU nodes and the device plugin (the seed fourth scenario)', () => {
    expect(gpuInstanceTypeOffer({ gpuNodes: 2, devicePlugin: true })).toEqual({ offer: true, reason: 'ready', message: expect.stringContaining('2 nodes have NVIDIA GPUs') });
    expect(gpuInstanceTypeOffer({ gpuNodes: 1, devicePlugin: true }).message).toMatch(/^1 node has/);
  });

  it('does not offer one without GPU nodes, without the plugin, or when it cannot know', () => {
    expect(gpuInstanceTypeOffer({ gpuNodes: 0, devicePlugin: true })).toMatchObject({ offer: false, reason: 'no-gpu-nodes' });
    expect(gpuInstanceTypeOffer({ gpuNodes: 4, devicePlugin: false })).toMatchObject({ offer: false, reason: 'no-device-plugin', message: expect.stringContaining('installNvidiaDevicePlugin=True') });
    expect(gpuInstanceTypeOffer({ gpuNodes: null, devicePlugin: true })).toMatchObject({ offer: false, reason: 'unknown' });
    expect(gpuInstanceTypeOffer({ gpuNodes: 2, devicePlugin: null })).toMatchObject({ offer: false, reason: 'unknown' });
  });

  it('speaks Portuguese when asked', () => {
    expect(gpuInstanceTypeOffer({ gpuNodes: 1, devicePlugin: true }, portuguese).message).toMatch(/^1 nó tem GPUs NVIDIA/);
  });

  it('counts GPU nodes of AKS pools by VM size', () => {
    const pool = (name: string, vmSize: string, count: number): AgentPoolFacts => ({ name, vmSize, count, mode: 'User', osType: 'Linux', nodeLabels: {} });
    expect(gpuNodesOfPools([pool('system', 'Standard_D4s_v5', 3), pool('gpu', 'Standard_NC6s_v3', 2), pool('gpu2', 'Standard_NC24ads_A100_v4', 1)])).toBe(3);
    expect(gpuNodesOfPools([pool('system', 'Standard_D4s_v5', 3)])).toBe(0);
  });
});

describe('nodeSelectorConflicts', () => {
  it('finds keys the extension pins to another value; matching, extra and unrelated keys are fine', () => {
    const extension = { enableTraining: 'True', 'nodeSelector.pool': 'ml', 'nodeSelector.zone': 'a' };
    expect(nodeSelectorConflicts({ pool: 'ml', accelerator: 'nvidia' }, extension)).toEqual([]);
    expect(nodeSelectorConflicts({ pool: 'gpu', zone: 'a' }, extension)).toEqual([
      { path: 'nodeSelector.pool', message: 'The extension runs only on nodes labelled pool=ml; this instance type asks for pool=gpu, so its pods would never be scheduled.' },
    ]);
    expect(nodeSelectorConflicts({ pool: 'gpu' }, {})).toEqual([]);
  });
});
