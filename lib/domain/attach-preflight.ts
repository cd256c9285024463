/**
 * What to check before attaching a cluster to a workspace (issue 17, DOMAIN.md section 10), over
 * facts another module gathers: the AzureML extension installed and Succeeded with the workloads
 * wanted, an Arc cluster Connected, cluster and workspace in one subscription, the compute name
 * free, the namespace there, and the caller allowed to write computes. Pure.
 *
 * The findings have the preflight `Finding` shape but codes of their own ({@link ATTACH_FINDING_CODES}):
 * adding them to `FINDING_CODES` (lib/domain/preflight/types.ts) would change the install
 * preflight's shared table. Messages come from `attach.preflight.*`.
 */
import { sameResourceId, type ClusterDetails } from './cluster';
import { missingActions, type PermissionEntry } from './permissions';
import { clusterArgs } from './preflight/context';
import type { FindingSeverity } from './preflight/types';
import { AZUREML_EXTENSION_TYPE, AZUREML_RELEASE_NAMESPACE, SETTING, settingIsOn } from './settings-catalog';
import { isInProgress } from './status-vocabulary';
import { COMPUTE_WRITE_ACTION, DEFAULT_COMPUTE_NAMESPACE, englishAttachText, parseWorkspaceId, type AttachText } from './attach';

/** Stable codes, one per rule: the UI, the API's 409 `{ findings }` and tests key on them. */
export const ATTACH_FINDING_CODES = [
  'extension-missing',
  'extension-not-succeeded',
  'training-not-enabled',
  'inference-not-enabled',
  'arc-not-connected',
  'cross-subscription',
  'compute-name-taken',
  'namespace-missing',
  'namespace-unverified',
  'namespace-from-extension',
  'compute-permission-missing',
] as const;
export type AttachFindingCode = (typeof ATTACH_FINDING_CODES)[number];

/** One finding; `error` blocks the attach (no ARM write), as in the install preflight. */
export interface AttachFinding {
  code: AttachFindingCode;
  severity: FindingSeverity;
  message: string;
  fix: string;
  action?: { kind: 'open-extension'; extensionId: string };
}

/** An extension on the cluster, as ARM lists it. */
export interface ClusterExtensionFacts {
  id: string;
  name: string;
  extensionType: string;
  provisioningState?: string;
  /** Its `configurationSettings` (never the protected ones). */
  configurationSettings?: Record<string, string>;
}

/** A compute already in the workspace. */
export interface WorkspaceComputeFacts {
  name: string;
  computeType: string;
  /** `properties.resourceId`: the cluster, for a Kubernetes compute. */
  resourceId?: string | null;
}

/** Everything the rules read; `undefined` means "not read", and a rule that needs it says nothing. */
export interface AttachFacts {
  cluster: ClusterDetails;
  workspace: { id: string; name: string };
  /** The cluster's extensions. */
  extensions: ClusterExtensionFacts[];
  /** The workspace's computes. */
  computes?: WorkspaceComputeFacts[];
  /** Whether the namespace exists in the cluster (AKS Run Command, Arc Kubernetes API). */
  namespaceExists?: boolean;
  /** The caller's effective permissions on the workspace. */
  workspacePermissions?: PermissionEntry[];
}

/** What the person asks for. */
export interface AttachIntent {
  computeName: string;
  namespace: string;
  /** What they will run on the compute: training jobs, inference endpoints, or both. */
  workloads: ReadonlyArray<'training' | 'inference'>;
}

/**
 * Where the namespace comes from, said once: `default` exists in every cluster; `azureml` is the
 * extension's own release namespace, created by its install; any other must have been created by
 * someone (Learn: the namespace must exist before the attach, and neither the attach nor the
 * extension creates it): `exists`, `missing`, or `unknown` when nobody could look.
 */
export type NamespaceOrigin = 'always' | 'extension' | 'exists' | 'missing' | 'unknown';

