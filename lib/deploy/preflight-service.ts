import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { gatherPreflightFacts } from '@/lib/azure/preflight-facts';
import { runPreflightRules } from '@/lib/domain/preflight/run-rules';
import type { Finding } from '@/lib/domain/preflight/types';
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
