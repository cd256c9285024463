/**
 * What "Use these settings" will do to the wizard: the answers an import sets (one sentence each,
 * in the reader's language), the settings it leaves behind, and whether it may be used at all (not
 * while an error stands). The dialog shows this list and applies `values`, so what it says is what
 * it sets. A value given as protected is named, never quoted. Pure.
 */
import type { DomainText } from '@/lib/i18n/domain-text';

import { parseClusterId, type ClusterType } from './cluster';
import { cliRequestToForm, SETTING, type CliRequest } from './cli-settings';
import type { DeployForm } from './deploy-schema';
import type { ImportResult } from './import-settings';
import { ownValue } from './own-keys';
import { INSTALL_FLAGS } from './settings-catalog';

/** A cluster the wizard lists, as far as matching an import needs. */
export interface ImportClusterCandidate {
  id: string;
  name: string;
  resourceGroup: string;
  type: ClusterType;
}

export interface ImportPlan {
  /** The wizard answers the import sets: what "Use these settings" merges into the form. */
  values: Partial<DeployForm>;
  /** One sentence per answer in `values`, in the order of the wizard's steps. */
  answers: string[];
  /** Why the cluster is not among the answers, when it is not. */
  clusterNote?: string;
  /** Settings the wizard has no field for: not carried over. */
  notCarriedOver: string[];
  /** False while an error stands: warnings do not block. */
  canApply: boolean;
}

const lower = (value: string) => value.toLowerCase();

/**
 * The listed cluster the import names: by ARM id when it gives one (a pasted `az k8s-extension
 * show`), else by name with its group and type when given; only when exactly one matches.
 */
export function matchImportedCluster<C extends ImportClusterCandidate>(clusters: readonly C[], result: Pick<ImportResult, 'cluster' | 'request'>): C | undefined {
  const { cluster, request } = result;
  const byId = request.clusterId ? clusters.filter((candidate) => lower(candidate.id) === lower(request.clusterId ?? '')) : [];
  if (byId.length === 1) return byId[0];
  if (!cluster.name) return undefined;
  const matches = clusters.filter(
    (candidate) =>
      lower(candidate.name) === lower(cluster.name ?? '') &&
      (!cluster.resourceGroup || lower(candidate.resourceGroup) === lower(cluster.resourceGroup)) &&
      (!cluster.type || candidate.type === cluster.type),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

type Maps = Pick<CliRequest, 'configurationSettings' | 'configurationProtectedSettings'>;

/** True when the form's value for `key` is a protected one (cliRequestToForm lets the protected map win). */
function isProtected(request: Partial<Maps>, key: string): boolean {
  return ownValue(request.configurationProtectedSettings ?? {}, key) !== undefined;
}


function routerAnswer(values: Partial<DeployForm>, text: DomainText): string | null {
  const ha = values.inferenceRouterHA === undefined ? 'unset' : values.inferenceRouterHA ? 'on' : 'off';
  if (values.serviceType === undefined && values.internalLoadBalancer === undefined) {
    return ha === 'unset' ? null : text('importing.answers.routerHa', { ha });
  }
  const type = values.internalLoadBalancer && values.serviceType !== 'nodePort' && values.serviceType !== 'clusterIP' ? 'internalLoadBalancer' : values.serviceType ?? 'unset';
  return text('importing.answers.router', { type, ha });
}

function tlsAnswers(values: Partial<DeployForm>, request: Partial<Maps>, text: DomainText): string[] {
  const tls = values.tls;
  if (!tls) return [];
  if (tls.mode === 'insecure') return [text('importing.answers.httpsOff')];
  let https: string;
  if (tls.mode === 'secret') {
    https = isProtected(request, SETTING.sslSecret) ? text('importing.answers.httpsSecretProtected') : text('importing.answers.httpsSecret', { name: tls.sslSecret });
  } else {
    // An import never yields the update's 'current' pair: PEM texts pasted (JSON), else files to upload again.
    const pasted = tls.mode === 'pem' && tls.certPem !== '' && tls.keyPem !== '';
    https = text(pasted ? 'importing.answers.httpsPem' : 'importing.answers.httpsPemUpload');
  }
  if (tls.sslCname.trim() === '') return [https];
  const cname = isProtected(request, SETTING.sslCname) ? text('importing.answers.cnameProtected') : text('importing.answers.cname', { cname: tls.sslCname });
  return [https, cname];
}

function advancedAnswers(values: Partial<DeployForm>, request: Partial<Maps>, text: DomainText): string[] {
  const answers: string[] = [];
  for (const { key, value } of values.nodeSelector ?? []) {
    const protectedValue = isProtected(request, `nodeSelector.${key}`);
    answers.push(protectedValue ? text('importing.answers.nodeSelectorProtected', { label: key }) : text('importing.answers.nodeSelector', { label: key, value }));
  }
  for (const flag of INSTALL_FLAGS) {
    const install = values[flag];
    if (install !== undefined) answers.push(text('importing.answers.component', { flag, install: String(install) }));
  }
  if (values.releaseTrain !== undefined) answers.push(text('importing.answers.releaseTrain', { train: values.releaseTrain }));
  if (values.version !== undefined) answers.push(values.version === '' ? text('importing.answers.versionLatest') : text('importing.answers.version', { version: values.version }));
  if (values.autoUpgradeMinorVersion !== undefined) {
    answers.push(text('importing.answers.upgrades', { upgrades: values.autoUpgradeMinorVersion ? 'automatic' : 'manual' }));
  }
  return answers;
}

/**
 * The plan for an import over the clusters the wizard lists: the form values it sets (the cluster
 * only when one listed cluster matches), a sentence for each, and what it leaves out.
 */
export function importPlan<C extends ImportClusterCandidate>(result: ImportResult, clusters: readonly C[], text: DomainText): ImportPlan {
  const { form, unknownKeys } = cliRequestToForm(result.request);
  const matched = matchImportedCluster(clusters, result);
  // The id a command spells out may name a cluster this user cannot see: only a listed one is an answer.
  const values: Partial<DeployForm> = { ...form };
  delete values.clusterId;
  if (matched) values.clusterId = matched.id;
  const answers: string[] = [];
  if (matched) answers.push(text('importing.answers.cluster', { name: matched.name }));
  if (values.extensionName !== undefined) answers.push(text('importing.answers.extensionName', { name: values.extensionName }));
  if (values.workload !== undefined) answers.push(text('importing.answers.workload', { workload: values.workload }));
  const router = routerAnswer(values, text);
  if (router) answers.push(router);
  answers.push(...tlsAnswers(values, result.request, text), ...advancedAnswers(values, result.request, text));
  const named = result.cluster.name ?? (result.request.clusterId ? parseClusterId(result.request.clusterId)?.name : undefined);
  const clusterNote = matched ? undefined : named ? text('importing.answers.clusterNotMatched', { name: named }) : text('importing.answers.clusterNotNamed');
  return { values, answers, ...(clusterNote ? { clusterNote } : {}), notCarriedOver: unknownKeys, canApply: result.errors.length === 0 };
}