export function namespaceOrigin(namespace: string, extensionInstalled: boolean, namespaceExists: boolean | undefined): NamespaceOrigin {
  if (namespace === DEFAULT_COMPUTE_NAMESPACE) return 'always';
  if (namespace === AZUREML_RELEASE_NAMESPACE && extensionInstalled) return 'extension';
  if (namespaceExists === undefined) return 'unknown';
  return namespaceExists ? 'exists' : 'missing';
}

/** The AzureML extension on the cluster (one per cluster), or undefined. */
export function azuremlExtensionOf(extensions: readonly ClusterExtensionFacts[]): ClusterExtensionFacts | undefined {
  return extensions.find((extension) => extension.extensionType.toLowerCase() === AZUREML_EXTENSION_TYPE.toLowerCase());
}

interface Context {
  facts: AttachFacts;
  intent: AttachIntent;
  text: AttachText;
  extension: ClusterExtensionFacts | undefined;
}

type Rule = (context: Context) => AttachFinding | null;

const extensionRule: Rule = ({ facts, text, extension }) => {
  const cluster = facts.cluster.summary.name;
  if (!extension) {
    return { code: 'extension-missing', severity: 'error', message: text('attach.preflight.extensionMissing.message', { cluster }), fix: text('attach.preflight.extensionMissing.fix', { cluster }) };
  }
  const state = extension.provisioningState ?? 'Unknown';
  if (state.toLowerCase() === 'succeeded') return null;
  // The one status vocabulary says which states are still moving.
  const pending = isInProgress(state);
  return {
    code: 'extension-not-succeeded',
    severity: 'error',
    message: text('attach.preflight.extensionNotSucceeded.message', { name: extension.name, cluster, state }),
    fix: text(pending ? 'attach.preflight.extensionNotSucceeded.fixPending' : 'attach.preflight.extensionNotSucceeded.fixFailed', { name: extension.name }),
    action: { kind: 'open-extension', extensionId: extension.id },
  };
};

/** A workload the person wants that the extension does not run: the catalog's reading of the setting, with its default. */
function workloadRule(workload: 'training' | 'inference'): Rule {
  return ({ facts, intent, text, extension }) => {
    if (!extension || !intent.workloads.includes(workload)) return null;
    const key = workload === 'training' ? SETTING.enableTraining : SETTING.enableInference;
    if (settingIsOn(extension.configurationSettings ?? {}, key, facts.cluster.type)) return null;
    const messages = workload === 'training' ? 'trainingOff' : 'inferenceOff';
    return {
      code: workload === 'training' ? 'training-not-enabled' : 'inference-not-enabled',
      severity: 'error',
      message: text(`attach.preflight.${messages}.message`, { name: extension.name }),
      fix: text(`attach.preflight.${messages}.fix`),
      action: { kind: 'open-extension', extensionId: extension.id },
    };
  };
}

const connectedRule: Rule = ({ facts, text }) => {
  const cluster = facts.cluster;
  if (cluster.type !== 'connectedClusters') return null;
  const status = cluster.connectivityStatus ?? 'Unknown';
  if (status.toLowerCase() === 'connected') return null;
  return {
    code: 'arc-not-connected',
    severity: 'error',
    message: text('attach.preflight.arcNotConnected.message', { cluster: cluster.summary.name, status }),
    fix: text('attach.preflight.arcNotConnected.fix', { clusterArgs: clusterArgs(cluster) }),
  };
};

/** Azure ML attaches clusters of its own subscription only (the seed's "Limitações"); the remedy is Arc in the workspace's subscription. */
const subscriptionRule: Rule = ({ facts, text }) => {
  const workspace = parseWorkspaceId(facts.workspace.id);
  const clusterSubscription = facts.cluster.summary.subscriptionId;
  if (!workspace || workspace.subscriptionId.toLowerCase() === clusterSubscription.toLowerCase()) return null;
  const values = { cluster: facts.cluster.summary.name, clusterSubscription, workspace: facts.workspace.name, workspaceSubscription: workspace.subscriptionId, clusterArgs: clusterArgs(facts.cluster) };
  return {
    code: 'cross-subscription',
    severity: 'error',
    message: text('attach.preflight.crossSubscription.message', values),
    fix: text(facts.cluster.type === 'managedClusters' ? 'attach.preflight.crossSubscription.fixAks' : 'attach.preflight.crossSubscription.fixArc', values),
  };
};

