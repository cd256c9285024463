/**
 * Reads settings people already have: an `az k8s-extension create` command (as in the docs, with
 * `\` continuations and quotes), a bare `--config` list or `k=v` lines, or a JSON object (plain
 * settings, a `CliRequest`, or an extension from `az k8s-extension show`). The result is checked
 * with the same rules as the wizard, so the docs' `InferenceRouterHA=False` typo is caught, and a
 * miscased or legacy key carries a one-click fix (import-fixes.ts) that `applyImportFix` makes. Pure.
 */
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { formatClusterId, clusterTypeOf, type ClusterType } from './cluster';
import { NODE_SELECTOR_PREFIX, pythonBool, SETTING, type CliRequest } from './cli-settings';
import { validateCliRequest, type FieldMessage } from './cli-validation';
import { importFixFor, rewriteForFix, type ImportFix } from './import-fixes';
import { ownValue, setOwn } from './own-keys';

export type { ImportFix };

/** A problem the import found, with the one-click fix when there is one. */
export interface ImportProblem extends FieldMessage {
  fix?: ImportFix;
}

export interface ImportResult {
  request: Partial<CliRequest>;
  /** Settings the wizard has no field for (they are still in `request`). */
  unknownKeys: string[];
  /** Block "Use these settings" until they are fixed. */
  errors: ImportProblem[];
  /** Ignored options, placeholders left in, local file paths to upload instead, legacy keys. */
  warnings: ImportProblem[];
  /** What the command said about the cluster, for matching it in the cluster list. */
  cluster: { name?: string; resourceGroup?: string; type?: ClusterType; subscription?: string };
  /** What reading the text found (not the settings rules): kept so a fix re-checks without the text. */
  readProblems: { errors: FieldMessage[]; warnings: FieldMessage[] };
}

/** Longest text accepted: a command or settings file, not a PEM bundle. */
export const MAX_IMPORT_LENGTH = 64 * 1024;

const SETTINGS_OPTIONS = new Set(['--config', '--configuration-settings']);
const PROTECTED_OPTIONS = new Set(['--config-protected', '--configuration-protected-settings']);
const VALUE_OPTIONS: Record<string, string> = {
  '--name': 'name', '-n': 'name',
  '--cluster-name': 'clusterName', '-c': 'clusterName',
  '--resource-group': 'resourceGroup', '-g': 'resourceGroup',
  '--cluster-type': 'clusterType', '-t': 'clusterType',
  '--subscription': 'subscription',
  '--extension-type': 'extensionType',
  '--scope': 'scope',
  '--release-train': 'releaseTrain',
  '--version': 'version',
  '--release-namespace': 'releaseNamespace',
  '--auto-upgrade-minor-version': 'autoUpgradeMinorVersion', '--auto-upgrade': 'autoUpgradeMinorVersion',
};

/**
 * Shell words, POSIX-style: quotes, backslash escapes, and line continuations (`\`, and the
 * PowerShell backtick) joined. Good enough for commands copied from docs; not a shell.
 */
