/**
 * The one catalog of the extension's settings: every key of DOMAIN.md section 2 (what a person
 * chooses) and section 4 (what `az k8s-extension create` computes or reads), once, with its type,
 * the default the extension reads when the key is absent, the workloads it applies to, whether it
 * is protected, the wizard field it maps to, its label and help, its legacy names and what an
 * update changing it does. The limits and constants those rules share live here too, and the one
 * boolean parser. Everything else (the CLI vocabulary, validation, the form schema, update impacts,
 * expected components, the IaC export) derives from this file. Pure, browser-safe.
 */
import type { DomainMessageKey } from '@/lib/i18n/domain-text';

import type { ClusterType } from './cluster';
import type { DeployForm } from './deploy-schema';
import { ownValue } from './own-keys';

/** The extension type the portal installs (ARM compares it case-insensitively). */
export const AZUREML_EXTENSION_TYPE = 'Microsoft.AzureML.Kubernetes';
/** The only release namespace the CLI allows (it overwrites whatever the user passes). */
export const AZUREML_RELEASE_NAMESPACE = 'azureml';
/** `--release-train` when none is given. */
export const DEFAULT_RELEASE_TRAIN = 'stable';
/** The release trains the wizard offers (Microsoft's docs name these two; ARM compares them case-insensitively). */
export const RELEASE_TRAINS = [DEFAULT_RELEASE_TRAIN, 'preview'] as const;
/**
 * `inferenceRouterHA` runs 3 router replicas, one per node: fewer nodes fail the health check
 * (E40002), and below this many nodes the CLI turns HA off and sets `clusterPurpose=DevTest`.
 */
