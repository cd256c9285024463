/**
 * Instance types: the cluster-scoped custom resource `InstanceType` (`amlarc.azureml.com/v1alpha1`)
 * the AzureML extension installs; jobs and deployments name one, and without one the
 * `defaultinstancetype` applies (DOMAIN.md section 10). The form (one schema for the page and
 * `PUT /api/v1/instance-types`), the manifest as JSON and YAML, the same spec as the compute
 * body's `instanceTypes` entry, the reading of a kubectl list, and when to offer a GPU type. Pure.
 *
 * Rules from Learn "Create and manage instance types" (how-to-manage-kubernetes-instance-types):
 * CPU and memory requests and limits are required and "can't be zero or empty"; CPU in cores or
 * millicores; memory a number with a suffix; `nvidia.com/gpu` is an integer "specified only in the
 * `limits` section"; `nodeSelector` a map of strings. `defaultinstancetype` does not appear in
 * `kubectl get instancetype` unless someone created one of that name, but every client shows it.
 */
import { z } from 'zod';

// Before any schema below is built: no eval probe under the strict CSP (see the module).
import '@/lib/security/zod-jitless';

import { englishAttachText, KUBERNETES_NAME_PATTERN, type AttachText } from './attach';
import { labelKeyProblem, labelValueProblem } from './cli-validation';
import { compareQuantities, isWholeQuantity, isZeroQuantity, parseQuantity, quantityToNumber } from './kube-quantity';
import type { AgentPoolFacts } from './cluster';
import { nodeSelectorPairs } from './preflight/context';
import { isGpuVmSize } from './preflight/vm-sizes';

export const INSTANCE_TYPE_API_VERSION = 'amlarc.azureml.com/v1alpha1';
export const INSTANCE_TYPE_KIND = 'InstanceType';
/** The name the extension treats as the default instance type. */
export const DEFAULT_INSTANCE_TYPE_NAME = 'defaultinstancetype';
/** The extended resource the NVIDIA device plugin advertises. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/**
 * The built-in `defaultinstancetype` (Learn's definition; its prose says an 8 GB memory limit,
 * its YAML 2Gi: the YAML is what is written here).
 */
export const BUILT_IN_DEFAULT_INSTANCE_TYPE = {
  requests: { cpu: '100m', memory: '2Gi' },
  limits: { cpu: '2', memory: '2Gi' },
} as const;

/** Which resource a quantity is for: the rules differ. */
export type QuantityResource = 'cpu' | 'memory';

/**
 * Why `value` is not a usable CPU or memory quantity for an instance type, or null. CPU takes
 * cores or millicores only (`2`, `0.5`, `500m`, `1e1`); memory takes whole bytes with any suffix
 * but `m` (`512m` is half a byte, the classic slip for `512Mi`). Neither may be zero or negative.
 */
export function quantityProblem(value: string, resource: QuantityResource, text: AttachText = englishAttachText): string | null {
  const parsed = parseQuantity(value);
  if (!parsed.ok) {
    if (parsed.error === 'empty') return text('attach.instanceType.quantityEmpty');
    return text(parsed.error === 'tooLarge' ? 'attach.instanceType.quantityTooLarge' : 'attach.instanceType.quantitySyntax', { value });
  }
  const quantity = parsed.quantity;
  if (quantity.negative) return text('attach.instanceType.negative', { value });
  if (resource === 'cpu' && quantity.format === 'binarySI') return text('attach.instanceType.cpuSuffix', { value });
  if (resource === 'cpu' && quantity.format === 'decimalSI' && quantity.suffix !== '' && quantity.suffix !== 'm') {
    return text('attach.instanceType.cpuSuffix', { value });
  }
  if (resource === 'memory' && quantity.suffix === 'm') {
    return text('attach.instanceType.memoryMilli', { value, suggestion: `${value.slice(0, -1)}Mi` });
  }
  if (resource === 'memory' && !isWholeQuantity(quantity)) return text('attach.instanceType.memoryFraction', { value });
  if (isZeroQuantity(quantity)) return text('attach.instanceType.zero');
  return null;
}

