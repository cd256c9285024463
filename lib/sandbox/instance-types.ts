/**
 * The simulated cluster's objects besides the `azureml` workloads (kube.ts): its namespaces and
 * the cluster-scoped `InstanceType` custom resources (`amlarc.azureml.com/v1alpha1`) the Azure ML
 * extension's CRD adds. Both ways in answer from here: runCommand's kubectl (routes/run-command.ts)
 * and the Arc clusters' Kubernetes API (routes/kube-api.ts).
 *
 * The CRD exists only while an Azure ML extension is installed on the cluster: instance types are
 * kept per extension install and vanish with it (read lazily: no timers, nothing to clean up).
 *
 * Manifests are validated here independently of the portal (no import of its quantity parser):
 * the CRD's OpenAPI schema, as controller-gen writes it for `corev1.ResourceRequirements`, gives
 * every quantity the pattern below; the API server refuses a mismatch with 422 Invalid.
 */
import { randomUUID } from 'node:crypto';

import { unzipSync } from 'fflate';

import { INSTANCE_TYPE_API_VERSION, INSTANCE_TYPE_KIND } from '@/lib/domain/instance-types';
import { isAzureMl } from './kube';
import type { ClusterRecord, SandboxState } from './state';

export const INSTANCE_TYPE_GROUP = 'amlarc.azureml.com';
export const INSTANCE_TYPE_PLURAL = 'instancetypes';
/** Namespaces every cluster has (kubeadm's, AKS's and k3s's alike). */
export const BASE_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** The CRD schema's pattern for `x-kubernetes-int-or-string` quantities (controller-gen, resource.Quantity). */
export const CRD_QUANTITY_PATTERN =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
/** A custom object's name: a DNS-1123 subdomain (apimachinery's NameIsDNSSubdomain). */
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** One stored InstanceType, as the API server keeps it. */
export interface StoredInstanceType {
  apiVersion: string;
  kind: string;
  metadata: { name: string; uid: string; resourceVersion: string; generation: number; creationTimestamp: string };
  spec: Record<string, unknown>;
}

/** The instance types of one extension install. */
export interface InstanceTypeStore {
  /** The extension record's id and creation time: another install starts empty. */
  installKey: string;
  objects: Map<string, StoredInstanceType>;
}

/** One field the schema refused, as a Status `details.causes` entry. */
export interface FieldCause {
  reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueTypeInvalid';
  field: string;
  message: string;
}

let resourceVersionCounter = 1000;
const nextResourceVersion = () => String((resourceVersionCounter += 1));

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The Azure ML extension that owns the CRD, if one is installed. */
function azureMlInstall(state: SandboxState, cluster: ClusterRecord) {
  return state.extensionsOn(cluster).find((ext) => isAzureMl(ext.extensionType));
}

/** The namespaces of a cluster: the base ones, `azureml` while the extension is installed, and any a test added. */
export function namespacesOf(state: SandboxState, cluster: ClusterRecord): string[] {
  const install = azureMlInstall(state, cluster);
  const extra = state.extraNamespaces.get(cluster.id.toLowerCase()) ?? new Set<string>();
  return [...new Set([...BASE_NAMESPACES, ...(install ? [install.releaseNamespace] : []), ...extra])];
}

/** The cluster's instance types, or null when the CRD is not there (no Azure ML extension). */
export function instanceTypeStore(state: SandboxState, cluster: ClusterRecord): InstanceTypeStore | null {
  const install = azureMlInstall(state, cluster);
  const key = cluster.id.toLowerCase();
  if (!install) {
    state.instanceTypes.delete(key);
    return null;
  }
  const installKey = `${install.id.toLowerCase()}@${install.createdAt}`;
  const existing = state.instanceTypes.get(key);
  if (existing?.installKey === installKey) return existing;
  const fresh: InstanceTypeStore = { installKey, objects: new Map() };
  state.instanceTypes.set(key, fresh);
  return fresh;
}

