/**
 * Attaching a cluster that runs the AzureML extension to an Azure Machine Learning workspace as a
 * Kubernetes compute (DOMAIN.md section 10): the request (one zod schema for the wizard and
 * `POST /api/v1/computes`), the exact ARM body of `PUT .../workspaces/{ws}/computes/{name}`
 * (shaped as the 2022-10-01 spec's "Attach a Kubernetes Compute" example), the equivalent
 * `az ml compute attach` and a Bicep file for the same compute. Pure.
 *
 * Naming rules and their sources:
 * - compute name: 2 to 16 letters, digits and hyphens, starting with a letter and ending with a
 *   letter or digit. Learn "Naming rules and restrictions for Azure resources"
 *   (resource-name-rules, Microsoft.MachineLearningServices: `workspaces / computes`, "3-24 for
 *   compute instance, 3-32 for AML compute, 2-16 for other compute types", alphanumerics and
 *   hyphens); the start/end rule is the azureml-core SDK's attach check
 *   `^[A-Za-z][A-Za-z0-9-]{0,14}[A-Za-z0-9]$`. (The "3 to 24, start with a letter" rule often
 *   quoted is the compute *instance* rule.) The 2022-10-01 spec itself gives no pattern.
 * - workspace name (inside its id): `^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`, the pattern later
 *   api-versions of the spec give `workspaceName`.
 * - namespace: a Kubernetes namespace is a DNS-1123 label (1 to 63 `[a-z0-9-]`, alphanumeric at
 *   both ends). Learn (how-to-attach-kubernetes-to-workspace, reference-yaml-compute-kubernetes):
 *   it must exist before the attach; neither the attach nor the extension creates it.
 * - identity: "KubernetesCompute clusters support only one system-assigned identity or multiple
 *   user-assigned identities, not both concurrently" (reference-yaml-compute-kubernetes).
 *
 * Messages come from the `attach` domain namespace (lib/i18n/messages/{en,pt-BR}/attach.json).
 */
import { createTranslator } from 'use-intl/core';
import { z } from 'zod';

// Before any schema below is built: no eval probe under the strict CSP (see the module).
import '@/lib/security/zod-jitless';

import type { DomainMessageKey, MessageValues } from '@/lib/i18n/domain-text';
import { enDomainMessages } from '@/lib/i18n/messages/domain';
import enAttach from '@/lib/i18n/messages/en/attach.json';

import { formatClusterId, parseClusterId } from './cluster';
import { shellQuote } from './az-command';
import { bicepString } from './iac-export';
import type { InstanceTypeSchemaBody } from './instance-types';

type LeafKeys<T, Prefix extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the `attach` messages, such as `'attach.form.computeName'`. */
export type AttachMessageKey = LeafKeys<typeof enAttach, 'attach.'>;

/**
 * The translator the attach and instance-type functions take: any `DomainText` once the `attach`
 * namespace is registered in lib/i18n/messages/domain.ts (then its keys are domain keys), and
 * it still reaches the shared domain messages (`cli.label.*`) the label rules write.
 */
export type AttachText = (key: AttachMessageKey | DomainMessageKey, values?: MessageValues) => string;

/** English, the default of every function here (as `englishText` is for the rest of the domain). */
export const englishAttachText: AttachText = createTranslator({ locale: 'en', messages: { ...enDomainMessages, attach: enAttach } }) as never;

/** Where workloads run when the request names no namespace; it exists in every cluster. */
export const DEFAULT_COMPUTE_NAMESPACE = 'default';
/** The api-version the body is shaped by and the Bicep file deploys with (the spec in shared/azure-rest-specs). */
export const COMPUTE_API_VERSION = '2022-10-01';
/** The action the attach's PUT needs on the workspace. */
export const COMPUTE_WRITE_ACTION = 'Microsoft.MachineLearningServices/workspaces/computes/write';