export function shellWords(text: string): string[] {
  const joined = text.replace(/[\\`]\r?\n/g, ' ');
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < joined.length; i += 1) {
    const ch = joined[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && /["\\$`]/.test(joined[i + 1] ?? '')) current += joined[(i += 1)];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < joined.length) {
      current += joined[(i += 1)];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

const isPlaceholder = (value: string) => /^<[^>]*>$/.test(value.trim());

interface Parsed {
  settings: Record<string, string>;
  protectedSettings: Record<string, string>;
  options: Record<string, string>;
  warnings: FieldMessage[];
  errors: FieldMessage[];
}

function addPair(word: string, into: Record<string, string>, parsed: Parsed, text: DomainText): void {
  const eq = word.indexOf('=');
  if (eq <= 0) {
    // A word after --config-protected may be the secret itself (a forgotten `key=`): never repeat it.
    const error = into === parsed.protectedSettings
      ? { key: '--config-protected', message: text('importing.protectedNotKeyValue') }
      : { key: word, message: text('importing.notKeyValue', { word }) };
    parsed.errors.push(error);
    return;
  }
  // `--config __proto__=1` is a (bad) key like any other: kept, so validation can name it.
  setOwn(into, word.slice(0, eq), word.slice(eq + 1));
}

function parseWords(words: string[], text: DomainText): Parsed {
  const parsed: Parsed = { settings: {}, protectedSettings: {}, options: {}, warnings: [], errors: [] };
  let target: Record<string, string> | null = parsed.settings; // bare k=v words are settings
  let i = 0;
  if (words[0] === 'az') i = words[1] === 'k8s-extension' && words[2] === 'create' ? 3 : 1;
  for (; i < words.length; i += 1) {
    const word = words[i];
    const [flag, inline] = word.startsWith('-') && word.includes('=') && !word.startsWith('--config') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const option = ownValue(VALUE_OPTIONS, flag); // `--constructor` is an unknown option, not Object's
    if (SETTINGS_OPTIONS.has(flag)) target = parsed.settings;
    else if (PROTECTED_OPTIONS.has(flag)) target = parsed.protectedSettings;
    else if (option) {
      target = null;
      const next = words[i + 1];
      const value = inline ?? (next !== undefined && !next.startsWith('-') ? ((i += 1), next) : 'true');
      parsed.options[option] = value;
    } else if (flag.startsWith('-')) {
      target = null;
      parsed.warnings.push({ key: flag, message: text('importing.ignoredOption', { flag }) });
      if (/-file$/.test(flag)) parsed.errors.push({ key: flag, message: text('importing.localFileOption', { flag }) });
    } else if (target) addPair(word, target, parsed, text);
    // a value after an ignored option: skip it
  }
  return parsed;
}

function stringValues(object: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    // JSON.parse makes `"__proto__"` an own key; plain assignment would drop it (own-keys.ts).
    if (typeof value === 'boolean') setOwn(out, key, pythonBool(value));
    else if (typeof value === 'string' || typeof value === 'number') setOwn(out, key, String(value));
  }
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): Parsed | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed: Parsed = { settings: {}, protectedSettings: {}, options: {}, warnings: [], errors: [] };
  if (!isRecord(value)) return parsed;
  const source = isRecord(value.properties) ? value.properties : value;
  if (isRecord(source.configurationSettings) || isRecord(source.configurationProtectedSettings)) {
    parsed.settings = stringValues(isRecord(source.configurationSettings) ? source.configurationSettings : {});
    parsed.protectedSettings = stringValues(isRecord(source.configurationProtectedSettings) ? source.configurationProtectedSettings : {});
    for (const key of ['name', 'clusterId', 'releaseTrain', 'version'] as const) {
      const field = source[key] ?? value[key];
      if (typeof field === 'string') parsed.options[key] = field;
    }
    if (typeof source.autoUpgradeMinorVersion === 'boolean') parsed.options.autoUpgradeMinorVersion = String(source.autoUpgradeMinorVersion);
  } else {
    parsed.settings = stringValues(source);
  }
  return parsed;
}

function toRequest(parsed: Parsed, text: DomainText): { request: Partial<CliRequest>; cluster: ImportResult['cluster'] } {
  const o = parsed.options;
  for (const [key, value] of Object.entries(o)) {
    if (isPlaceholder(value)) {
      parsed.warnings.push({ key, message: text('importing.placeholder', { value }) });
      delete o[key];
    }
  }
  const type = o.clusterType ? clusterTypeOf(o.clusterType) ?? undefined : undefined;
  const cluster = { name: o.clusterName, resourceGroup: o.resourceGroup, type, subscription: o.subscription };
  const clusterId = o.clusterId ?? (type && o.clusterName && o.resourceGroup && o.subscription
    ? formatClusterId({ subscriptionId: o.subscription, resourceGroup: o.resourceGroup, type, name: o.clusterName })
    : undefined);
  if (o.extensionType && o.extensionType.toLowerCase() !== 'microsoft.azureml.kubernetes') {
    parsed.errors.push({ key: 'extensionType', message: text('importing.otherExtensionType', { extensionType: o.extensionType }) });
  }
  const request: Partial<CliRequest> = {
    configurationSettings: parsed.settings,
    configurationProtectedSettings: parsed.protectedSettings,
    ...(clusterId ? { clusterId } : {}),
    ...(o.name ? { name: o.name } : {}),
    ...(o.releaseTrain ? { releaseTrain: o.releaseTrain } : {}),
    ...(o.version ? { version: o.version } : {}),
    ...(o.autoUpgradeMinorVersion ? { autoUpgradeMinorVersion: o.autoUpgradeMinorVersion.toLowerCase() !== 'false' } : {}),
    ...(o.scope ? { scope: o.scope } : {}),
    ...(o.releaseNamespace ? { releaseNamespace: o.releaseNamespace } : {}),
  };
  return { request, cluster };
}

