import { describe, expect, it } from 'vitest';

import { englishText } from '@/lib/i18n/english-text';
import { parseInstanceTypeList } from '@/lib/domain/instance-types';

import { checkInstanceTypeFields, fieldOfPath, fieldsOfRow, newInstanceTypeFields, parseNodeSelectorLines, toInstanceTypeInput } from './instance-type-form';

describe('parseNodeSelectorLines', () => {
  it('reads key=value lines, skipping blank ones and trimming', () => {
    expect(parseNodeSelectorLines(' agentpool = gpu \n\nkubernetes.azure.com/accelerator=nvidia\n')).toEqual({
      ok: true,
      selector: { agentpool: 'gpu', 'kubernetes.azure.com/accelerator': 'nvidia' },
    });
  });
  it('names the first line that is not key=value', () => {
    expect(parseNodeSelectorLines('a=b\nnot a label\nc=d')).toEqual({ ok: false, line: 2 });
    expect(parseNodeSelectorLines('=value')).toEqual({ ok: false, line: 1 });
  });
  it('keeps an empty value (a label may be empty)', () => {
    expect(parseNodeSelectorLines('gpu=')).toEqual({ ok: true, selector: { gpu: '' } });
  });
});

describe('checkInstanceTypeFields', () => {
  it('builds the manifest of a GPU type with the GPU in limits only', () => {
    const check = checkInstanceTypeFields({ ...newInstanceTypeFields(true), name: 'gpu-nc6', nodeSelector: 'agentpool=gpu' }, englishText);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.manifest.spec.nodeSelector).toEqual({ agentpool: 'gpu' });
    expect(check.manifest.spec.resources.limits['nvidia.com/gpu']).toBe(1);
    expect(check.manifest.spec.resources.requests).toEqual({ cpu: '4', memory: '16Gi' });
  });
  it('puts each message at its field, and a bad selector line at the selector', () => {
    const check = checkInstanceTypeFields(
      { name: 'Bad_Name', nodeSelector: 'oops', cpuRequest: '3', memoryRequest: '1Gi', cpuLimit: '2', memoryLimit: '2x', gpuLimit: '0.5' },
      englishText,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(['cpuRequest', 'gpuLimit', 'memoryLimit', 'name', 'nodeSelector']);
    expect(check.errors.nodeSelector).toContain('Line 1');
    expect(check.errors.cpuRequest).toContain('more than the limit');
  });
  it('accepts a new CPU type once named', () => {
    expect(checkInstanceTypeFields(newInstanceTypeFields(false), englishText).ok).toBe(false);
    expect(checkInstanceTypeFields({ ...newInstanceTypeFields(false), name: 'cpu-small' }, englishText).ok).toBe(true);
  });
});

describe('fieldsOfRow and toInstanceTypeInput', () => {
  it('round-trips a row read from the cluster', () => {
    const [row] = parseInstanceTypeList({
      kind: 'List',
      items: [{ kind: 'InstanceType', metadata: { name: 'gpu' }, spec: { nodeSelector: { agentpool: 'gpu' }, resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': 1 } } } }],
    }).filter((r) => r.name === 'gpu');
    const input = toInstanceTypeInput(fieldsOfRow(row));
    expect(input).toEqual({
      name: 'gpu',
      nodeSelector: { agentpool: 'gpu' },
      resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' } },
    });
  });
});

describe('fieldOfPath', () => {
  it('maps schema paths and API keys to fields', () => {
    expect(fieldOfPath(['resources', 'requests', 'cpu'])).toBe('cpuRequest');
    expect(fieldOfPath(['resources', 'limits', 'nvidia.com/gpu'])).toBe('gpuLimit');
    expect(fieldOfPath('resources.limits.memory')).toBe('memoryLimit');
    expect(fieldOfPath('resources.limits.nvidia.com/gpu')).toBe('gpuLimit');
    expect(fieldOfPath(['nodeSelector', 'agentpool'])).toBe('nodeSelector');
  });
});
