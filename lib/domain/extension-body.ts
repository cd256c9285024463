/**
 * DOMAIN.md section 4 as one pure function: the ARM body `az k8s-extension create` would send for
 * a request, so Terraform-style "pass the keys through" installs (which fail their health check)
 * cannot happen here. Follows the CLI source (azure-cli-extensions, AzureMLKubernetes.py: `Create`,
 * `__validate_config`, `__validate_scoring_fe_settings`, `__set_up_inference_ssl`,
 * `__create_required_resource`, `_dereference`) where it is more precise than DOMAIN.md; each
 * such place says so.
 */
import type { ClusterType } from './cluster';
import {
  AZUREML_EXTENSION_TYPE,
  AZUREML_RELEASE_NAMESPACE,
  DEFAULT_RELEASE_TRAIN,
  SETTING,
  normaliseServiceType,
  parseBooleanSetting,
  pythonBool,
  type CliRequest,
} from './cli-settings';
import { CLI_SETTING, HA_MIN_NODES } from './settings-catalog';

/** The cluster facts the CLI reads before building the body. */
export interface ClusterFacts {
  /** Full ARM id. */
  id: string;
  name: string;
  type: ClusterType;
  /** As ARM returned it; lower-cased (and spaces dropped) here. */
  location: string;
  /**
   * AKS: sum of agent pool counts; Arc: `totalNodeCount`. `null` when Arc never reported it: the
   * CLI's small-cluster defaults then do not apply (its `None < 3` raises and is swallowed).
   */
  nodeCount: number | null;
  /** Arc only: `openshift`, `k3s`, ... */
  distribution?: string | null;
}

/** The Azure Relay hybrid connection of an Arc cluster (`ensureRelayForArcCluster`). */
export interface RelayFacts {
  hybridConnectionResourceId: string;
  hybridConnectionName: string;
  /** SECRET: goes only into protected settings. */
  connectionString: string;
}

/** The PUT body of `Microsoft.KubernetesConfiguration/extensions`, as ARM takes it on the wire. */
export interface ExtensionBody {
  identity?: { type: 'SystemAssigned' };
  properties: {
    extensionType: typeof AZUREML_EXTENSION_TYPE;
    autoUpgradeMinorVersion: boolean;
    releaseTrain: string;
    version?: string;
    scope: { cluster: { releaseNamespace: typeof AZUREML_RELEASE_NAMESPACE } };
    configurationSettings: Record<string, string>;
    configurationProtectedSettings: Record<string, string>;
  };
}

/** Below this many nodes (the HA minimum) the CLI sets `clusterPurpose=DevTest` and turns router HA off. */
export const SMALL_CLUSTER_NODE_COUNT = HA_MIN_NODES;
/** What `maskProtected` shows instead of a protected value. */
export const MASKED_VALUE = '***';

const RELAY_CONNECTION_STRING = CLI_SETTING.relayServerConnectionString;
const RELAY_CONNECTION_STRING_KEY = CLI_SETTING.relayConnectionString;
const RELAY_ENABLED = CLI_SETTING.relayEnabled;

/** The CLI writes `location.lower()`; Arc may report a display name ("East US"), so spaces go too. */
export function normaliseLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

/** Standard base64 of the PEM text's bytes, as the CLI's `base64.b64encode(text.encode('ascii'))`. */
export function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Whether the CLI would set up Azure Relay: `relayserver.enabled` (after its per-type default) is
 * not `false` and the user supplied no connection string. Only Arc defaults it on.
 */
export function needsRelay(req: CliRequest, cluster: Pick<ClusterFacts, 'type'>): boolean {
  const enabled = req.configurationSettings[RELAY_ENABLED] ?? (cluster.type === 'connectedClusters' ? 'true' : 'false');
  const given = req.configurationSettings[RELAY_CONNECTION_STRING] || req.configurationProtectedSettings[RELAY_CONNECTION_STRING];
  return enabled.toLowerCase() !== 'false' && !given;
}

type Settings = Record<string, string>;

function setDefault(map: Settings, key: string, value: string): void {
  if (map[key] === undefined) map[key] = value;
}

/** `__validate_config`: both workload flags always present, never protected. */
function workloadFlags(settings: Settings, protectedSettings: Settings): { training: boolean; inference: boolean } {
  const read = (key: string) => parseBooleanSetting(settings[key] ?? protectedSettings[key]) === true;
  const training = read(SETTING.enableTraining);
  const inference = read(SETTING.enableInference);
  setDefault(settings, SETTING.enableTraining, pythonBool(training));
  setDefault(settings, SETTING.enableInference, pythonBool(inference));
  delete protectedSettings[SETTING.enableTraining];
  delete protectedSettings[SETTING.enableInference];
  return { training, inference };
}

/** `__validate_scoring_fe_settings` and `__set_up_inference_ssl`: inference only. */
function inferenceSettings(settings: Settings, protectedSettings: Settings, pems: { cert?: string; key?: string }): void {
  const get = (key: string) => settings[key] ?? protectedSettings[key];
  if (parseBooleanSetting(get('isAKSMigration'))) {
    settings['scoringFe.namespace'] = 'default';
    settings.isAKSMigration = 'true';
  }
  const serviceType = normaliseServiceType(get(SETTING.inferenceRouterServiceType) ?? '');
  const internalLb = (get(SETTING.internalLoadBalancerProvider) ?? '').toLowerCase() === 'azure';
  if (serviceType === 'nodePort') settings['scoringFe.serviceType.nodePort'] = pythonBool(true);
  else if (internalLb) settings[CLI_SETTING.scoringFeInternalLoadBalancer] = pythonBool(true);

  if (parseBooleanSetting(get(SETTING.allowInsecureConnections))) return;
  // "always take ssl key/cert first, then secret if key/cert file is not provided"
  if (pems.cert && pems.key) {
    protectedSettings['scoringFe.sslCert'] = base64OfText(pems.cert);
    protectedSettings['scoringFe.sslKey'] = base64OfText(pems.key);
  } else {
    const secret = get(SETTING.sslSecret);
    if (secret) settings[CLI_SETTING.scoringFeSslSecret] = secret;
  }
}

