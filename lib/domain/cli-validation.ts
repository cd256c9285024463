/**
 * The create-time rules of DOMAIN.md section 3, over a request in the CLI's vocabulary. The ONE
 * place these rules live: the wizard's schema converts its form to a `CliRequest` and calls
 * `validateCliRequest`; the API calls it on what it receives. Pure (browser included), so the PEM
 * rules here are the textual ones; the cryptographic ones are in `pem-checks.ts` (server).
 */
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { parseClusterId, type ClusterType } from './cluster';
import {
  AZUREML_RELEASE_NAMESPACE,
  BOOLEAN_SETTINGS,
  CLI_MANAGED_SETTINGS,
  DOCUMENTED_SETTINGS,
  LEGACY_SETTINGS,
  NODE_SELECTOR_PREFIX,
  SETTING,
  normaliseServiceType,
  parseBooleanSetting,
  type CliRequest,
} from './cli-settings';
import { EXTENSION_NAME_PATTERN } from './extension-id';
import { ownValue } from './own-keys';
import { PEM_MAX_BYTES, settingsWhere } from './settings-catalog';

/** One message about one CLI setting (`sslCname`, `nodeSelector.pool`, `name`, ...). */
export interface FieldMessage {
  key: string;
  message: string;
}

export interface CliValidationResult {
  /** Block the install. */
  errors: FieldMessage[];
  /** Shown, do not block (unknown and legacy keys). */
  warnings: FieldMessage[];
}

export interface CliValidationContext {
  /** Defaults to the type in `clusterId`. */
  clusterType?: ClusterType;
  /** An update that keeps the PEM pair already in the extension's protected settings: that is HTTPS material. */
  installedPemPair?: boolean;
}

/** The extension name rule lives with the extension id (extension-id.ts), so ids and requests agree. */
export { EXTENSION_NAME_PATTERN };

/** The user-facing keys that belong in protected settings only (the PEM pair). */
const MUST_BE_PROTECTED = settingsWhere((entry) => entry.source === 'user' && entry.protected).map((entry) => entry.key);
const KNOWN_EXACT = new Set<string>([...DOCUMENTED_SETTINGS, ...CLI_MANAGED_SETTINGS]);
const KNOWN_BY_LOWER = new Map([...KNOWN_EXACT].map((key) => [key.toLowerCase(), key]));

// Kubernetes label syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue).
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/;

/** Why a node-selector label key is invalid, or null; in `text`'s language (English by default). */
export function labelKeyProblem(key: string, text: DomainText = englishText): string | null {
  if (key === '') return text('cli.label.keyEmpty');
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return text('cli.label.prefix', { prefix });
  }
  if (name.length > 63 || !LABEL_NAME.test(name)) {
    return text('cli.label.name');
  }
  return null;
}

/** Why a node-selector label value is invalid, or null (empty values are valid labels). */
export function labelValueProblem(value: string, text: DomainText = englishText): string | null {
  if (value === '') return null;
  if (value.length > 63 || !LABEL_NAME.test(value)) {
    return text('cli.label.value');
  }
  return null;
}

const PEM_LABELS = { certificate: /-----BEGIN CERTIFICATE-----/, key: /-----BEGIN ((RSA |EC )?PRIVATE KEY|ENCRYPTED PRIVATE KEY)-----/ };

/**
 * The textual PEM rules (rule 6, the part a browser can check): present, ASCII only (the CLI
 * encodes them as ASCII), within `PEM_MAX_BYTES`, the right PEM block, and no encrypted key.
 * Messages never quote the PEM.
 */
export function pemTextProblems(key: string, pem: string, kind: 'certificate' | 'key', text: DomainText = englishText): FieldMessage[] {
  // One message per kind rather than a spliced noun: "o certificado" and "a chave" agree differently.
  const certificate = kind === 'certificate';
  if (pem.trim() === '') return [{ key, message: text(certificate ? 'pem.missingCertificate' : 'pem.missingKey', { key }) }];
  if (new TextEncoder().encode(pem).length > PEM_MAX_BYTES) {
    return [{ key, message: text(certificate ? 'pem.tooLargeCertificate' : 'pem.tooLargeKey', { limit: PEM_MAX_BYTES / 1024 }) }];
  }
  if (/[^\x00-\x7F]/.test(pem)) {
    return [{ key, message: text(certificate ? 'pem.nonAsciiCertificate' : 'pem.nonAsciiKey') }];
  }
  if (!certificate && /ENCRYPTED/.test(pem)) {
    return [{ key, message: text('pem.encryptedKey') }];
  }
  if (!PEM_LABELS[kind].test(pem)) {
    return [{ key, message: text(certificate ? 'pem.notCertificate' : 'pem.notKey') }];
  }
  return [];
}

