/**
 * The create-time rules of DOMAIN.md section 3, over a request in the CLI's vocabulary. The ONE
 * place these rules live: the wizard's schema converts its form to a `CliRequest` and calls
 * `validateCliRequest`; the API calls it on what it receives. Pure (browser included), so the PEM
 * rules here are the textual ones; the cryptographic ones are in `pem-checks.ts` (server).
 */
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
}

/** Each PEM (certificate chain or key) may be at most this many bytes: real ones are a few KiB. */
export const PEM_MAX_BYTES = 64 * 1024;
/** ARM and Terraform accept extension names of 1 to 253 letters, digits, `.` and `-`. */
export const EXTENSION_NAME_PATTERN = /^[A-Za-z0-9.-]{1,253}$/;

const KNOWN_EXACT = new Set<string>([...DOCUMENTED_SETTINGS, ...CLI_MANAGED_SETTINGS]);
const KNOWN_BY_LOWER = new Map([...KNOWN_EXACT].map((key) => [key.toLowerCase(), key]));

// Kubernetes label syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue).
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/;

/** Why a node-selector label key is invalid, or null. */
export function labelKeyProblem(key: string): string | null {
  if (key === '') return 'the label key is empty';
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `the prefix '${prefix}' must be a lower-case DNS subdomain (like example.com)`;
  }
  if (name.length > 63 || !LABEL_NAME.test(name)) {
    return 'a label name is at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit';
  }
  return null;
}

/** Why a node-selector label value is invalid, or null (empty values are valid labels). */
export function labelValueProblem(value: string): string | null {
  if (value === '') return null;
  if (value.length > 63 || !LABEL_NAME.test(value)) {
    return 'a label value is at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit';
  }
  return null;
}

const PEM_LABELS = { certificate: /-----BEGIN CERTIFICATE-----/, key: /-----BEGIN ((RSA |EC )?PRIVATE KEY|ENCRYPTED PRIVATE KEY)-----/ };

/**
 * The textual PEM rules (rule 6, the part a browser can check): present, ASCII only (the CLI
 * encodes them as ASCII), within `PEM_MAX_BYTES`, the right PEM block, and no encrypted key.
 * Messages never quote the PEM.
 */
export function pemTextProblems(key: string, pem: string, kind: 'certificate' | 'key'): FieldMessage[] {
  const what = kind === 'certificate' ? 'certificate' : 'private key';
  if (pem.trim() === '') return [{ key, message: `Provide the PEM ${what} (${key}).` }];
  if (new TextEncoder().encode(pem).length > PEM_MAX_BYTES) {
    return [{ key, message: `The ${what} is larger than ${PEM_MAX_BYTES / 1024} KiB; a PEM ${what} is a few KiB.` }];
  }
  if (/[^\x00-\x7F]/.test(pem)) {
    return [{ key, message: `The ${what} contains non-ASCII characters; the CLI and the extension read PEM files as ASCII. Save it as plain ASCII text.` }];
  }
  if (kind === 'key' && /ENCRYPTED/.test(pem)) {
    return [{ key, message: 'Passphrase-protected keys are not supported: export it without a passphrase with `openssl rsa -in key.pem -out key-nopass.pem`.' }];
  }
  if (!PEM_LABELS[kind].test(pem)) {
    return [{ key, message: `This is not a PEM ${what}: expected a "-----BEGIN ${kind === 'certificate' ? 'CERTIFICATE' : 'PRIVATE KEY'}-----" block.` }];
  }
  return [];
}

type Lookup = (key: string) => string | undefined;