/** Why a GPU count is not a whole, non-negative number, or null. Numbers and numeric strings both come from JSON. */
export function gpuProblem(value: number | string, text: AttachText = englishAttachText): string | null {
  const shown = String(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? null : text('attach.instanceType.gpuInteger', { value: shown });
  const parsed = parseQuantity(value);
  if (!parsed.ok || parsed.quantity.negative || !isWholeQuantity(parsed.quantity) || parsed.quantity.format === 'binarySI') {
    return text('attach.instanceType.gpuInteger', { value: shown });
  }
  return null;
}

/** The instance type form with its messages in `text`'s language. Errors sit at the field they concern. */
export function instanceTypeSchemaFor(text: AttachText = englishAttachText) {
  const invalid = { error: text('attach.form.invalidValue') };
  const quantity = (resource: QuantityResource) =>
    z.string(invalid).superRefine((value, ctx) => {
      const problem = quantityProblem(value, resource, text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  const gpu = z.union([z.number(), z.string()], invalid).superRefine((value, ctx) => {
    const problem = gpuProblem(value, text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
  return z
    .object({
      name: z.string(invalid).regex(KUBERNETES_NAME_PATTERN, text('attach.form.kubernetesName')),
      nodeSelector: z.record(z.string(invalid), z.string(invalid), invalid).default({}),
      resources: z.object({
        requests: z.object({ cpu: quantity('cpu'), memory: quantity('memory'), [GPU_RESOURCE]: gpu.optional() }, invalid),
        limits: z.object({ cpu: quantity('cpu'), memory: quantity('memory'), [GPU_RESOURCE]: gpu.optional() }, invalid),
      }, invalid),
    }, invalid)
    .superRefine((form, ctx) => {
      for (const [key, value] of Object.entries(form.nodeSelector)) {
        const problem = labelKeyProblem(key, text) ?? labelValueProblem(value, text);
        if (problem) ctx.addIssue({ code: 'custom', path: ['nodeSelector', key], message: problem });
      }
      if (form.resources.requests[GPU_RESOURCE] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['resources', 'requests', GPU_RESOURCE], message: text('attach.instanceType.gpuInRequests') });
      }
      for (const resource of ['cpu', 'memory'] as const) {
        const request = parseQuantity(form.resources.requests[resource]);
        const limit = parseQuantity(form.resources.limits[resource]);
        if (request.ok && limit.ok && compareQuantities(request.quantity, limit.quantity) > 0) {
          const values = { request: request.quantity.text, limit: limit.quantity.text };
          ctx.addIssue({ code: 'custom', path: ['resources', 'requests', resource], message: text('attach.instanceType.requestOverLimit', values) });
        }
      }
    });
}

export const instanceTypeSchema = instanceTypeSchemaFor();
/** A valid instance type form. */
export type InstanceTypeForm = z.infer<typeof instanceTypeSchema>;

/**
 * The instance type's nodeSelector against the extension's `nodeSelector.<key>` settings (Learn:
 * an instance type's selector should be a subset of the extension's, and workloads run where
 * both match): a key both set to different values can match no node. One message per such key,
 * at `nodeSelector.<key>`, for the form to show next to the selector.
 */
export function nodeSelectorConflicts(
  nodeSelector: Readonly<Record<string, string>>,
  extensionSettings: Readonly<Record<string, string>>,
  text: AttachText = englishAttachText,
): Array<{ path: string; message: string }> {
  const extension = new Map(nodeSelectorPairs({ ...extensionSettings }));
  return Object.entries(nodeSelector).flatMap(([key, value]) => {
    const extensionValue = extension.get(key);
    if (extensionValue === undefined || extensionValue === value) return [];
    return [{ path: `nodeSelector.${key}`, message: text('attach.instanceType.selectorConflict', { key, value, extensionValue }) }];
  });
}

/** The GPU count as the number the manifest carries (the form takes `1` or `"1"`). */
function gpuCount(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const parsed = parseQuantity(value);
  return parsed.ok ? quantityToNumber(parsed.quantity) : undefined;
}

/** The `InstanceType` custom resource for a valid form. */
export interface InstanceTypeManifest {
  apiVersion: typeof INSTANCE_TYPE_API_VERSION;
  kind: typeof INSTANCE_TYPE_KIND;
  metadata: { name: string };
  spec: {
    nodeSelector?: Record<string, string>;
    resources: {
      requests: { cpu: string; memory: string };
      limits: { cpu: string; memory: string; [GPU_RESOURCE]?: number };
    };
  };
}

/** The manifest for `kubectl apply` (or a Kubernetes API PUT). An empty nodeSelector is left out. */
export function buildInstanceTypeManifest(form: InstanceTypeForm): InstanceTypeManifest {
  const gpus = gpuCount(form.resources.limits[GPU_RESOURCE]);
  return {
    apiVersion: INSTANCE_TYPE_API_VERSION,
    kind: INSTANCE_TYPE_KIND,
    metadata: { name: form.name },
    spec: {
      ...(Object.keys(form.nodeSelector).length > 0 ? { nodeSelector: { ...form.nodeSelector } } : {}),
      resources: {
        requests: { cpu: form.resources.requests.cpu, memory: form.resources.requests.memory },
        limits: { cpu: form.resources.limits.cpu, memory: form.resources.limits.memory, ...(gpus !== undefined ? { [GPU_RESOURCE]: gpus } : {}) },
      },
    },
  };
}

/** The manifest as JSON text (what kubectl and the Kubernetes API both read). */
export function instanceTypeManifestJson(manifest: InstanceTypeManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

// A plain YAML key needs no quotes; YAML 1.1 readers take these words as booleans or null.
const YAML_PLAIN_KEY = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const YAML_RESERVED = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

function yamlKey(key: string): string {
  return YAML_PLAIN_KEY.test(key) && !YAML_RESERVED.has(key.toLowerCase()) ? key : JSON.stringify(key);
}

/** Block-style YAML for the manifest's fixed shape: strings double-quoted (JSON strings are valid YAML), numbers bare. */
function yamlLines(value: Record<string, unknown>, indent: string): string[] {
  return Object.entries(value).flatMap(([key, item]) => {
    if (item !== null && typeof item === 'object') return [`${indent}${yamlKey(key)}:`, ...yamlLines(item as Record<string, unknown>, `${indent}  `)];
    return [`${indent}${yamlKey(key)}: ${typeof item === 'number' ? String(item) : JSON.stringify(item)}`];
  });
}

/** The manifest as YAML, as Learn writes instance types (no YAML library is a dependency; the shape is fixed). */
export function instanceTypeManifestYaml(manifest: InstanceTypeManifest): string {
  return `${yamlLines(manifest as unknown as Record<string, unknown>, '').join('\n')}\n`;
}

/** One entry of the compute body's `instanceTypes` (the spec's `InstanceTypeSchema`). */
export interface InstanceTypeSchemaBody {
  nodeSelector: Record<string, string> | null;
  resources: { requests: Record<string, string | null>; limits: Record<string, string | null> };
}

/** The same spec as an `instanceTypes` entry of the ARM body: string values, `nodeSelector` null when empty, as the example. */
export function toInstanceTypeSchemaBody(manifest: InstanceTypeManifest): InstanceTypeSchemaBody {
  const { nodeSelector, resources } = manifest.spec;
  const gpus = resources.limits[GPU_RESOURCE];
  return {
    nodeSelector: nodeSelector ?? null,
    resources: {
      requests: { cpu: resources.requests.cpu, memory: resources.requests.memory, [GPU_RESOURCE]: null },
      limits: { cpu: resources.limits.cpu, memory: resources.limits.memory, [GPU_RESOURCE]: gpus === undefined ? null : String(gpus) },
    },
  };
}

/** One row of the instance type list. */
export interface InstanceTypeRow {
  name: string;
  nodeSelector: Record<string, string>;
  requests: Record<string, string>;
  limits: Record<string, string>;
  /** The one jobs get when they name none. */
  isDefault: boolean;
  /** The extension's built-in default: shown by every client, absent from the cluster until overridden. */
  builtIn: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** String values of a map read from the cluster (`1` becomes `'1'`, nulls are dropped). */
function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => typeof item === 'string' || typeof item === 'number').map(([key, item]) => [key, String(item)]),
  );
}

/**
 * The rows of `kubectl get instancetype -o json` (kind `List`) or of the API's `InstanceTypeList`,
 * default first then by name. The default is `defaultName` (the compute's `defaultInstanceType`
 * when it names one, else `defaultinstancetype`); when the cluster has no `defaultinstancetype`,
 * the built-in one is added as a row. Items that are not InstanceTypes are skipped; anything that
 * is not a list reads as an empty one.
 */
export function parseInstanceTypeList(list: unknown, options: { defaultName?: string } = {}): InstanceTypeRow[] {
  const defaultName = options.defaultName ?? DEFAULT_INSTANCE_TYPE_NAME;
  const items = isRecord(list) && Array.isArray(list.items) ? list.items : [];
  const rows: InstanceTypeRow[] = [];
  for (const item of items) {
    if (!isRecord(item) || !isRecord(item.metadata) || typeof item.metadata.name !== 'string') continue;
    if (item.kind !== undefined && item.kind !== INSTANCE_TYPE_KIND) continue;
    const spec = isRecord(item.spec) ? item.spec : {};
    const resources = isRecord(spec.resources) ? spec.resources : {};
    const name = item.metadata.name;
    rows.push({ name, nodeSelector: stringMap(spec.nodeSelector), requests: stringMap(resources.requests), limits: stringMap(resources.limits), isDefault: name === defaultName, builtIn: false });
  }
  if (!rows.some((row) => row.name === DEFAULT_INSTANCE_TYPE_NAME)) {
    const { requests, limits } = BUILT_IN_DEFAULT_INSTANCE_TYPE;
    rows.push({ name: DEFAULT_INSTANCE_TYPE_NAME, nodeSelector: {}, requests: { ...requests }, limits: { ...limits }, isDefault: defaultName === DEFAULT_INSTANCE_TYPE_NAME, builtIn: true });
  }
  return rows.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, 'en'));
}

/** What decides whether a GPU instance type is offered. `null`: not known. */
export interface GpuFacts {
  /** Nodes with NVIDIA GPUs (AKS: pools of NC/ND/NV sizes, see {@link gpuNodesOfPools}; Arc: only from inside the cluster). */
  gpuNodes: number | null;
  /** The NVIDIA device plugin: `installNvidiaDevicePlugin` on the extension, or its DaemonSet seen in the cluster. */
  devicePlugin: boolean | null;
}

export type GpuOfferReason = 'ready' | 'no-gpu-nodes' | 'no-device-plugin' | 'unknown';

/** Whether to offer a GPU type, why, and the sentence that says so. */
export interface GpuOffer {
  offer: boolean;
  reason: GpuOfferReason;
  message: string;
}

/** GPU nodes in AKS pools: the sum of the counts of pools whose VM size has NVIDIA GPUs. */
export function gpuNodesOfPools(pools: readonly AgentPoolFacts[]): number {
  return pools.filter((pool) => isGpuVmSize(pool.vmSize)).reduce((total, pool) => total + pool.count, 0);
}

/**
 * Offer a GPU instance type only when the cluster has GPU nodes AND the NVIDIA device plugin
 * (the seed's fourth scenario): without the plugin Kubernetes advertises no `nvidia.com/gpu` and
 * the pods never schedule; without GPU nodes nothing could run them.
 */
export function gpuInstanceTypeOffer(facts: GpuFacts, text: AttachText = englishAttachText): GpuOffer {
  if (facts.gpuNodes === 0) return { offer: false, reason: 'no-gpu-nodes', message: text('attach.instanceType.gpuNoNodes') };
  if (facts.gpuNodes === null || facts.devicePlugin === null) return { offer: false, reason: 'unknown', message: text('attach.instanceType.gpuUnknown') };
  if (!facts.devicePlugin) return { offer: false, reason: 'no-device-plugin', message: text('attach.instanceType.gpuNoPlugin') };
  return { offer: true, reason: 'ready', message: text('attach.instanceType.gpuOffer', { count: facts.gpuNodes }) };
}