/** ARM names compare case-insensitively, and a PUT on an existing name overwrites that compute (the spec says so). */
const computeNameRule: Rule = ({ facts, intent, text }) => {
  const taken = facts.computes?.find((compute) => compute.name.toLowerCase() === intent.computeName.toLowerCase());
  if (!taken) return null;
  const sameCluster = taken.computeType.toLowerCase() === 'kubernetes' && Boolean(taken.resourceId) && sameResourceId(taken.resourceId ?? '', facts.cluster.summary.id);
  const values = { workspace: facts.workspace.name, name: taken.name, computeType: taken.computeType };
  return {
    code: 'compute-name-taken',
    severity: 'error',
    message: text(sameCluster ? 'attach.preflight.computeNameTaken.messageSameCluster' : 'attach.preflight.computeNameTaken.message', values),
    fix: text(sameCluster ? 'attach.preflight.computeNameTaken.fixSameCluster' : 'attach.preflight.computeNameTaken.fix', values),
  };
};

const namespaceRule: Rule = ({ facts, intent, text, extension }) => {
  const origin = namespaceOrigin(intent.namespace, extension !== undefined, facts.namespaceExists);
  const values = { namespace: intent.namespace, cluster: facts.cluster.summary.name };
  switch (origin) {
    case 'always':
    case 'exists':
      return null;
    case 'extension':
      return { code: 'namespace-from-extension', severity: 'info', message: text('attach.preflight.namespaceFromExtension.message', values), fix: text('attach.preflight.namespaceFromExtension.fix') };
    case 'missing':
      return { code: 'namespace-missing', severity: 'error', message: text('attach.preflight.namespaceMissing.message', values), fix: text('attach.preflight.namespaceMissing.fix', values) };
    case 'unknown':
      return { code: 'namespace-unverified', severity: 'warning', message: text('attach.preflight.namespaceUnverified.message', values), fix: text('attach.preflight.namespaceUnverified.fix', values) };
    default: {
      const unreachable: never = origin;
      return unreachable;
    }
  }
};

/** Permissions not read (or the read refused) add nothing: ARM's own answer stays the authority. */
const permissionRule: Rule = ({ facts, text }) => {
  if (!facts.workspacePermissions) return null;
  const missing = missingActions(facts.workspacePermissions, [COMPUTE_WRITE_ACTION]);
  if (missing.length === 0) return null;
  const resourceGroup = parseWorkspaceId(facts.workspace.id)?.resourceGroup ?? '';
  return {
    code: 'compute-permission-missing',
    severity: 'error',
    message: text('attach.preflight.computePermission.message', { workspace: facts.workspace.name, actions: missing.join(', ') }),
    fix: text('attach.preflight.computePermission.fix', { workspace: facts.workspace.name, resourceGroup }),
  };
};

const RULES: readonly Rule[] = [permissionRule, extensionRule, workloadRule('training'), workloadRule('inference'), connectedRule, subscriptionRule, computeNameRule, namespaceRule];
const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Every attach rule, errors first, then warnings, then information; in `text`'s language (English by default). */
export function runAttachPreflight(facts: AttachFacts, intent: AttachIntent, text: AttachText = englishAttachText): AttachFinding[] {
  const context: Context = { facts, intent, text, extension: azuremlExtensionOf(facts.extensions) };
  const findings = RULES.map((rule) => rule(context)).filter((finding): finding is AttachFinding => finding !== null);
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** True when a finding blocks the attach. */
export function hasBlockingAttachFinding(findings: readonly AttachFinding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