function keyRules(req: CliRequest, errors: FieldMessage[], warnings: FieldMessage[]): void {
  const settings = Object.keys(req.configurationSettings);
  const protectedKeys = Object.keys(req.configurationProtectedSettings);
  for (const key of protectedKeys) {
    if (key in req.configurationSettings) {
      errors.push({ key, message: `${key} is set both as a setting and as a protected setting; set it once.` });
    }
  }
  for (const key of [...new Set([...settings, ...protectedKeys])]) {
    if (KNOWN_EXACT.has(key)) continue;
    if (key.startsWith(NODE_SELECTOR_PREFIX)) continue;
    const right = KNOWN_BY_LOWER.get(key.toLowerCase());
    const selectorCase = key.toLowerCase().startsWith(NODE_SELECTOR_PREFIX.toLowerCase());
    if (right || selectorCase) {
      const suggestion = right ?? `${NODE_SELECTOR_PREFIX}${key.slice(NODE_SELECTOR_PREFIX.length)}`;
      errors.push({ key, message: `${key} is not a setting; did you mean ${suggestion}? Keys are case-sensitive.` });
    } else if (LEGACY_SETTINGS[key]) {
      warnings.push({ key, message: LEGACY_SETTINGS[key] });
    } else {
      warnings.push({ key, message: `${key} is not a documented AzureML extension setting; it is passed to the extension unchanged.` });
    }
  }
  for (const key of [SETTING.sslCertPemFile, SETTING.sslKeyPemFile]) {
    if (key in req.configurationSettings) {
      errors.push({ key, message: `${key} must be a protected setting (--config-protected): it carries the certificate or private key.` });
    }
  }
}

function booleanRules(get: Lookup, errors: FieldMessage[]): void {
  for (const key of BOOLEAN_SETTINGS) {
    const value = get(key);
    if (value !== undefined && parseBooleanSetting(value) === undefined) {
      errors.push({ key, message: `${key} must be True or False (any case), not '${value}'.` });
    }
  }
}

function scopeRules(req: CliRequest, errors: FieldMessage[]): void {
  if (req.scope !== undefined && req.scope.toLowerCase() !== 'cluster') {
    errors.push({ key: 'scope', message: `The AzureML extension installs only at cluster scope, not '${req.scope}'.` });
  }
  if (req.releaseNamespace !== undefined && req.releaseNamespace !== AZUREML_RELEASE_NAMESPACE) {
    errors.push({ key: 'releaseNamespace', message: `The AzureML extension always installs into the ${AZUREML_RELEASE_NAMESPACE} namespace.` });
  }
}

function identityRules(req: CliRequest, errors: FieldMessage[]): void {
  if (!parseClusterId(req.clusterId)) {
    errors.push({ key: 'clusterId', message: 'Pick an AKS or Arc-enabled Kubernetes cluster.' });
  }
  if (!EXTENSION_NAME_PATTERN.test(req.name)) {
    errors.push({ key: 'name', message: 'The extension name must be 1 to 253 letters, digits, dots or hyphens.' });
  }
  if (req.version && req.autoUpgradeMinorVersion !== false) {
    errors.push({ key: 'autoUpgradeMinorVersion', message: `Pinning version ${req.version} requires turning off automatic minor-version upgrades (autoUpgradeMinorVersion=false).` });
  }
}

function tlsRules(req: CliRequest, get: Lookup, errors: FieldMessage[]): void {
  const cert = req.configurationProtectedSettings[SETTING.sslCertPemFile];
  const key = req.configurationProtectedSettings[SETTING.sslKeyPemFile];
  const secret = get(SETTING.sslSecret);
  const insecure = parseBooleanSetting(get(SETTING.allowInsecureConnections)) === true;
  const before = errors.length;
  if (cert !== undefined || key !== undefined) {
    errors.push(...pemTextProblems(SETTING.sslCertPemFile, cert ?? '', 'certificate'));
    errors.push(...pemTextProblems(SETTING.sslKeyPemFile, key ?? '', 'key'));
  }
  if (secret !== undefined && secret.trim() === '') {
    errors.push({ key: SETTING.sslSecret, message: 'Name the Kubernetes secret in the azureml namespace that holds cert.pem and key.pem.' });
  }
  const material = Boolean(cert && key) || Boolean(secret?.trim());
  if (errors.length === before && !material && !insecure) {
    errors.push({
      key: SETTING.allowInsecureConnections,
      message: 'Inference needs HTTPS material: a PEM certificate and key (sslCertPemFile, sslKeyPemFile) or a Kubernetes secret (sslSecret). For HTTP only (dev/test), set allowInsecureConnections=True.',
    });
  }
  if (material || cert !== undefined || secret !== undefined) {
    const cname = get(SETTING.sslCname)?.trim() ?? '';
    if (cname === '') errors.push({ key: SETTING.sslCname, message: 'HTTPS needs sslCname: the host name the endpoint serves, which the certificate must cover.' });
    else if (!DNS_NAME.test(cname)) errors.push({ key: SETTING.sslCname, message: `'${cname}' is not a host name (like ml.contoso.com).` });
  }
}