/**
 * How the rules read a setting. The CLI reads most settings from either map (settings first), so
 * the rules do too; a value read from the protected map is a secret the user chose to hide, so a
 * message about it names the key and never quotes the value (it would reach the API's answer, the
 * audit trail and the logs).
 */
export interface Lookup {
  (key: string): string | undefined;
  /** True when the value `get(key)` returns came from `configurationProtectedSettings`. */
  isProtected(key: string): boolean;
}

export function lookupOf(req: CliRequest): Lookup {
  const plain = (key: string) => ownValue(req.configurationSettings, key);
  const secret = (key: string) => ownValue(req.configurationProtectedSettings, key);
  return Object.assign((key: string) => plain(key) ?? secret(key), {
    isProtected: (key: string) => plain(key) === undefined && secret(key) !== undefined,
  });
}

function keyRules(req: CliRequest, errors: FieldMessage[], warnings: FieldMessage[], text: DomainText): void {
  const settings = Object.keys(req.configurationSettings);
  const protectedKeys = Object.keys(req.configurationProtectedSettings);
  for (const key of protectedKeys) {
    if (Object.hasOwn(req.configurationSettings, key)) {
      errors.push({ key, message: text('cli.setTwice', { key }) });
    }
  }
  for (const key of [...new Set([...settings, ...protectedKeys])]) {
    if (KNOWN_EXACT.has(key)) continue;
    if (key.startsWith(NODE_SELECTOR_PREFIX)) continue;
    const right = KNOWN_BY_LOWER.get(key.toLowerCase());
    const selectorCase = key.toLowerCase().startsWith(NODE_SELECTOR_PREFIX.toLowerCase());
    if (right || selectorCase) {
      const suggestion = right ?? `${NODE_SELECTOR_PREFIX}${key.slice(NODE_SELECTOR_PREFIX.length)}`;
      errors.push({ key, message: text('cli.unknownKey', { key, suggestion }) });
    } else {
      // Keys are the user's: `constructor` must not find Object's constructor here (own-keys.ts).
      const legacy = ownValue(LEGACY_SETTINGS, key);
      warnings.push({ key, message: legacy ? text(legacy) : text('cli.undocumentedKey', { key }) });
    }
  }
  for (const key of MUST_BE_PROTECTED) {
    if (Object.hasOwn(req.configurationSettings, key)) {
      errors.push({ key, message: text('cli.mustBeProtected', { key }) });
    }
  }
}

function booleanRules(get: Lookup, errors: FieldMessage[], text: DomainText): void {
  for (const key of BOOLEAN_SETTINGS) {
    const value = get(key);
    if (value !== undefined && parseBooleanSetting(value) === undefined) {
      const message = get.isProtected(key) ? text('cli.protectedValue.notBoolean', { key }) : text('cli.notBoolean', { key, value });
      errors.push({ key, message });
    }
  }
}

function scopeRules(req: CliRequest, errors: FieldMessage[], text: DomainText): void {
  if (req.scope !== undefined && req.scope.toLowerCase() !== 'cluster') {
    errors.push({ key: 'scope', message: text('cli.scopeNotCluster', { scope: req.scope }) });
  }
  if (req.releaseNamespace !== undefined && req.releaseNamespace !== AZUREML_RELEASE_NAMESPACE) {
    errors.push({ key: 'releaseNamespace', message: text('cli.releaseNamespace', { namespace: AZUREML_RELEASE_NAMESPACE }) });
  }
}

function identityRules(req: CliRequest, errors: FieldMessage[], text: DomainText): void {
  if (!parseClusterId(req.clusterId)) {
    errors.push({ key: 'clusterId', message: text('cli.pickCluster') });
  }
  if (!EXTENSION_NAME_PATTERN.test(req.name)) {
    errors.push({ key: 'name', message: text('cli.extensionName') });
  }
  if (req.version && req.autoUpgradeMinorVersion !== false) {
    errors.push({ key: 'autoUpgradeMinorVersion', message: text('cli.pinNeedsManualUpgrades', { version: req.version }) });
  }
}

