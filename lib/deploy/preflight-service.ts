import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { gatherPreflightFacts } from '@/lib/azure/preflight-facts';
import type { ClusterDetails } from '@/lib/domain/cluster';
import { runPreflightRules } from '@/lib/domain/preflight/run-rules';
import { hasBlockingFinding, type Finding } from '@/lib/domain/preflight/types';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

/**
 * Preflight for one cluster (DOMAIN.md section 6): gathers the facts from ARM (and, on AKS, the
 * `azureml` namespace) and runs every rule against the settings about to be installed.
 *
 * `settings` are `configurationSettings` in the CLI's vocabulary; omitted means all defaults
 * (training and inference off), which is what the wizard's cluster step asks before any choice.
 * Findings come sorted errors first, written in `text`'s language (English by default). Failures
 * to read the cluster are `AppError`s.
 */
export async function runPreflight(
  credential: TokenCredential,
  clusterId: string,
  settings?: Record<string, string>,
  text: DomainText = englishText,
): Promise<Finding[]> {
  const facts = await gatherPreflightFacts(credential, clusterId);
  return runPreflightRules(facts, { configurationSettings: settings ?? {} }, {}, text);
}

/**
 * Preflight for a change of settings on an installed extension (an update): one read of the
 * cluster, the rules run on the settings before and after, and the findings the change brings
 * (a code the settings before did not raise). What was true already (the extension exists, a
 * warning the cluster always had, a role that cannot write: ARM's own answer says so) is not the
 * change's doing and does not block it; `blocking` is true when the change itself would break the
 * extension (inferenceRouterHA on fewer than three ready nodes, GPU settings without GPU nodes...).
 */
export async function preflightSettingsChange(
  credential: TokenCredential,
  clusterId: string,
  before: Record<string, string>,
  after: Record<string, string>,
  text: DomainText = englishText,
): Promise<{ findings: Finding[]; blocking: boolean; cluster: ClusterDetails }> {
  const facts = await gatherPreflightFacts(credential, clusterId);
  const had = new Set(runPreflightRules(facts, { configurationSettings: before }, {}, text).map((finding) => `${finding.code}:${finding.severity}`));
  const findings = runPreflightRules(facts, { configurationSettings: after }, {}, text).filter((finding) => !had.has(`${finding.code}:${finding.severity}`));
  // The cluster as read for the rules, so the update does not read it again (the Relay of an Arc cluster).
  return { findings, blocking: hasBlockingFinding(findings), cluster: facts.cluster };
}

