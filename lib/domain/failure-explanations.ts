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

/** Signatures without a health-check code, matched on the message text (case-insensitive). */
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
];

const HEALTH_CODE = /\bE4\d{4}\b/;

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
 * causes: a health-check code in `statuses` (ARM's structured answer), then one in the error
 * message, then the known message signatures, then a crash-looping component (which happens
 * after a Succeeded install, so it is checked whatever the provisioning state).
 * Written in `text`'s language (English by default); ARM's and the cluster's own words inside it
 * (a component's reason) stay as they were reported.
 */
export function explainFailure(input: FailureInput, text: DomainText = englishText): Explanation | undefined {
  for (const status of input.statuses ?? []) {
    const coded = status.code ? explainCode(status.code.trim(), text) : undefined;
    if (coded) return coded;
  }
  const messages = [input.errorMessage ?? '', ...(input.statuses ?? []).map((s) => s.message ?? '')].filter(Boolean);
  for (const message of messages) {
    const code = HEALTH_CODE.exec(message)?.[0];
    const coded = code ? explainCode(code, text) : undefined;
    if (coded) return coded;
  }
  for (const message of messages) {
    const signature = MESSAGE_SIGNATURES.find((s) => s.pattern.test(message));
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
