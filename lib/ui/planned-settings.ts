/**
 * What the review says will happen, read from the planned ARM body rather than the form: the CLI
 * changes some answers on the way (inferenceRouterHA off under 3 nodes), and the body is what
 * will be sent. Pure.
 */
import { readBooleanSetting } from '@/lib/domain/expected-components';
import { CLI_SETTING, NODE_SELECTOR_PREFIX, SERVICE_TYPES, SETTING, settingIsOn, type InstallFlag, type ServiceType } from '@/lib/domain/settings-catalog';

/** The planned body's `configurationSettings`, or null when `extension` is not a planned body. */
export function plannedSettings(extension: unknown): Record<string, string> | null {
  if (typeof extension !== 'object' || extension === null) return null;
  const settings = (extension as { properties?: { configurationSettings?: unknown } }).properties?.configurationSettings;
  if (typeof settings !== 'object' || settings === null) return null;
  return settings as Record<string, string>;
}

/**
 * Whether the router will run highly available: the planned body's value once there is a plan
 * (the extension's default, on, when the body leaves it out), the form's answer until then.
 */
export function plannedRouterHa(extension: unknown, formAnswer: boolean): boolean {
  const settings = plannedSettings(extension);
  return settings ? readBooleanSetting(settings, SETTING.inferenceRouterHA, true) : formAnswer;
}

interface PlannedProperties {
  releaseTrain?: unknown;
  version?: unknown;
  autoUpgradeMinorVersion?: unknown;
  configurationProtectedSettings?: unknown;
}

function plannedProperties(extension: unknown): PlannedProperties | null {
  return plannedSettings(extension) ? ((extension as { properties: PlannedProperties }).properties ?? null) : null;
}

/** Which workloads the body turns on (`enableTraining`, `enableInference`); the form's answer before a plan. */
export function plannedWorkload(extension: unknown, formAnswer: 'training' | 'inference' | 'both'): 'training' | 'inference' | 'both' {
  const settings = plannedSettings(extension);
  if (!settings) return formAnswer;
  const training = readBooleanSetting(settings, 'enableTraining', false);
  const inference = readBooleanSetting(settings, 'enableInference', false);
  return training && inference ? 'both' : inference ? 'inference' : 'training';
}

/**
 * The words for each router service type: Kubernetes' own Service type names, the same in every
 * language. The router step labels its choices with these and the review shows the planned value
 * through {@link serviceTypeLabel}, so both say "LoadBalancer" while the body keeps the CLI's
 * camelCase (`loadBalancer`).
 */
export const SERVICE_TYPE_LABELS: Readonly<Record<ServiceType, string>> = {
  loadBalancer: 'LoadBalancer',
  nodePort: 'NodePort',
  clusterIP: 'ClusterIP',
};

/** The label of a service type value in any case (ARM compares them so); an unknown value as written. */
export function serviceTypeLabel(value: string): string {
  const known = SERVICE_TYPES.find((type) => type.toLowerCase() === value.toLowerCase());
  return known ? SERVICE_TYPE_LABELS[known] : value;
}

/** The router's service type as the body writes it, and whether the CLI marked it an internal load balancer. */
export function plannedRouter(extension: unknown, form: { serviceType: string; internalLoadBalancer: boolean }): { serviceType: string; internal: boolean } {
  const settings = plannedSettings(extension);
  if (!settings) return { serviceType: form.serviceType, internal: form.internalLoadBalancer };
  return {
    serviceType: settings.inferenceRouterServiceType ?? form.serviceType,
    internal: readBooleanSetting(settings, CLI_SETTING.scoringFeInternalLoadBalancer, false),
  };
}

export type PlannedTls = { mode: 'insecure' } | { mode: 'pem'; cname: string } | { mode: 'secret'; secret: string; cname: string } | { mode: 'none' };

/**
 * How the endpoint is secured in the body: `allowInsecureConnections`, else the protected PEM keys
 * (names only; values are masked), else `scoringFe.sslSecret`. `none`: HTTPS asked for and nothing
 * to serve it with.
 */
export function plannedTls(extension: unknown, form: PlannedTls): PlannedTls {
  const settings = plannedSettings(extension);
  if (!settings) return form;
  if (readBooleanSetting(settings, 'allowInsecureConnections', false)) return { mode: 'insecure' };
  const protectedSettings = plannedProperties(extension)?.configurationProtectedSettings;
  const cname = settings.sslCname ?? '';
  if (typeof protectedSettings === 'object' && protectedSettings !== null && 'scoringFe.sslCert' in protectedSettings) return { mode: 'pem', cname };
  if (settings[CLI_SETTING.scoringFeSslSecret]) return { mode: 'secret', secret: settings[CLI_SETTING.scoringFeSslSecret], cname };
  return { mode: 'none' };
}

/** `label=value` of every `nodeSelector.<label>` in the body; the form's rows before a plan. */
export function plannedNodeSelectors(extension: unknown, formRows: ReadonlyArray<{ key: string; value: string }>): string[] {
  const settings = plannedSettings(extension);
  if (!settings) return formRows.filter((row) => row.key || row.value).map((row) => `${row.key}=${row.value}`);
  return Object.entries(settings)
    .filter(([key]) => key.startsWith(NODE_SELECTOR_PREFIX))
    .map(([key, value]) => `${key.slice(NODE_SELECTOR_PREFIX.length)}=${value}`);
}

/** An install flag as the extension will read it (its catalog default when the body leaves it out). */
export function plannedFlag(extension: unknown, key: InstallFlag, formAnswer: boolean): boolean {
  const settings = plannedSettings(extension);
  return settings ? settingIsOn(settings, key) : formAnswer;
}

/** Release train, pinned version and auto-upgrade as the body sends them. */
export function plannedRelease(
  extension: unknown,
  form: { releaseTrain: string; version?: string; autoUpgradeMinorVersion: boolean },
): { releaseTrain: string; version: string; autoUpgradeMinorVersion: boolean } {
  const properties = plannedProperties(extension);
  if (!properties) return { releaseTrain: form.releaseTrain, version: form.version ?? '', autoUpgradeMinorVersion: form.autoUpgradeMinorVersion };
  return {
    releaseTrain: typeof properties.releaseTrain === 'string' ? properties.releaseTrain : form.releaseTrain,
    version: typeof properties.version === 'string' ? properties.version : '',
    autoUpgradeMinorVersion: typeof properties.autoUpgradeMinorVersion === 'boolean' ? properties.autoUpgradeMinorVersion : true,
  };
}