/** See the module comment for the sources. */
export const COMPUTE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,14}[A-Za-z0-9]$/;
/** A DNS-1123 label: a Kubernetes namespace name. */
export const NAMESPACE_PATTERN = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1123 subdomain: what the API server accepts as the name of a custom resource such as an InstanceType. */
export const KUBERNETES_NAME_PATTERN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WORKSPACE_ID_PATTERN = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.machinelearningservices\/workspaces\/([a-zA-Z0-9][a-zA-Z0-9_-]{2,32})\/?$/i;
const USER_ASSIGNED_IDENTITY_PATTERN = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.managedidentity\/userassignedidentities\/[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/i;

/** The parts of a workspace id. */
export interface ParsedWorkspaceId {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** Splits a workspace id (case-insensitive, as ARM ids are); null for anything else. */
export function parseWorkspaceId(id: string): ParsedWorkspaceId | null {
  const match = WORKSPACE_ID_PATTERN.exec(id.trim());
  return match ? { subscriptionId: match[1], resourceGroup: match[2], name: match[3] } : null;
}

/** The workspace id in ARM's casing. */
export function formatWorkspaceId(parts: ParsedWorkspaceId): string {
  return `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${parts.name}`;
}

/** The compute's id: `{workspaceId}/computes/{name}`. */
export function formatComputeId(workspace: ParsedWorkspaceId, computeName: string): string {
  return `${formatWorkspaceId(workspace)}/computes/${computeName}`;
}

/** A compute id split into its workspace and name; null for anything else (the name need not follow today's rule: ARM may hold older ones). */
export function parseComputeId(id: string): { workspace: ParsedWorkspaceId; workspaceId: string; name: string } | null {
  const match = /^(.*)\/computes\/([A-Za-z0-9][A-Za-z0-9_-]{0,254})\/?$/i.exec(id.trim());
  const workspace = match ? parseWorkspaceId(match[1]) : null;
  return match && workspace ? { workspace, workspaceId: formatWorkspaceId(workspace), name: match[2] } : null;
}

/** True when `name` can name a Kubernetes compute (see {@link COMPUTE_NAME_PATTERN}). */
export function isComputeName(name: string): boolean {
  return COMPUTE_NAME_PATTERN.test(name);
}

/** The request schema with its messages in `text`'s language. */
export function attachRequestSchemaFor(text: AttachText = englishAttachText) {
  const invalid = { error: text('attach.form.invalidValue') };
  const identityError = { error: text('attach.form.identityType') };
  // Strict objects: `{ type: 'SystemAssigned', userAssignedIdentities: [...] }` is both, refused rather than trimmed.
  const identity = z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('None') }, identityError),
      z.strictObject({ type: z.literal('SystemAssigned') }, identityError),
      z.strictObject({
        type: z.literal('UserAssigned'),
        userAssignedIdentities: z.array(z.string(invalid), invalid).min(1, text('attach.form.userAssignedMissing')),
      }, identityError),
    ],
    identityError,
  );
  return z
    .object({
      clusterId: z.string(invalid).refine((id) => parseClusterId(id) !== null, text('attach.form.clusterId')),
      workspaceId: z.string(invalid).refine((id) => parseWorkspaceId(id) !== null, text('attach.form.workspaceId')),
      name: z.string(invalid).regex(COMPUTE_NAME_PATTERN, text('attach.form.computeName')),
      namespace: z.string(invalid).regex(NAMESPACE_PATTERN, text('attach.form.namespace')).default(DEFAULT_COMPUTE_NAMESPACE),
      identity: identity.optional(),
      /** '' (an empty form field) means none: the extension's `defaultinstancetype` applies. */
      defaultInstanceType: z
        .string(invalid)
        .refine((name) => name === '' || KUBERNETES_NAME_PATTERN.test(name), text('attach.form.kubernetesName'))
        .optional()
        .transform((name) => (name === '' ? undefined : name)),
      description: z.string(invalid).optional(),
    }, invalid)
    .superRefine((request, ctx) => {
      if (request.identity?.type !== 'UserAssigned') return;
      const seen = new Set<string>();
      request.identity.userAssignedIdentities.forEach((id, index) => {
        const path = ['identity', 'userAssignedIdentities', index];
        if (!USER_ASSIGNED_IDENTITY_PATTERN.test(id)) ctx.addIssue({ code: 'custom', path, message: text('attach.form.userAssignedId', { id }) });
        else if (seen.has(id.toLowerCase())) ctx.addIssue({ code: 'custom', path, message: text('attach.form.userAssignedTwice', { id }) });
        seen.add(id.toLowerCase());
      });
    });
}

/** The request with English messages (tests, and callers that need only the shape). */
export const attachRequestSchema = attachRequestSchemaFor();
/** A valid attach request: what the wizard and the API hand to the service. */
export type AttachRequest = z.infer<typeof attachRequestSchema>;
/** What a caller sends (namespace and the rest optional). */
export type AttachRequestInput = z.input<typeof attachRequestSchema>;

/** `identity` of the body: absent for none. */
export type ComputeIdentityBody =
  | { type: 'SystemAssigned' }
  | { type: 'UserAssigned'; userAssignedIdentities: Record<string, Record<string, never>> };

/** `PUT .../workspaces/{ws}/computes/{name}` for a Kubernetes compute, as the spec's example. */
export interface KubernetesComputeBody {
  location: string;
  identity?: ComputeIdentityBody;
  properties: {
    description?: string;
    resourceId: string;
    computeType: 'Kubernetes';
    properties: {
      namespace: string;
      defaultInstanceType?: string;
      instanceTypes?: Record<string, InstanceTypeSchemaBody>;
    };
  };
}

/**
 * The ARM body. `location` is the workspace's (a compute lives where its workspace does); the
 * cluster id is written in ARM's casing; an identity of `None` is left out, as the spec's example
 * leaves it; user-assigned identities become the `{ id: {} }` map ARM takes.
 */
