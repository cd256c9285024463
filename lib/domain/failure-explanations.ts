/**
 * What a failure means and what to do about it (DOMAIN.md section 8), and what legacy setting
 * names on an existing extension mean (section 2). Pure: the status API attaches the result and
 * the page shows it; nothing here reads Azure.
 */
import type { DomainMessageKey, DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

/** One recognised failure, in words a cluster admin can act on. */
export interface Explanation {
  /** The health-check code (`E40002`) or a stable name for non-coded signatures. */
  code: string;
  title: string;
  /** What went wrong, in plain words. */
  meaning: string;
  /** What to change so the next attempt succeeds. */
  fix: string;
}

/** What {@link explainFailure} reads; every field is as ARM or the component table reported it. */
export interface FailureInput {
  provisioningState: string;
  /** `errorInfo.message` of the extension, or an ARM error message of a failed write. */
  errorMessage?: string;
  statuses?: ReadonlyArray<{ code?: string | null; message?: string | null }>;
  components?: ReadonlyArray<{ name: string; state: string; reason?: string; restarts?: number }>;
}

/**
 * Where one explanation's words are: `<prefix>.title`, `.meaning` and `.fix` in the domain
 * messages (lib/i18n/messages/<language>/explanations.json), so each entry is written once per language.
 */
type MessagePrefix = Extract<PrefixOfFix<DomainMessageKey>, `explanations.${string}`>;
type PrefixOfFix<Key> = Key extends `${infer Prefix}.fix` ? Prefix : never;

/** Health-check codes the extension's pre-install hook reports (section 8 table), and their words. */
export const HEALTH_CHECK_EXPLANATIONS: Readonly<Record<string, MessagePrefix>> = {
  E40001: 'explanations.healthCheck.E40001',
  E40002: 'explanations.healthCheck.E40002',
  E40003: 'explanations.healthCheck.E40003',
  E40007: 'explanations.healthCheck.E40007',
  E45002: 'explanations.healthCheck.E45002',
  E45003: 'explanations.healthCheck.E45003',
  E45004: 'explanations.healthCheck.E45004',
  E45005: 'explanations.healthCheck.E45005',
  E45006: 'explanations.healthCheck.E45006',
};

/**
 * Real ARM answers a failed install with `statuses: []` and a free-text `errorInfo.message` (the
 * REST spec's examples; in practice the Helm error, wrapped by the extension agent and by ARM).
 * The code may be in that text, or only the health check's own words for it. These are the words
 * of the health-check report (`kubectl get configmap arcml-healthcheck -n azureml`), case and
 * separators as they come (`INSUFFICIENT_NODE`, `insufficient node`, wrapped over lines):
 *
 * - the names in the "Error Code of HealthCheck" table of Microsoft Learn,
 *   https://learn.microsoft.com/azure/machine-learning/how-to-troubleshoot-kubernetes-extension#error-code-of-healthcheck
 *   (MicrosoftDocs/azure-ai-docs, articles/machine-learning/how-to-troubleshoot-kubernetes-extension.md);
 * - report lines users posted: `ErrorCode: E45005 ErrorMessage: Azureml Fe deployment confict`
 *   (sic, https://github.com/Azure/AML-Kubernetes/issues/293) and `ErrorCode: E45006 ErrorMessage:
 *   Failed to validate or update instancetype` (https://github.com/Azure/azure-sdk-for-python/issues/33480).
 *
 * Checked in this order, the more specific first (an internal load balancer before a load balancer).
 */
const HEALTH_CHECK_PHRASES: ReadonlyArray<{ code: keyof typeof HEALTH_CHECK_EXPLANATIONS; pattern: RegExp }> = [
  { code: 'E40003', pattern: phrase('internal', 'load', 'balancer', 'not', 'support(?:ed)?') },
  { code: 'E40001', pattern: phrase('load', 'balancer', 'not', 'support(?:ed)?', { notAfter: 'internal' }) },
  { code: 'E40002', pattern: phrase('insufficient', 'nodes?') },
  { code: 'E40007', pattern: phrase('invalid', 'ssl', 'settings?') },
  { code: 'E45002', pattern: phrase('prometheus', '(?:operator[\\s_-]+)?conflicts?') },
  { code: 'E45003', pattern: phrase('bad', 'network', 'connectivity') },
  { code: 'E45004', pattern: phrase('azure[\\s_-]*ml', 'fe', 'role', 'confl?icts?') },
  { code: 'E45005', pattern: phrase('azure[\\s_-]*ml', 'fe', 'deployment', 'confl?icts?') },
  { code: 'E45006', pattern: phrase('failed', 'to', 'validate', 'or', 'update', 'instance[\\s_-]*types?') },
];

/**
 * Signatures without a health-check code, matched on the message text (case-insensitive). The
 * last one is any failed health check whose text names none of the checks above: what real ARM
 * usually sends (`failed pre-install: pod healthcheck failed`, as in
 * https://github.com/Azure/azure-cli-extensions/issues/5477), so the fix points at the report.
 */
const MESSAGE_SIGNATURES: ReadonlyArray<{ pattern: RegExp; code: string; messages: MessagePrefix }> = [
  { pattern: /cannot re-?use a name that is still in use/i, code: 'NameStillInUse', messages: 'explanations.signatures.NameStillInUse' },
  { pattern: /another operation is in progress/i, code: 'OperationInProgress', messages: 'explanations.signatures.OperationInProgress' },
  {
    pattern: /namespace\W+azureml\W[^.]*terminat|azureml\W+(?:namespace\W+)?is being terminated/i,
    code: 'NamespaceTerminating',
    messages: 'explanations.signatures.NamespaceTerminating',
  },
  {
    pattern: /invalid ownership metadata[\s\S]*jobs\.batch\.volcano\.sh|jobs\.batch\.volcano\.sh[\s\S]*invalid ownership metadata/i,
    code: 'VolcanoConflict',
    messages: 'explanations.signatures.VolcanoConflict',
  },
  { pattern: /\bhealth[\s_-]?check"?\s+(?:hooks?\s+)?failed\b/i, code: 'HealthCheckFailed', messages: 'explanations.signatures.HealthCheckFailed' },
];

/** A health-check code anywhere in a text, in any case (`[E40002]`, `ErrorCode: e40002`). */
const HEALTH_CODE = /(?<![A-Za-z0-9])E4\d{4}(?!\d)/gi;

/**
 * `words` as one case-insensitive pattern that survives how the words reach a message: joined by
 * `_`, `-`, spaces or line breaks. Each word is a regular-expression fragment; `notAfter` refuses
 * a match right after that word (a load balancer that is an internal one).
 */
function phrase(...parts: Array<string | { notAfter: string }>): RegExp {
  const options = parts.find((p): p is { notAfter: string } => typeof p !== 'string');
  const words = parts.filter((p): p is string => typeof p === 'string');
  const separator = '[\\s_-]+';
  const before = options ? `(?<!${options.notAfter}${separator})` : '';
  return new RegExp(`${before}(?<![A-Za-z0-9])${words.join(separator)}(?![A-Za-z0-9])`, 'i');
}

/** The text as matched: JSON-escaped line breaks (a report quoted inside a message) read as spaces. */
function readable(message: string): string {
  return message.replace(/\\[nrt]/g, ' ');
}

/** The first health-check code written in `message` that has an explanation. */
function healthCheckCodeIn(message: string): string | undefined {
  const codes = [...readable(message).matchAll(HEALTH_CODE)].map(([code]) => code.toUpperCase());
  return codes.find((code) => Object.hasOwn(HEALTH_CHECK_EXPLANATIONS, code));
}

/** The health-check code whose report words are in `message`, when it carries no code. */
function healthCheckPhraseIn(message: string): string | undefined {
  const text = readable(message);
  return HEALTH_CHECK_PHRASES.find((entry) => entry.pattern.test(text))?.code;
}

/** The explanation whose words are under `messages`, in `text`'s language. */
function explanation(code: string, messages: MessagePrefix, text: DomainText): Explanation {
  return { code, title: text(`${messages}.title`), meaning: text(`${messages}.meaning`), fix: text(`${messages}.fix`) };
}

function explainCode(code: string, text: DomainText): Explanation | undefined {
  const messages = Object.prototype.hasOwnProperty.call(HEALTH_CHECK_EXPLANATIONS, code) ? HEALTH_CHECK_EXPLANATIONS[code] : undefined;
  return messages ? explanation(code, messages, text) : undefined;
}

/**
 * The explanation for what ARM and the cluster report, or undefined when nothing is recognised
 * (the page then shows ARM's own message). Priority, so the panel does not flicker between
 * causes: a health-check code in `statuses` (ARM's structured answer, when it gives one), then a
 * code in the messages, then a check named by its report words ({@link HEALTH_CHECK_PHRASES}),
 * then the known message signatures (the last: a health check failed, none named), then a
 * crash-looping component (which happens after a Succeeded install, so it is checked whatever
 * the provisioning state).
 * Written in `text`'s language (English by default); ARM's and the cluster's own words inside it
 * (a component's reason) stay as they were reported.
 */
export function explainFailure(input: FailureInput, text: DomainText = englishText): Explanation | undefined {
  for (const status of input.statuses ?? []) {
    const coded = status.code ? explainCode(status.code.trim(), text) : undefined;
    if (coded) return coded;
  }
  const messages = [input.errorMessage ?? '', ...(input.statuses ?? []).map((s) => s.message ?? '')].filter(Boolean);
  for (const read of [healthCheckCodeIn, healthCheckPhraseIn]) {
    for (const message of messages) {
      const code = read(message);
      if (code) return explainCode(code, text);
    }
  }
  for (const message of messages) {
    const signature = MESSAGE_SIGNATURES.find((s) => s.pattern.test(readable(message)));
    if (signature) return explanation(signature.code, signature.messages, text);
  }
  const crashing = (input.components ?? []).find((c) => c.state === 'Failed');
  if (crashing) {
    const name = crashing.name;
    return {
      code: 'ComponentCrashLooping',
      title: text('explanations.crashLooping.title', { name }),
      meaning: crashing.reason
        ? text('explanations.crashLooping.meaningWithReason', { name, reason: crashing.reason })
        : text('explanations.crashLooping.meaning', { name }),
      fix: text('explanations.crashLooping.fix', { name }),
    };
  }
  return undefined;
}

/** Legacy setting names the extension still accepts, and where the words on what replaced them are (section 2). */
export const LEGACY_SETTINGS: Readonly<Record<string, MessagePrefix>> = {
  inferenceLoadBalancerHA: 'explanations.legacy.inferenceLoadBalancerHA',
  privateEndpointILB: 'explanations.legacy.privateEndpointILB',
  privateEndpointNodeport: 'explanations.legacy.privateEndpointNodeport',
};

/** One explanation per legacy key present in the settings (keys are case-sensitive), in `text`'s language. */
export function explainLegacySettings(settings: Readonly<Record<string, string>>, text: DomainText = englishText): Explanation[] {
  return Object.keys(LEGACY_SETTINGS)
    .filter((key) => Object.prototype.hasOwnProperty.call(settings, key))
    .map((key) => explanation(key, LEGACY_SETTINGS[key], text));
}