function validateQuantities(value: unknown, field: string, causes: FieldCause[]): Record<string, string | number> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    causes.push({ reason: 'FieldValueTypeInvalid', field, message: `Invalid value: "${typeof value}": ${field} in body must be of type object: "${typeof value}"` });
    return undefined;
  }
  const out: Record<string, string | number> = {};
  for (const [name, quantity] of Object.entries(value)) {
    const path = `${field}[${name}]`;
    if (typeof quantity === 'number' && Number.isInteger(quantity)) out[name] = quantity;
    else if (typeof quantity === 'string' && CRD_QUANTITY_PATTERN.test(quantity)) out[name] = quantity;
    else if (typeof quantity === 'string') {
      causes.push({ reason: 'FieldValueInvalid', field: path, message: `Invalid value: "${quantity}": ${path} in body should match '${CRD_QUANTITY_PATTERN.source}'` });
    } else {
      causes.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: "${typeof quantity}": ${path} in body must be of type integer,string: "${typeof quantity}"` });
    }
  }
  return out;
}

/**
 * Checks a manifest as the API server does with the CRD's schema, pruning unknown spec fields as a
 * structural schema does. `{ ok: false }` carries the causes of a 422 Invalid.
 */
export function validateInstanceType(body: unknown): { ok: true; name: string; spec: Record<string, unknown> } | { ok: false; name: string; causes: FieldCause[] } {
  const causes: FieldCause[] = [];
  const object = isRecord(body) ? body : {};
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (object.apiVersion !== INSTANCE_TYPE_API_VERSION) {
    causes.push({ reason: 'FieldValueInvalid', field: 'apiVersion', message: `Invalid value: "${String(object.apiVersion)}": must be ${INSTANCE_TYPE_API_VERSION}` });
  }
  if (object.kind !== INSTANCE_TYPE_KIND) {
    causes.push({ reason: 'FieldValueInvalid', field: 'kind', message: `Invalid value: "${String(object.kind)}": must be ${INSTANCE_TYPE_KIND}` });
  }
  if (!name) causes.push({ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' });
  else if (!DNS_SUBDOMAIN.test(name)) {
    causes.push({ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character` });
  }
  const spec: Record<string, unknown> = {};
  const rawSpec = object.spec === undefined ? {} : object.spec;
  if (!isRecord(rawSpec)) {
    causes.push({ reason: 'FieldValueTypeInvalid', field: 'spec', message: `Invalid value: "${typeof rawSpec}": spec in body must be of type object` });
  } else {
    if (rawSpec.nodeSelector !== undefined) {
      if (!isRecord(rawSpec.nodeSelector)) {
        causes.push({ reason: 'FieldValueTypeInvalid', field: 'spec.nodeSelector', message: 'Invalid value: spec.nodeSelector in body must be of type object' });
      } else {
        for (const [key, value] of Object.entries(rawSpec.nodeSelector)) {
          if (typeof value !== 'string') {
            causes.push({ reason: 'FieldValueTypeInvalid', field: `spec.nodeSelector.${key}`, message: `Invalid value: "${typeof value}": spec.nodeSelector.${key} in body must be of type string` });
          }
        }
        spec.nodeSelector = rawSpec.nodeSelector;
      }
    }
    if (rawSpec.resources !== undefined) {
      if (!isRecord(rawSpec.resources)) {
        causes.push({ reason: 'FieldValueTypeInvalid', field: 'spec.resources', message: 'Invalid value: spec.resources in body must be of type object' });
      } else {
        const requests = validateQuantities(rawSpec.resources.requests, 'spec.resources.requests', causes);
        const limits = validateQuantities(rawSpec.resources.limits, 'spec.resources.limits', causes);
        spec.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
      }
    }
  }
  return causes.length > 0 ? { ok: false, name, causes } : { ok: true, name, spec };
}

/** The `message` of a 422 Invalid, in the API server's words. */
export function invalidMessage(name: string, causes: readonly FieldCause[]): string {
  return `${INSTANCE_TYPE_KIND}.${INSTANCE_TYPE_GROUP} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`;
}

/** A new stored object. */
export function newInstanceType(name: string, spec: Record<string, unknown>): StoredInstanceType {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const uid = randomUUID();
  return { apiVersion: INSTANCE_TYPE_API_VERSION, kind: INSTANCE_TYPE_KIND, metadata: { name, uid, resourceVersion: nextResourceVersion(), generation: 1, creationTimestamp: now }, spec };
}

/** The object with a new spec: a new resourceVersion, and a new generation when the spec changed. */
export function replacedInstanceType(old: StoredInstanceType, spec: Record<string, unknown>): StoredInstanceType {
  const changed = JSON.stringify(old.spec) !== JSON.stringify(spec);
  return { ...old, metadata: { ...old.metadata, resourceVersion: nextResourceVersion(), generation: old.metadata.generation + (changed ? 1 : 0) }, spec };
}