function tlsRules(req: CliRequest, get: Lookup, installedPemPair: boolean, errors: FieldMessage[], text: DomainText): void {
  const cert = ownValue(req.configurationProtectedSettings, SETTING.sslCertPemFile);
  const key = ownValue(req.configurationProtectedSettings, SETTING.sslKeyPemFile);
  const secret = get(SETTING.sslSecret);
  const insecure = parseBooleanSetting(get(SETTING.allowInsecureConnections)) === true;
  const before = errors.length;
  if (cert !== undefined || key !== undefined) {
    errors.push(...pemTextProblems(SETTING.sslCertPemFile, cert ?? '', 'certificate', text));
    errors.push(...pemTextProblems(SETTING.sslKeyPemFile, key ?? '', 'key', text));
  }
  if (secret !== undefined && secret.trim() === '') {
    errors.push({ key: SETTING.sslSecret, message: text('cli.secretNameMissing') });
  }
  const material = Boolean(cert && key) || Boolean(secret?.trim()) || installedPemPair;
  if (errors.length === before && !material && !insecure) {
    errors.push({ key: SETTING.allowInsecureConnections, message: text('cli.httpsMaterialMissing') });
  }
  if (material || cert !== undefined || secret !== undefined) {
    const cname = get(SETTING.sslCname)?.trim() ?? '';
    if (cname === '') errors.push({ key: SETTING.sslCname, message: text('cli.cnameMissing') });
    else if (!DNS_NAME.test(cname)) {
      const message = get.isProtected(SETTING.sslCname) ? text('cli.protectedValue.cnameInvalid') : text('cli.cnameInvalid', { cname });
      errors.push({ key: SETTING.sslCname, message });
    }
  }
}

function inferenceRules(req: CliRequest, get: Lookup, context: CliValidationContext & { clusterType?: ClusterType }, errors: FieldMessage[], text: DomainText): void {
  const { clusterType } = context;
  const rawType = get(SETTING.inferenceRouterServiceType);
  const serviceType = rawType === undefined ? null : normaliseServiceType(rawType);
  if (rawType === undefined) {
    errors.push({ key: SETTING.inferenceRouterServiceType, message: text('cli.serviceTypeMissing') });
  } else if (!serviceType) {
    const message = get.isProtected(SETTING.inferenceRouterServiceType)
      ? text('cli.protectedValue.serviceTypeInvalid')
      : text('cli.serviceTypeInvalid', { value: rawType });
    errors.push({ key: SETTING.inferenceRouterServiceType, message });
  }
  tlsRules(req, get, context.installedPemPair === true, errors, text);
  const provider = get(SETTING.internalLoadBalancerProvider);
  if (provider === undefined) return;
  if (provider.trim().toLowerCase() !== 'azure') {
    const message = get.isProtected(SETTING.internalLoadBalancerProvider)
      ? text('cli.protectedValue.internalLoadBalancerProvider')
      : text('cli.internalLoadBalancerProvider', { value: provider });
    errors.push({ key: SETTING.internalLoadBalancerProvider, message });
  } else if (serviceType === 'nodePort') {
    errors.push({ key: SETTING.internalLoadBalancerProvider, message: text('cli.internalLoadBalancerNodePort') });
  } else if (clusterType === 'connectedClusters') {
    errors.push({ key: SETTING.internalLoadBalancerProvider, message: text('cli.internalLoadBalancerArc') });
  }
}

function nodeSelectorRules(req: CliRequest, errors: FieldMessage[], text: DomainText): void {
  for (const [key, value] of Object.entries(req.configurationSettings)) {
    if (!key.startsWith(NODE_SELECTOR_PREFIX)) continue;
    const label = key.slice(NODE_SELECTOR_PREFIX.length);
    const problem = labelKeyProblem(label, text) ?? labelValueProblem(value, text);
    if (problem) errors.push({ key, message: text('cli.nodeSelector', { label: label || text('cli.emptyLabel'), value, problem }) });
  }
}

/**
 * Every rule of DOMAIN.md section 3 (1 to 8; the cryptographic half of rule 6 is `checkPemPair`).
 * Keys that differ from a known key only by case are errors naming the right spelling (the
 * `InferenceRouterHA` typo); unknown and legacy keys are warnings. Messages are in `text`'s
 * language (English by default, as the JSON API answers unless asked otherwise).
 */
export function validateCliRequest(req: CliRequest, context: CliValidationContext = {}, text: DomainText = englishText): CliValidationResult {
  const errors: FieldMessage[] = [];
  const warnings: FieldMessage[] = [];
  const get = lookupOf(req);
  const clusterType = context.clusterType ?? parseClusterId(req.clusterId)?.type;

  identityRules(req, errors, text);
  keyRules(req, errors, warnings, text);
  scopeRules(req, errors, text);
  booleanRules(get, errors, text);
  const training = parseBooleanSetting(get(SETTING.enableTraining)) === true;
  const inference = parseBooleanSetting(get(SETTING.enableInference)) === true;
  if (!training && !inference) {
    errors.push({ key: SETTING.enableTraining, message: text('cli.noWorkload') });
  }
  if (inference) inferenceRules(req, get, { ...context, clusterType }, errors, text);
  nodeSelectorRules(req, errors, text);
  return { errors, warnings };
}