const PEM_KEYS = new Set<string>([SETTING.sslCertPemFile, SETTING.sslKeyPemFile]);

/** Attaches to each problem the fix for its key, once per key (a key may have several problems). */
function withFixes(problems: FieldMessage[], request: Partial<CliRequest>, offered: Set<string>, text: DomainText): ImportProblem[] {
  return problems.map((problem) => {
    if (offered.has(problem.key)) return problem;
    const fix = importFixFor(request, problem.key, text);
    if (!fix) return problem;
    offered.add(problem.key);
    return { ...problem, fix };
  });
}

/**
 * The settings rules over an imported request. Errors about what the paste does not say (the
 * cluster, the name) are left to the wizard; PEM file paths become warnings to upload the files.
 */
function checkImport(request: Partial<CliRequest>, cluster: ImportResult['cluster'], readProblems: ImportResult['readProblems'], text: DomainText): ImportResult {
  const settings = request.configurationSettings ?? {};
  const protectedSettings = request.configurationProtectedSettings ?? {};
  const pemPaths = Object.entries(protectedSettings).filter(([key, value]) => PEM_KEYS.has(key) && !value.trimStart().startsWith('-----BEGIN'));
  const pemWarnings = pemPaths.map(([key]) => ({ key, message: text('importing.pemPath', { key }) }));
  const checked = validateCliRequest(
    { ...request, clusterId: request.clusterId ?? '', name: request.name ?? 'azureml', configurationSettings: settings, configurationProtectedSettings: protectedSettings },
    { clusterType: cluster.type },
    text,
  );
  const skip = new Set(['clusterId', ...(request.name ? [] : ['name']), ...pemPaths.map(([key]) => key)]);
  const offered = new Set<string>();
  const errors = withFixes([...readProblems.errors, ...checked.errors.filter((e) => !skip.has(e.key))], request, offered, text);
  const warnings = withFixes([...readProblems.warnings, ...pemWarnings, ...checked.warnings], request, offered, text);
  const documented = new Set<string>(Object.values(SETTING));
  const unknownKeys = Object.keys({ ...settings, ...protectedSettings }).filter((key) => !documented.has(key) && !key.startsWith(NODE_SELECTOR_PREFIX));
  return { request, unknownKeys, errors, warnings, cluster, readProblems };
}

/**
 * Parses pasted settings and checks them with `validateCliRequest`. Messages are in `text`'s
 * language (English by default).
 */
export function importSettings(pasted: string, text: DomainText = englishText): ImportResult {
  const empty: ImportResult = { request: {}, unknownKeys: [], errors: [], warnings: [], cluster: {}, readProblems: { errors: [], warnings: [] } };
  const refused = (error: FieldMessage): ImportResult => ({ ...empty, errors: [error], readProblems: { errors: [error], warnings: [] } });
  if (pasted.length > MAX_IMPORT_LENGTH) return refused({ key: 'import', message: text('importing.tooLarge', { limit: MAX_IMPORT_LENGTH / 1024 }) });
  const trimmed = pasted.trim();
  const parsed = trimmed.startsWith('{') ? parseJson(trimmed) : parseWords(shellWords(trimmed), text);
  if (!parsed) return refused({ key: 'import', message: text('importing.badJson') });
  const { request, cluster } = toRequest(parsed, text);
  return checkImport(request, cluster, { errors: parsed.errors, warnings: parsed.warnings }, text);
}

/**
 * `result` with `fix` made (a key renamed, a legacy key replaced by its equivalent) and checked
 * again, as if the paste had said it right: no re-typing. A fix whose key is gone changes nothing.
 */
export function applyImportFix(result: ImportResult, fix: Pick<ImportFix, 'key' | 'renameTo' | 'set'>, text: DomainText = englishText): ImportResult {
  return checkImport(rewriteForFix(result.request, fix), result.cluster, result.readProblems, text);
}