/** The objects as a list's items, by name (the API server lists in key order). */
export function listInstanceTypes(store: InstanceTypeStore): StoredInstanceType[] {
  return [...store.objects.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/** kubectl's answer to a command: what runCommand reports as `exitCode` and `logs`. */
export interface KubectlAnswer {
  exitCode: number;
  logs: string;
}

const RESOURCE_NAMES = '(?:instancetype|instancetypes|instancetype\\.amlarc\\.azureml\\.com|instancetypes\\.amlarc\\.azureml\\.com)';
const GET_NAMESPACE = /^kubectl get (?:namespace|namespaces|ns) (\S+) --ignore-not-found(?:=true)? -o name$/;
const GET_INSTANCE_TYPES = new RegExp(`^kubectl get ${RESOURCE_NAMES} -o json$`);
const APPLY_FILE = /^kubectl apply -f (\S+)$/;
const DELETE_INSTANCE_TYPE = new RegExp(`^kubectl delete ${RESOURCE_NAMES} (\\S+)( --ignore-not-found(?:=true)?)?$`);

/** The object commands the sandbox answers, for its refusal of anything else. */
export const SUPPORTED_OBJECT_KUBECTL = [
  'kubectl get namespace <ns> --ignore-not-found -o name',
  'kubectl get instancetypes -o json',
  'kubectl apply -f <file in the attached context>',
  'kubectl delete instancetype <name> [--ignore-not-found]',
];

const NO_CRD = (resource: string): KubectlAnswer => ({ exitCode: 1, logs: `error: the server doesn't have a resource type "${resource}"\n` });

/** The files of runCommand's `context` (base64 of a zip, as `az aks command invoke --file` sends), or why not. */
export function unzipContext(context: unknown): Record<string, Uint8Array> | string {
  if (context === undefined || context === null || context === '') return {};
  if (typeof context !== 'string') return 'context must be a base64 string';
  try {
    return unzipSync(new Uint8Array(Buffer.from(context, 'base64')));
  } catch {
    return 'context is not a base64-encoded zip archive';
  }
}

function applyManifest(state: SandboxState, cluster: ClusterRecord, file: string, text: string): KubectlAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { exitCode: 1, logs: `error: error parsing ${file}: the sandbox reads JSON manifests only\n` };
  }
  const store = instanceTypeStore(state, cluster);
  const object = isRecord(body) ? body : {};
  const name = isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '';
  if (!store || object.apiVersion !== INSTANCE_TYPE_API_VERSION || object.kind !== INSTANCE_TYPE_KIND) {
    return {
      exitCode: 1,
      logs: `error: resource mapping not found for name: "${name}" namespace: "" from "${file}": no matches for kind "${String(object.kind)}" in version "${String(object.apiVersion)}"\nensure CRDs are installed first\n`,
    };
  }
  const checked = validateInstanceType(body);
  if (!checked.ok) return { exitCode: 1, logs: `The ${invalidMessage(checked.name, checked.causes)}\n` };
  const old = store.objects.get(checked.name);
  const what = `${INSTANCE_TYPE_KIND.toLowerCase()}.${INSTANCE_TYPE_GROUP}/${checked.name}`;
  if (!old) {
    store.objects.set(checked.name, newInstanceType(checked.name, checked.spec));
    return { exitCode: 0, logs: `${what} created\n` };
  }
  if (JSON.stringify(old.spec) === JSON.stringify(checked.spec)) return { exitCode: 0, logs: `${what} unchanged\n` };
  store.objects.set(checked.name, replacedInstanceType(old, checked.spec));
  return { exitCode: 0, logs: `${what} configured\n` };
}

/**
 * Answers the namespace and instance type commands (whitespace already collapsed), or null for a
 * command that is not one of them. `files` are the unzipped `context`.
 */
export function answerObjectKubectl(state: SandboxState, cluster: ClusterRecord, command: string, files: Record<string, Uint8Array>): KubectlAnswer | null {
  const ns = GET_NAMESPACE.exec(command);
  if (ns) return { exitCode: 0, logs: namespacesOf(state, cluster).includes(ns[1]) ? `namespace/${ns[1]}\n` : '' };
  if (GET_INSTANCE_TYPES.test(command)) {
    const store = instanceTypeStore(state, cluster);
    if (!store) return NO_CRD(command.split(' ')[2]);
    return { exitCode: 0, logs: JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: listInstanceTypes(store) }, null, 4) };
  }
  const apply = APPLY_FILE.exec(command);
  if (apply) {
    const content = files[apply[1]];
    if (!content) return { exitCode: 1, logs: `error: the path "${apply[1]}" does not exist\n` };
    return applyManifest(state, cluster, apply[1], Buffer.from(content).toString('utf8'));
  }
  const del = DELETE_INSTANCE_TYPE.exec(command);
  if (del) {
    const store = instanceTypeStore(state, cluster);
    if (!store) return NO_CRD(command.split(' ')[2]);
    const name = del[1];
    if (store.objects.delete(name)) return { exitCode: 0, logs: `${INSTANCE_TYPE_KIND.toLowerCase()}.${INSTANCE_TYPE_GROUP} "${name}" deleted\n` };
    if (del[2]) return { exitCode: 0, logs: '' };
    return { exitCode: 1, logs: `Error from server (NotFound): ${INSTANCE_TYPE_PLURAL}.${INSTANCE_TYPE_GROUP} "${name}" not found\n` };
  }
  return null;
}