/** `Create`: the facts read from the cluster, and the per-type defaults. */
function clusterSettings(settings: Settings, protectedSettings: Settings, cluster: ClusterFacts): void {
  const location = normaliseLocation(cluster.location);
  const userSet = (key: string) => settings[key] !== undefined || protectedSettings[key] !== undefined;
  if (cluster.nodeCount !== null && cluster.nodeCount < SMALL_CLUSTER_NODE_COUNT) {
    if (!userSet(CLI_SETTING.clusterPurpose)) settings[CLI_SETTING.clusterPurpose] = 'DevTest';
    // The CLI writes lower-case 'false' here (DOMAIN.md says False; booleans are case-insensitive).
    if (!userSet(SETTING.inferenceRouterHA)) settings[SETTING.inferenceRouterHA] = 'false';
  }
  if ((cluster.distribution ?? '').toLowerCase() === 'openshift') settings.openshift = 'true';
  setDefault(settings, 'cluster_name', cluster.id);
  // The CLI reads 'doamin' (sic) as the user's value, so it always overwrites `domain`.
  settings.domain = `${location}.cloudapp.azure.com`;
  setDefault(settings, 'location', location);
  setDefault(settings, 'jobSchedulerLocation', location);
  setDefault(settings, 'cluster_name_friendly', cluster.name);
  setDefault(settings, 'servicebus.enabled', 'false');
  const arc = cluster.type === 'connectedClusters';
  setDefault(settings, RELAY_ENABLED, arc ? 'true' : 'false');
  setDefault(settings, 'nginxIngress.enabled', arc ? 'false' : 'true');
}

/** `_dereference`: copy a value to the keys that mirror it, unless the user set those. */
function dereference(map: Settings): void {
  const mapping: Record<string, string[]> = {
    [RELAY_CONNECTION_STRING]: [RELAY_CONNECTION_STRING_KEY],
    cluster_name: ['clusterId', 'prometheus.prometheusSpec.externalLabels.cluster_name'],
  };
  for (const [source, targets] of Object.entries(mapping)) {
    if (map[source] === undefined) continue;
    for (const target of targets) setDefault(map, target, map[source]);
  }
}

/**
 * The ARM body `az k8s-extension create --extension-type Microsoft.AzureML.Kubernetes` sends for
 * `req` on `cluster` (DOMAIN.md section 4). `relay` is the Arc cluster's hybrid connection when
 * `needsRelay`; pass a placeholder to preview without creating anything. Divergence from the CLI:
 * `sslCertPemFile`/`sslKeyPemFile` are never sent (the CLI sends its local file paths; a browser
 * upload has none, and here they would be the PEM text itself). Assumes `validateCliRequest`
 * passed.
 */
export function buildExtensionBody(req: CliRequest, cluster: ClusterFacts, relay?: RelayFacts): ExtensionBody {
  const settings: Settings = { ...req.configurationSettings };
  const protectedSettings: Settings = { ...req.configurationProtectedSettings };
  const pems = { cert: protectedSettings[SETTING.sslCertPemFile], key: protectedSettings[SETTING.sslKeyPemFile] };
  delete protectedSettings[SETTING.sslCertPemFile];
  delete protectedSettings[SETTING.sslKeyPemFile];

  const { inference } = workloadFlags(settings, protectedSettings);
  if (inference) inferenceSettings(settings, protectedSettings, pems);
  clusterSettings(settings, protectedSettings, cluster);
  if (relay && needsRelay(req, cluster)) {
    protectedSettings[RELAY_CONNECTION_STRING] = relay.connectionString;
    settings['relayserver.hybridConnectionResourceID'] = relay.hybridConnectionResourceId;
    settings['relayserver.hybridConnectionName'] = relay.hybridConnectionName;
  }
  dereference(settings);
  dereference(protectedSettings);

  return {
    ...(cluster.type === 'connectedClusters' ? { identity: { type: 'SystemAssigned' as const } } : {}),
    properties: {
      extensionType: AZUREML_EXTENSION_TYPE,
      autoUpgradeMinorVersion: req.autoUpgradeMinorVersion ?? true,
      releaseTrain: req.releaseTrain || DEFAULT_RELEASE_TRAIN,
      ...(req.version ? { version: req.version } : {}),
      scope: { cluster: { releaseNamespace: AZUREML_RELEASE_NAMESPACE } },
      configurationSettings: settings,
      configurationProtectedSettings: protectedSettings,
    },
  };
}

/** The body with every protected value replaced by `***`: safe to show, return or log. */
export function maskProtected(body: ExtensionBody): ExtensionBody {
  const masked = Object.fromEntries(Object.keys(body.properties.configurationProtectedSettings).map((key) => [key, MASKED_VALUE]));
  return { ...body, properties: { ...body.properties, configurationProtectedSettings: masked } };
}