export const HA_MIN_NODES = 3;
/** Each PEM (certificate chain or key) may be at most this many bytes: real ones are a few KiB. */
export const PEM_MAX_BYTES = 64 * 1024;
/** The three router service types, in the spelling the portal writes. */
export const SERVICE_TYPES = ['loadBalancer', 'nodePort', 'clusterIP'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
/** `nodeSelector.<label key>=<label value>`. */
export const NODE_SELECTOR_PREFIX = 'nodeSelector.';

/** How a value is read. `prefix`: the key is a prefix followed by a name (`nodeSelector.<label>`). */
export type SettingKind = 'boolean' | 'enum' | 'string' | 'pem' | 'prefix';
export type SettingWorkload = 'training' | 'inference';

type TlsFieldName = DeployForm['tls'] extends infer T ? (T extends unknown ? keyof T & string : never) : never;
/** A field of the wizard's form, as react-hook-form names it (`serviceType`, `tls.sslCname`). */
export type FormFieldPath = Exclude<keyof DeployForm, 'tls'> | `tls.${TlsFieldName}`;

/** What an update that changes the setting does to running work (DOMAIN.md section 5), and the message saying so. */
export interface SettingImpact {
  /** `switchOff`: only turning it off matters; `change`: any change of value. */
  when: 'switchOff' | 'change';
  message: DomainMessageKey;
}

/** An old name still found on existing extensions, and what to tell the person. */
export interface LegacyName {
  name: string;
  /** Said when the name is passed (validation, import). */
  message: DomainMessageKey;
}

/** One setting. */
export interface SettingEntry {
  /** Spelled exactly as the extension reads it (keys are case-sensitive). */
  key: string;
  /** CLI keys that are not identifiers: a TypeScript name for `CLI_SETTING` (`scoringFe.sslCert` → `scoringFeSslCert`). */
  id?: string;
  kind: SettingKind;
  /** `user`: DOMAIN.md section 2, a choice of the person; `cli`: section 4, computed or read by the CLI. */
  source: 'user' | 'cli';
  /** The values an `enum` takes. */
  values?: readonly string[];
  /** Values compare in any case (`LoadBalancer` = `loadBalancer`). */
  anyCase?: boolean;
  /**
   * What the extension reads when the key is absent, as the CLI would write it; per cluster type
   * where the CLI's default depends on it. Absent: no default (required, or nothing happens).
   */
  default?: string | Readonly<Record<ClusterType, string>>;
  /** The value an update writes to turn a boolean off (ARM PATCH values are strings: a key cannot be removed). */
  offValue?: 'False';
  /** The workloads it applies to. */
  workloads: readonly SettingWorkload[];
  /** The cluster type it applies to, when only one. */
  clusterType?: ClusterType;
  /** When and why `az k8s-extension create` writes it itself. */
  computedByCli?: DomainMessageKey;
  /** Belongs in `configurationProtectedSettings` (write-only; never read back, logged or shown). */
  protected: boolean;
  /** The wizard field a message about this key is shown at. */
  formField?: FormFieldPath;
  /** The wizard step that asks for it. */
  step?: 'workload' | 'router' | 'advanced';
  /** Page message keys (lib/i18n/messages/<lang>/deploy.json) of the field's label and help. */
  labelKey?: `deploy.${string}`;
  helpKey?: `deploy.${string}`;
  legacyNames?: readonly LegacyName[];
  /** What an update changing it does to running work. */
  impact?: SettingImpact;
  /** Bicep/Terraform: what to pass for a protected key the CLI computes (English, as the exports are). */
  exportHint?: string;
}

const RELAY_SECRET_HINT = 'primary connection string of the azureml_rw rule of the Azure Relay hybrid connection';
const BOTH: readonly SettingWorkload[] = ['training', 'inference'];
const INFERENCE: readonly SettingWorkload[] = ['inference'];
const TRAINING: readonly SettingWorkload[] = ['training'];

/**
 * Every setting, in the order of DOMAIN.md section 2, then section 4. The order is the order
 * validation reports booleans in and update impacts are listed in.
 */
export const SETTINGS_CATALOG = [
  // Section 2: user-facing.
  {
    key: 'enableTraining', kind: 'boolean', source: 'user', default: 'False', offValue: 'False', workloads: TRAINING,
    computedByCli: 'cli.computed.workloadFlags', protected: false, formField: 'workload', step: 'workload',
    labelKey: 'deploy.workload.training', helpKey: 'deploy.workload.trainingExplanation',
    impact: { when: 'switchOff', message: 'impact.enableTraining' },
  },
  {
    key: 'enableInference', kind: 'boolean', source: 'user', default: 'False', offValue: 'False', workloads: INFERENCE,
    computedByCli: 'cli.computed.workloadFlags', protected: false, formField: 'workload', step: 'workload',
    labelKey: 'deploy.workload.inference', helpKey: 'deploy.workload.inferenceExplanation',
    impact: { when: 'switchOff', message: 'impact.enableInference' },
  },
  {
    key: 'allowInsecureConnections', kind: 'boolean', source: 'user', default: 'False', offValue: 'False', workloads: INFERENCE,
    protected: false, formField: 'tls.mode', step: 'router', labelKey: 'deploy.tls.insecure', helpKey: 'deploy.tls.insecureExplanation',
    impact: { when: 'change', message: 'impact.allowInsecureConnections' },
  },
  {
    key: 'inferenceRouterServiceType', kind: 'enum', source: 'user', values: SERVICE_TYPES, anyCase: true, workloads: INFERENCE,
    protected: false, formField: 'serviceType', step: 'router', labelKey: 'deploy.router.serviceTypeLabel',
    legacyNames: [{ name: 'privateEndpointNodeport', message: 'cli.legacy.privateEndpointNodeport' }],
    impact: { when: 'change', message: 'impact.inferenceRouterServiceType' },
  },
  {
    key: 'internalLoadBalancerProvider', kind: 'enum', source: 'user', values: ['azure'], anyCase: true, workloads: INFERENCE,
    clusterType: 'managedClusters', protected: false, formField: 'internalLoadBalancer', step: 'router',
    labelKey: 'deploy.router.internalLoadBalancer', helpKey: 'deploy.router.internalLoadBalancerHint',
    legacyNames: [{ name: 'privateEndpointILB', message: 'cli.legacy.privateEndpointILB' }],
    impact: { when: 'change', message: 'impact.internalLoadBalancerProvider' },
  },
  {
    key: 'sslSecret', kind: 'string', source: 'user', workloads: INFERENCE, protected: false, formField: 'tls.sslSecret', step: 'router',
    labelKey: 'deploy.tls.secretName', helpKey: 'deploy.tls.secretNameHint',
  },
  {
    key: 'sslCname', kind: 'string', source: 'user', workloads: INFERENCE, protected: false, formField: 'tls.sslCname', step: 'router',
    labelKey: 'deploy.tls.sslCname', helpKey: 'deploy.tls.sslCnameHint',
    impact: { when: 'change', message: 'impact.sslCname' },
  },
  {
    key: 'inferenceRouterHA', kind: 'boolean', source: 'user', default: 'True', offValue: 'False', workloads: INFERENCE,
    computedByCli: 'cli.computed.smallCluster', protected: false, formField: 'inferenceRouterHA', step: 'router',
    labelKey: 'deploy.router.highAvailability', helpKey: 'deploy.router.haHint',
    legacyNames: [{ name: 'inferenceLoadBalancerHA', message: 'cli.legacy.inferenceLoadBalancerHA' }],
  },
  {
    key: NODE_SELECTOR_PREFIX, kind: 'prefix', source: 'user', workloads: BOTH, protected: false, formField: 'nodeSelector', step: 'advanced',
    labelKey: 'deploy.advanced.nodeSelector', helpKey: 'deploy.advanced.nodeSelectorDescription',
  },
  {
    key: 'installNvidiaDevicePlugin', kind: 'boolean', source: 'user', default: 'False', offValue: 'False', workloads: BOTH,
    protected: false, formField: 'installNvidiaDevicePlugin', step: 'advanced',
    labelKey: 'deploy.advanced.installNvidiaDevicePlugin', helpKey: 'deploy.advanced.installNvidiaDevicePluginHint',
    impact: { when: 'switchOff', message: 'impact.installNvidiaDevicePlugin' },
  },
  {
    key: 'installPromOp', kind: 'boolean', source: 'user', default: 'True', offValue: 'False', workloads: BOTH,
    protected: false, formField: 'installPromOp', step: 'advanced',
    labelKey: 'deploy.advanced.installPromOp', helpKey: 'deploy.advanced.installPromOpHint',
  },
  {
    key: 'installVolcano', kind: 'boolean', source: 'user', default: 'True', offValue: 'False', workloads: TRAINING,
    protected: false, formField: 'installVolcano', step: 'advanced',
    labelKey: 'deploy.advanced.installVolcano', helpKey: 'deploy.advanced.installVolcanoHint',
  },
  {
    key: 'installDcgmExporter', kind: 'boolean', source: 'user', default: 'False', offValue: 'False', workloads: BOTH,
    protected: false, formField: 'installDcgmExporter', step: 'advanced',
    labelKey: 'deploy.advanced.installDcgmExporter', helpKey: 'deploy.advanced.installDcgmExporterHint',
  },
  {
    key: 'sslCertPemFile', kind: 'pem', source: 'user', workloads: INFERENCE, protected: true, formField: 'tls.certPem', step: 'router',
    labelKey: 'deploy.tls.certificate',
  },
  {
    key: 'sslKeyPemFile', kind: 'pem', source: 'user', workloads: INFERENCE, protected: true, formField: 'tls.keyPem', step: 'router',
    labelKey: 'deploy.tls.privateKey',
  },
  // Section 4: computed or read by the CLI (AzureMLKubernetes.py).
  { key: 'clusterPurpose', kind: 'string', source: 'cli', workloads: BOTH, computedByCli: 'cli.computed.smallCluster', protected: false },
  { key: 'cluster_name', id: 'clusterName', kind: 'string', source: 'cli', workloads: BOTH, computedByCli: 'cli.computed.clusterId', protected: false },
  { key: 'clusterId', kind: 'string', source: 'cli', workloads: BOTH, computedByCli: 'cli.computed.clusterId', protected: false },
  { key: 'cluster_name_friendly', id: 'clusterNameFriendly', kind: 'string', source: 'cli', workloads: BOTH, computedByCli: 'cli.computed.clusterName', protected: false },
  {
    key: 'prometheus.prometheusSpec.externalLabels.cluster_name', id: 'prometheusClusterName', kind: 'string', source: 'cli', workloads: BOTH,
    computedByCli: 'cli.computed.clusterId', protected: false,
  },
  { key: 'location', kind: 'string', source: 'cli', workloads: BOTH, computedByCli: 'cli.computed.location', protected: false },
  { key: 'jobSchedulerLocation', kind: 'string', source: 'cli', workloads: BOTH, computedByCli: 'cli.computed.location', protected: false },
  { key: 'domain', kind: 'string', source: 'cli', workloads: BOTH, computedByCli: 'cli.computed.domain', protected: false },
  {
    key: 'openshift', kind: 'boolean', source: 'cli', default: 'false', workloads: BOTH, clusterType: 'connectedClusters',
    computedByCli: 'cli.computed.openshift', protected: false,
  },
  {
    key: 'servicebus.enabled', id: 'servicebusEnabled', kind: 'boolean', source: 'cli', default: 'false', workloads: BOTH,
    computedByCli: 'cli.computed.servicebus', protected: false,
  },
  {
    key: 'relayserver.enabled', id: 'relayEnabled', kind: 'boolean', source: 'cli', default: { managedClusters: 'false', connectedClusters: 'true' },
    workloads: BOTH, computedByCli: 'cli.computed.relayEnabled', protected: false,
  },
  {
    key: 'nginxIngress.enabled', id: 'nginxIngressEnabled', kind: 'boolean', source: 'cli', default: { managedClusters: 'true', connectedClusters: 'false' },
    workloads: INFERENCE, computedByCli: 'cli.computed.nginxIngress', protected: false,
  },
  { key: 'logAnalyticsWS', kind: 'boolean', source: 'cli', workloads: BOTH, protected: false },
  { key: 'isAKSMigration', kind: 'boolean', source: 'cli', workloads: INFERENCE, protected: false },
  {
    key: 'relayServerConnectionString', kind: 'string', source: 'cli', workloads: BOTH, clusterType: 'connectedClusters',
    computedByCli: 'cli.computed.relayConnection', protected: true, exportHint: RELAY_SECRET_HINT,
  },
  {
    key: 'relayserver.relayConnectionString', id: 'relayConnectionString', kind: 'string', source: 'cli', workloads: BOTH, clusterType: 'connectedClusters',
    computedByCli: 'cli.computed.relayConnection', protected: true, exportHint: RELAY_SECRET_HINT,
  },
  {
    key: 'relayserver.hybridConnectionResourceID', id: 'relayHybridConnectionResourceId', kind: 'string', source: 'cli', workloads: BOTH,
    clusterType: 'connectedClusters', computedByCli: 'cli.computed.relayHybridConnection', protected: false,
  },
  {
    key: 'relayserver.hybridConnectionName', id: 'relayHybridConnectionName', kind: 'string', source: 'cli', workloads: BOTH,
    clusterType: 'connectedClusters', computedByCli: 'cli.computed.relayHybridConnection', protected: false,
  },
  { key: 'serviceBusConnectionString', kind: 'string', source: 'cli', workloads: BOTH, protected: true },
  {
    key: 'scoringFe.sslSecret', id: 'scoringFeSslSecret', kind: 'string', source: 'cli', workloads: INFERENCE,
    computedByCli: 'cli.computed.sslSecret', protected: false,
  },
  {
    key: 'scoringFe.sslCert', id: 'scoringFeSslCert', kind: 'pem', source: 'cli', workloads: INFERENCE, computedByCli: 'cli.computed.sslPem',
    protected: true, exportHint: 'standard base64 of the certificate PEM file (full chain)',
  },
  {
    key: 'scoringFe.sslKey', id: 'scoringFeSslKey', kind: 'pem', source: 'cli', workloads: INFERENCE, computedByCli: 'cli.computed.sslPem',
    protected: true, exportHint: 'standard base64 of the unencrypted private key PEM file',
  },
  {
    key: 'scoringFe.serviceType.nodePort', id: 'scoringFeNodePort', kind: 'boolean', source: 'cli', default: 'False', offValue: 'False',
    workloads: INFERENCE, computedByCli: 'cli.computed.nodePort', protected: false,
  },
  {
    key: 'scoringFe.serviceType.internalLoadBalancer', id: 'scoringFeInternalLoadBalancer', kind: 'boolean', source: 'cli', default: 'False',
    offValue: 'False', workloads: INFERENCE, computedByCli: 'cli.computed.internalLoadBalancer', protected: false,
  },
] as const satisfies readonly SettingEntry[];

type Entry = (typeof SETTINGS_CATALOG)[number];
type UserEntry = Exclude<Extract<Entry, { source: 'user' }>, { kind: 'prefix' }>;
type CliEntry = Extract<Entry, { source: 'cli' }>;
/** A key of the catalog (the node-selector prefix included). */
export type CatalogKey = Entry['key'];

const ENTRIES: readonly SettingEntry[] = SETTINGS_CATALOG;
const BY_KEY: Readonly<Record<string, SettingEntry>> = Object.fromEntries(ENTRIES.map((entry) => [entry.key, entry]));

/** The user-facing settings of section 2 by name (the node-selector prefix aside), spelled as the extension reads them. */
export const SETTING = Object.fromEntries(
  ENTRIES.filter((entry) => entry.source === 'user' && entry.kind !== 'prefix').map((entry) => [entry.key, entry.key]),
) as { readonly [E in UserEntry as E['key']]: E['key'] };

/** The settings of section 4 by a TypeScript name: `CLI_SETTING.scoringFeSslCert` is `'scoringFe.sslCert'`. */
export const CLI_SETTING = Object.fromEntries(
  ENTRIES.filter((entry) => entry.source === 'cli').map((entry) => [entry.id ?? entry.key, entry.key]),
) as { readonly [E in CliEntry as E extends { id: string } ? E['id'] : E['key']]: E['key'] };

/** The catalog entry of `key` (exact case), or undefined; a node-selector key finds the prefix's entry. */
export function settingEntry(key: string): SettingEntry | undefined {
  if (key.startsWith(NODE_SELECTOR_PREFIX)) return BY_KEY[NODE_SELECTOR_PREFIX];
  return ownValue(BY_KEY, key);
}

/** The install flags of the wizard's advanced step (a boolean setting and a form field of the same name each). */
export type InstallFlag = Extract<Entry, { kind: 'boolean'; step: 'advanced' }>['key'];
export const INSTALL_FLAGS = ENTRIES.filter((entry) => entry.kind === 'boolean' && entry.step === 'advanced').map(
  (entry) => entry.key,
) as readonly InstallFlag[];

/** The entries that pass `test`, in catalog order. */
export function settingsWhere(test: (entry: SettingEntry) => boolean): SettingEntry[] {
  return ENTRIES.filter(test);
}

/** What the extension reads when `key` is absent (on `clusterType`, for defaults that depend on it). */
export function defaultOf(key: string, clusterType: ClusterType = 'managedClusters'): string | undefined {
  const value = settingEntry(key)?.default;
  return typeof value === 'object' ? value[clusterType] : value;
}

/**
 * THE boolean parser: `true`/`false` in any case (surrounding spaces ignored), as the CLI compares
 * (`str(v).lower() == 'true'`) and the chart reads; anything else (`yes`, `1`, absent) is undefined.
 */
export function parseBooleanSetting(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  const lower = String(value).trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

/**
 * Reads a boolean setting the way the extension's chart does: values are case-insensitive, keys
 * are not (`InferenceRouterHA` is a different, ignored key; `constructor` is not Object's). A
 * missing or unrecognised value falls back to `fallback`.
 */
export function readBooleanSetting(settings: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean {
  return parseBooleanSetting(ownValue(settings, key)) ?? fallback;
}

/** A boolean setting as the extension reads it, its catalog default applying when absent or unreadable. */
export function settingIsOn(settings: Readonly<Record<string, string>>, key: string, clusterType: ClusterType = 'managedClusters'): boolean {
  return readBooleanSetting(settings, key, parseBooleanSetting(defaultOf(key, clusterType)) ?? false);
}

/** The default of a boolean setting as a boolean (false when it has none). */
export function booleanDefault(key: string, clusterType: ClusterType = 'managedClusters'): boolean {
  return parseBooleanSetting(defaultOf(key, clusterType)) ?? false;
}
