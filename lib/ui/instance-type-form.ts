/**
 * The instance-type form's fields, as the person types them, and their way to the one schema
 * (lib/domain/instance-types.ts `instanceTypeSchemaFor`): a node selector as `key=value` lines,
 * each quantity in its own field. Pure; safe in client components. The server validates the same
 * input with the same schema.
 */
import type { z } from 'zod';

import type { DomainText } from '@/lib/i18n/domain-text';
import {
  buildInstanceTypeManifest,
  GPU_RESOURCE,
  instanceTypeSchemaFor,
  type InstanceTypeManifest,
  type InstanceTypeRow,
} from '@/lib/domain/instance-types';

/** Every field of the form, as text. `gpuLimit` empty: no GPU. */
export interface InstanceTypeFields {
  name: string;
  nodeSelector: string;
  cpuRequest: string;
  memoryRequest: string;
  cpuLimit: string;
  memoryLimit: string;
  gpuLimit: string;
}

export type InstanceTypeField = keyof InstanceTypeFields;

/** What PUT /api/v1/instance-types takes (and the server action): the schema's input. */
export interface InstanceTypeInput {
  name: string;
  nodeSelector: Record<string, string>;
  resources: {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string; [GPU_RESOURCE]?: string };
  };
}

/** A new instance type's first values; a GPU one asks for one GPU. */
export function newInstanceTypeFields(gpu: boolean): InstanceTypeFields {
  return gpu
    ? { name: 'gpu', nodeSelector: '', cpuRequest: '4', memoryRequest: '16Gi', cpuLimit: '4', memoryLimit: '16Gi', gpuLimit: '1' }
    : { name: '', nodeSelector: '', cpuRequest: '1', memoryRequest: '4Gi', cpuLimit: '2', memoryLimit: '8Gi', gpuLimit: '' };
}

/** An existing row, for editing. */
export function fieldsOfRow(row: InstanceTypeRow): InstanceTypeFields {
  return {
    name: row.name,
    nodeSelector: Object.entries(row.nodeSelector).map(([key, value]) => `${key}=${value}`).join('\n'),
    cpuRequest: row.requests.cpu ?? '',
    memoryRequest: row.requests.memory ?? '',
    cpuLimit: row.limits.cpu ?? '',
    memoryLimit: row.limits.memory ?? '',
    gpuLimit: row.limits[GPU_RESOURCE] ?? '',
  };
}

/** `key=value` lines (blank lines skipped, spaces around both trimmed); the first line that is not one, 1-based. */
export function parseNodeSelectorLines(text: string): { ok: true; selector: Record<string, string> } | { ok: false; line: number } {
  const selector: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const equals = line.indexOf('=');
    if (equals <= 0) return { ok: false, line: index + 1 };
    selector[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return { ok: true, selector };
}

/** The schema's input from the fields (a malformed selector line reads as no selector: its own message says why). */
export function toInstanceTypeInput(fields: InstanceTypeFields): InstanceTypeInput {
  const selector = parseNodeSelectorLines(fields.nodeSelector);
  const gpu = fields.gpuLimit.trim();
  return {
    name: fields.name.trim(),
    nodeSelector: selector.ok ? selector.selector : {},
    resources: {
      requests: { cpu: fields.cpuRequest.trim(), memory: fields.memoryRequest.trim() },
      limits: { cpu: fields.cpuLimit.trim(), memory: fields.memoryLimit.trim(), ...(gpu ? { [GPU_RESOURCE]: gpu } : {}) },
    },
  };
}

/** The form field a schema issue (or an API error key such as `resources.limits.cpu`) belongs to. */
export function fieldOfPath(path: ReadonlyArray<PropertyKey> | string): InstanceTypeField {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  const [first, second, third] = parts;
  if (first === 'name') return 'name';
  if (first === 'nodeSelector') return 'nodeSelector';
  if (first === 'resources') {
    const side = second === 'requests' ? 'Request' : 'Limit';
    // `nvidia.com/gpu` splits on its dot when it comes as text.
    if (third === 'cpu') return `cpu${side}`;
    if (third === 'memory') return `memory${side}`;
    return 'gpuLimit';
  }
  return 'name';
}

export type FieldCheck = { ok: true; input: InstanceTypeInput; manifest: InstanceTypeManifest } | { ok: false; errors: Partial<Record<InstanceTypeField, string>> };

/** The fields through the one schema: the manifest, or one message per field. */
export function checkInstanceTypeFields(fields: InstanceTypeFields, text: DomainText): FieldCheck {
  const errors: Partial<Record<InstanceTypeField, string>> = {};
  const selector = parseNodeSelectorLines(fields.nodeSelector);
  if (!selector.ok) errors.nodeSelector = text('attach.instanceType.selectorLine', { line: selector.line });
  const input = toInstanceTypeInput(fields);
  const parsed = instanceTypeSchemaFor(text).safeParse(input);
  if (!parsed.success) {
    for (const issue of (parsed.error as z.ZodError).issues) {
      const field = fieldOfPath(issue.path);
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input, manifest: buildInstanceTypeManifest(parsed.data) };
}
