/**
 * The CLI vocabulary: what `az k8s-extension create --config k=v --config-protected k=v` takes,
 * and the translation between it and the wizard's form. The API speaks this vocabulary (so a
 * pasted CLI command and the wizard reach the same validation and the same ARM body). Pure.
 */
import { z } from 'zod';

// Before any schema below is built: no eval probe under the strict CSP (see the module).
import '@/lib/security/zod-jitless';

import type { DomainMessageKey, DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import type { DeployForm } from './deploy-schema';
import { MAX_SETTING_KEY_LENGTH, settingsRecordSchema } from './setting-keys';
import {
  AZUREML_EXTENSION_TYPE,
  AZUREML_RELEASE_NAMESPACE,
  DEFAULT_RELEASE_TRAIN,
  INSTALL_FLAGS,
  NODE_SELECTOR_PREFIX,
  SERVICE_TYPES,
  SETTING,
  booleanDefault,
  parseBooleanSetting,
  settingsWhere,
  type ServiceType,
  type SettingEntry,
} from './settings-catalog';

export { MAX_SETTING_KEY_LENGTH };

// Defined once in the settings catalog; re-exported so the callers of this module's names keep them.
export { AZUREML_EXTENSION_TYPE, AZUREML_RELEASE_NAMESPACE, DEFAULT_RELEASE_TRAIN, NODE_SELECTOR_PREFIX, SERVICE_TYPES, SETTING, parseBooleanSetting };
export type { ServiceType };
/** Keeps a request small enough to validate and log-free to reject; ARM itself allows more. */
export const MAX_SETTINGS_PER_MAP = 200;
/** Generous structural bound: a full-chain PEM is checked against its own, smaller limit. */
export const MAX_SETTING_VALUE_LENGTH = 128 * 1024;
export const MAX_RELEASE_TRAIN_LENGTH = 64;
/** A release train is a name: `stable`, `preview`, `Stable`. */
export const RELEASE_TRAIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Semantic Versioning 2.0.0 (semver.org's own expression): `1.2.3`, `1.2.3-preview.1`, `1.2.3+build.5`. */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * `releaseTrain` and `version` as both the create and the update schema check them, in `text`'s
 * language. An empty string is "not given" (the default train, no pinned version), as the form
 * and the ARM body builder read it.
 */
export function releaseFieldSchemasFor(text: DomainText) {
  return {
    releaseTrain: z
      .string()
      .max(MAX_RELEASE_TRAIN_LENGTH)
      .refine((train) => train === '' || RELEASE_TRAIN_PATTERN.test(train), text('cli.releaseTrainInvalid', { max: MAX_RELEASE_TRAIN_LENGTH })),
    version: z.string().max(64).refine((version) => version === '' || SEMVER_PATTERN.test(version), text('cli.versionInvalid')),
  };
}

/** Settings whose value is a boolean (section 2); the extension reads `True`/`true`/`TRUE` alike. */
export const BOOLEAN_SETTINGS: readonly string[] = keysWhere((entry) => entry.source === 'user' && entry.kind === 'boolean');

/** The user-facing settings of DOMAIN.md section 2 (protected PEM keys included, the node-selector prefix aside). */
export const DOCUMENTED_SETTINGS: readonly string[] = Object.values(SETTING);

/**
 * Keys the CLI itself reads or writes (section 4, AzureMLKubernetes.py). Users rarely pass them, but
 * they are real, so they are neither "unknown" nor case typos of something else.
 */
export const CLI_MANAGED_SETTINGS: readonly string[] = keysWhere((entry) => entry.source === 'cli');

/** Old names still found on existing extensions, and the message (lib/i18n/messages/<lang>/cli.json) saying what replaced them. */
export const LEGACY_SETTINGS: Readonly<Record<string, DomainMessageKey>> = Object.fromEntries(
  settingsWhere(() => true).flatMap((entry) => (entry.legacyNames ?? []).map(({ name, message }) => [name, message])),
);

function keysWhere(test: (entry: SettingEntry) => boolean): string[] {
  return settingsWhere(test).map((entry) => entry.key);
}

/** `LoadBalancer`, `loadbalancer`, ... → `loadBalancer`; null when it is none of the three. */
export function normaliseServiceType(value: string): ServiceType | null {
  return SERVICE_TYPES.find((type) => type.toLowerCase() === value.trim().toLowerCase()) ?? null;
}

/** Python's spelling, which is what the CLI writes for booleans it computes. */
export function pythonBool(value: boolean): 'True' | 'False' {
  return value ? 'True' : 'False';
}

/** A create request in the CLI's vocabulary: what the API accepts. */
export interface CliRequest {
  /** Full ARM id of the AKS or Arc cluster. */
  clusterId: string;
  /** Extension name (`--name`). */
  name: string;
  configurationSettings: Record<string, string>;
  /** PEM text (not file paths) under `sslCertPemFile`/`sslKeyPemFile`. Never logged or returned. */
  configurationProtectedSettings: Record<string, string>;
  releaseTrain?: string;
  /** Pinned version; needs `autoUpgradeMinorVersion: false`. */
  version?: string;
  autoUpgradeMinorVersion?: boolean;
  /** `--scope`; only `cluster` is valid. Kept so an imported `--scope namespace` can be refused. */
  scope?: string;
  /** `--release-namespace`; only `azureml` is valid. */
  releaseNamespace?: string;
}

/**
 * Structural check of an API body (the domain rules are in `cli-validation.ts`). Its one message of
 * its own is in `text`'s language; zod's messages (wrong type, too long) are zod's, which the API
 * translates per parse (lib/api/zod-locale.ts).
 */
export function cliRequestSchemaFor(text: DomainText) {
  const release = releaseFieldSchemasFor(text);
  const settingsMapSchema = settingsRecordSchema(z.string().max(MAX_SETTING_VALUE_LENGTH), text)
    .refine((map) => Object.keys(map).length <= MAX_SETTINGS_PER_MAP, text('cli.tooManySettings', { max: MAX_SETTINGS_PER_MAP }));
  return z.object({
    clusterId: z.string().max(1024),
    name: z.string().max(1024),
    configurationSettings: settingsMapSchema.default({}),
    configurationProtectedSettings: settingsMapSchema.default({}),
    releaseTrain: release.releaseTrain.optional(),
    version: release.version.optional(),
    autoUpgradeMinorVersion: z.boolean().optional(),
    scope: z.string().max(64).optional(),
    releaseNamespace: z.string().max(253).optional(),
  }) satisfies z.ZodType<CliRequest, unknown>;
}

/** {@link cliRequestSchemaFor} in English. */
export const cliRequestSchema = cliRequestSchemaFor(englishText);

/**
 * The wizard's answers as a CLI request. Only what the user chose is written (inference keys only
 * with inference on; install flags (`INSTALL_FLAGS`) and router HA only when they differ from the extension's
 * defaults in the catalog), so the equivalent `az` command stays short and the CLI's small-cluster default for
 * HA still applies. Empty TLS strings are written as given, so validation can
 * say which one is missing; blank node-selector rows are dropped (leftovers of "add row").
 */
export function formToCliRequest(form: DeployForm): CliRequest {
  const training = form.workload !== 'inference';
  const inference = form.workload !== 'training';
  const settings: Record<string, string> = {
    [SETTING.enableTraining]: pythonBool(training),
    [SETTING.enableInference]: pythonBool(inference),
  };
  const protectedSettings: Record<string, string> = {};
  if (inference) {
    settings[SETTING.inferenceRouterServiceType] = form.serviceType;
    if (form.internalLoadBalancer) settings[SETTING.internalLoadBalancerProvider] = 'azure';
    // Only "off" (a change from the default) is written: left unset, the CLI turns HA off by itself on small clusters.
    if (form.inferenceRouterHA !== booleanDefault(SETTING.inferenceRouterHA)) settings[SETTING.inferenceRouterHA] = pythonBool(form.inferenceRouterHA);
    const tls = form.tls;
    if (tls.mode === 'insecure') settings[SETTING.allowInsecureConnections] = pythonBool(true);
    if (tls.mode === 'secret') settings[SETTING.sslSecret] = tls.sslSecret.trim();
    if (tls.mode === 'pem') {
      protectedSettings[SETTING.sslCertPemFile] = tls.certPem;
      protectedSettings[SETTING.sslKeyPemFile] = tls.keyPem;
    }
    if (tls.mode !== 'insecure') settings[SETTING.sslCname] = tls.sslCname.trim();
  }
  for (const { key, value } of form.nodeSelector) {
    if (key.trim() === '' && value.trim() === '') continue;
    settings[`${NODE_SELECTOR_PREFIX}${key.trim()}`] = value.trim();
  }
  for (const flag of INSTALL_FLAGS) {
    if (form[flag] !== booleanDefault(flag)) settings[flag] = pythonBool(form[flag]);
  }
  const version = form.version.trim();
  return {
    clusterId: form.clusterId,
    name: form.extensionName.trim(),
    configurationSettings: settings,
    configurationProtectedSettings: protectedSettings,
    releaseTrain: form.releaseTrain.trim() || DEFAULT_RELEASE_TRAIN,
    ...(version ? { version } : {}),
    autoUpgradeMinorVersion: form.autoUpgradeMinorVersion,
  };
}

/** Keys `cliRequestToForm` turns into form fields; anything else is reported as unknown. */
const FORM_MAPPED_SETTINGS = new Set<string>([...DOCUMENTED_SETTINGS]);

function looksLikePemText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('-----BEGIN');
}

function tlsFromSettings(all: Record<string, string>): DeployForm['tls'] | undefined {
  const sslCname = all[SETTING.sslCname] ?? '';
  const cert = all[SETTING.sslCertPemFile];
  const key = all[SETTING.sslKeyPemFile];
  if (parseBooleanSetting(all[SETTING.allowInsecureConnections])) return { mode: 'insecure' };
  // A pasted command names local files; the browser cannot read them, so the user re-uploads.
  if (cert !== undefined || key !== undefined) {
    return { mode: 'pem', certPem: looksLikePemText(cert) ? cert : '', keyPem: looksLikePemText(key) ? key : '', sslCname };
  }
  if (all[SETTING.sslSecret] !== undefined) return { mode: 'secret', sslSecret: all[SETTING.sslSecret], sslCname };
  return undefined;
}

function workloadFrom(all: Record<string, string>): DeployForm['workload'] | undefined {
  const training = parseBooleanSetting(all[SETTING.enableTraining]) ?? false;
  const inference = parseBooleanSetting(all[SETTING.enableInference]) ?? false;
  if (training && inference) return 'both';
  if (training) return 'training';
  if (inference) return 'inference';
  return undefined;
}

/**
 * A CLI request (typically imported from a pasted command) as form values. Settings the form
 * cannot show are listed in `unknownKeys` so the UI can say they were not carried over.
 */
export function cliRequestToForm(req: Partial<CliRequest>): { form: Partial<DeployForm>; unknownKeys: string[] } {
  const all = { ...(req.configurationSettings ?? {}), ...(req.configurationProtectedSettings ?? {}) };
  const form: Partial<DeployForm> = {};
  if (req.clusterId) form.clusterId = req.clusterId;
  if (req.name) form.extensionName = req.name;
  const workload = workloadFrom(all);
  if (workload) form.workload = workload;
  const serviceType = all[SETTING.inferenceRouterServiceType] && normaliseServiceType(all[SETTING.inferenceRouterServiceType]);
  if (serviceType) form.serviceType = serviceType;
  // With a router type given, no provider means a public load balancer (the form's "off").
  if (serviceType || all[SETTING.internalLoadBalancerProvider] !== undefined) {
    form.internalLoadBalancer = (all[SETTING.internalLoadBalancerProvider] ?? '').trim().toLowerCase() === 'azure';
  }
  const ha = parseBooleanSetting(all[SETTING.inferenceRouterHA]);
  if (ha !== undefined) form.inferenceRouterHA = ha;
  const tls = tlsFromSettings(all);
  if (tls) form.tls = tls;
  for (const flag of INSTALL_FLAGS) {
    const value = parseBooleanSetting(all[flag]);
    if (value !== undefined) form[flag] = value;
  }
  const nodeSelector = Object.entries(all)
    .filter(([key]) => key.startsWith(NODE_SELECTOR_PREFIX))
    .map(([key, value]) => ({ key: key.slice(NODE_SELECTOR_PREFIX.length), value }));
  if (nodeSelector.length > 0) form.nodeSelector = nodeSelector;
  if (req.releaseTrain) form.releaseTrain = req.releaseTrain;
  if (req.version !== undefined) form.version = req.version;
  if (req.autoUpgradeMinorVersion !== undefined) form.autoUpgradeMinorVersion = req.autoUpgradeMinorVersion;
  const unknownKeys = Object.keys(all).filter((key) => !FORM_MAPPED_SETTINGS.has(key) && !key.startsWith(NODE_SELECTOR_PREFIX));
  return { form, unknownKeys };
}