export function buildComputeBody(
  request: AttachRequest,
  workspace: { location: string },
  options: { instanceTypes?: Record<string, InstanceTypeSchemaBody> } = {},
): KubernetesComputeBody {
  const cluster = parseClusterId(request.clusterId);
  const identity: ComputeIdentityBody | undefined =
    request.identity?.type === 'SystemAssigned'
      ? { type: 'SystemAssigned' }
      : request.identity?.type === 'UserAssigned'
        ? { type: 'UserAssigned', userAssignedIdentities: Object.fromEntries(request.identity.userAssignedIdentities.map((id) => [id, {}])) }
        : undefined;
  return {
    location: workspace.location,
    ...(identity ? { identity } : {}),
    properties: {
      ...(request.description ? { description: request.description } : {}),
      resourceId: cluster ? formatClusterId(cluster) : request.clusterId,
      computeType: 'Kubernetes',
      properties: {
        namespace: request.namespace,
        ...(request.defaultInstanceType ? { defaultInstanceType: request.defaultInstanceType } : {}),
        ...(options.instanceTypes ? { instanceTypes: options.instanceTypes } : {}),
      },
    },
  };
}

/**
 * `az ml compute attach ...` for the request, one option per line with `\` continuations, quoted
 * as lib/domain/az-command.ts quotes. The workspace's subscription goes in `--subscription`. The
 * CLI has no option for `description` or `defaultInstanceType` (see {@link fieldsTheCliCannotSet}).
 */
export function buildAttachAzCommand(request: AttachRequest): string {
  const workspace = parseWorkspaceId(request.workspaceId);
  const cluster = parseClusterId(request.clusterId);
  const lines = [
    `az ml compute attach --resource-group ${shellQuote(workspace?.resourceGroup ?? '<resource-group>')}`,
    `--workspace-name ${shellQuote(workspace?.name ?? '<workspace-name>')}`,
    ...(workspace ? [`--subscription ${shellQuote(workspace.subscriptionId)}`] : []),
    '--type Kubernetes',
    `--name ${shellQuote(request.name)}`,
    `--resource-id ${shellQuote(cluster ? formatClusterId(cluster) : request.clusterId)}`,
  ];
  if (request.identity?.type === 'SystemAssigned') lines.push('--identity-type SystemAssigned');
  if (request.identity?.type === 'UserAssigned') {
    lines.push('--identity-type UserAssigned', `--user-assigned-identities ${shellQuote(request.identity.userAssignedIdentities.join(','))}`);
  }
  lines.push(`--namespace ${shellQuote(request.namespace)}`);
  return lines.join(' \\\n  ');
}

/** The request's fields `az ml compute attach` has no option for (the Bicep and the portal set them). */
export function fieldsTheCliCannotSet(request: AttachRequest): Array<'description' | 'defaultInstanceType'> {
  return [...(request.description ? (['description'] as const) : []), ...(request.defaultInstanceType ? (['defaultInstanceType'] as const) : [])];
}

const BICEP_BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A JSON value as Bicep, objects and arrays one entry per line. */
function bicepValue(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return bicepString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : ['[', ...value.map((item) => `${inner}${bicepValue(item, inner)}`), `${indent}]`].join('\n');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (name: string) => (BICEP_BARE_KEY.test(name) && !['true', 'false', 'null'].includes(name) ? name : bicepString(name));
  return ['{', ...entries.map(([name, item]) => `${inner}${key(name)}: ${bicepValue(item, inner)}`), `${indent}}`].join('\n');
}

/** One line of comment text: names come from the caller, a newline must never end the comment. */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/**
 * A Bicep file that creates the same compute: the workspace as an `existing` resource, the
 * compute as its child, written from {@link buildComputeBody}'s body so it cannot drift from what
 * the portal sends.
 */
export function buildAttachBicep(request: AttachRequest, body: KubernetesComputeBody): string {
  const workspace = parseWorkspaceId(request.workspaceId);
  const lines = [commentText(`// Attaches ${body.properties.resourceId} as the Kubernetes compute '${request.name}'.`)];
  if (workspace) {
    lines.push(
      "// Deploy it to the workspace's resource group:",
      commentText(`//   az deployment group create --subscription ${workspace.subscriptionId} --resource-group ${workspace.resourceGroup} --template-file attach-compute.bicep`),
    );
  }
  lines.push(
    '',
    `resource workspace 'Microsoft.MachineLearningServices/workspaces@${COMPUTE_API_VERSION}' existing = {`,
    `  name: ${bicepString(workspace?.name ?? '<workspace-name>')}`,
    '}',
    '',
    `resource compute 'Microsoft.MachineLearningServices/workspaces/computes@${COMPUTE_API_VERSION}' = {`,
    '  parent: workspace',
    `  name: ${bicepString(request.name)}`,
    `  location: ${bicepString(body.location)}`,
    ...(body.identity ? [`  identity: ${bicepValue(body.identity, '  ')}`] : []),
    `  properties: ${bicepValue(body.properties, '  ')}`,
    '}',
  );
  return `${lines.join('\n')}\n`;
}