function inferenceRules(req: CliRequest, get: Lookup, clusterType: ClusterType | undefined, errors: FieldMessage[]): void {
  const rawType = get(SETTING.inferenceRouterServiceType);
  const serviceType = rawType === undefined ? null : normaliseServiceType(rawType);
  if (!serviceType) {
    errors.push({
      key: SETTING.inferenceRouterServiceType,
      message: rawType === undefined
        ? 'Inference needs inferenceRouterServiceType: loadBalancer, nodePort or clusterIP.'
        : `inferenceRouterServiceType must be loadBalancer, nodePort or clusterIP, not '${rawType}'.`,
    });
  }
  tlsRules(req, get, errors);
  const provider = get(SETTING.internalLoadBalancerProvider);
  if (provider === undefined) return;
  if (provider.trim().toLowerCase() !== 'azure') {
    errors.push({ key: SETTING.internalLoadBalancerProvider, message: `internalLoadBalancerProvider supports only 'azure', not '${provider}'.` });
  } else if (serviceType === 'nodePort') {
    errors.push({ key: SETTING.internalLoadBalancerProvider, message: 'An internal load balancer does not apply to nodePort: choose loadBalancer, or drop internalLoadBalancerProvider.' });
  } else if (clusterType === 'connectedClusters') {
    errors.push({ key: SETTING.internalLoadBalancerProvider, message: 'The internal load balancer (internalLoadBalancerProvider=azure) works on AKS only; the install fails its health check with E40003 on Arc clusters.' });
  }
}

function nodeSelectorRules(req: CliRequest, errors: FieldMessage[]): void {
  for (const [key, value] of Object.entries(req.configurationSettings)) {
    if (!key.startsWith(NODE_SELECTOR_PREFIX)) continue;
    const label = key.slice(NODE_SELECTOR_PREFIX.length);
    const problem = labelKeyProblem(label) ?? labelValueProblem(value);
    if (problem) errors.push({ key, message: `Node selector ${label || '(empty)'}=${value}: ${problem}.` });
  }
}

/**
 * Every rule of DOMAIN.md section 3 (1 to 8; the cryptographic half of rule 6 is `checkPemPair`).
 * Keys that differ from a known key only by case are errors naming the right spelling (the
 * `InferenceRouterHA` typo); unknown and legacy keys are warnings.
 */
export function validateCliRequest(req: CliRequest, context: CliValidationContext = {}): CliValidationResult {
  const errors: FieldMessage[] = [];
  const warnings: FieldMessage[] = [];
  // The CLI reads most settings from either map (settings first), so the rules do too.
  const get: Lookup = (key) => req.configurationSettings[key] ?? req.configurationProtectedSettings[key];
  const clusterType = context.clusterType ?? parseClusterId(req.clusterId)?.type;

  identityRules(req, errors);
  keyRules(req, errors, warnings);
  scopeRules(req, errors);
  booleanRules(get, errors);
  const training = parseBooleanSetting(get(SETTING.enableTraining)) === true;
  const inference = parseBooleanSetting(get(SETTING.enableInference)) === true;
  if (!training && !inference) {
    errors.push({ key: SETTING.enableTraining, message: 'Turn on training, inference or both (enableTraining=True and/or enableInference=True).' });
  }
  if (inference) inferenceRules(req, get, clusterType, errors);
  nodeSelectorRules(req, errors);
  return { errors, warnings };
}
