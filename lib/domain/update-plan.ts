/**
 * An update of an installed extension (DOMAIN.md section 5), as the CLI's `Update` makes it:
 * the wizard's answers read from the extension's current settings, and the settings a PATCH will
 * leave on the extension. Pure.
 *
 * Two facts of ARM shape it. Settings values are strings (the REST spec: `additionalProperties:
 * {type: string}`), so a PATCH cannot send `null` and cannot remove a key; and the spec does not
 * say whether a PATCH merges `configurationSettings` key by key or replaces them. The portal
 * therefore sends the complete settings it wants, a superset of the current keys: merged or
 * replaced, the extension ends with the same settings. A key the answers no longer write stays,
 * with its old value (booleans the chart reads are turned off instead), and the review says so.
 */
import type { DomainMessageKey } from '@/lib/i18n/domain-text';

import { normaliseServiceType, pythonBool, type CliRequest } from './cli-settings';
import { DEFAULT_DEPLOY_FORM, type DeployForm } from './deploy-schema';
import { ownValue, setOwn } from './own-keys';
import {
  CLI_SETTING,
  DEFAULT_RELEASE_TRAIN,
  INSTALL_FLAGS,
  NODE_SELECTOR_PREFIX,
  SETTING,
  defaultOf,
  parseBooleanSetting,
  settingEntry,
  settingsWhere,
} from './settings-catalog';

/** The keys the CLI derives on update from the router answers (`__normalize_config`, `__set_inference_ssl_from_secret`). */
export const DERIVED_SETTING = {
  nodePort: CLI_SETTING.scoringFeNodePort,
  internalLoadBalancer: CLI_SETTING.scoringFeInternalLoadBalancer,
  sslSecret: CLI_SETTING.scoringFeSslSecret,
} as const;

/** What the update wizard needs of the installed extension (ARM's GET; protected values never come back). */
export interface InstalledExtension {
  name: string;
  clusterId: string;
  settings: Readonly<Record<string, string>>;
  releaseTrain?: string | null;
  /** The pinned version (null when it follows its release train). */
  version?: string | null;
  autoUpgradeMinorVersion?: boolean | null;
}

/**
 * True when the settings serve HTTPS from a PEM pair held in protected settings: inference on,
 * not insecure, no `sslSecret`. (ARM never returns the pair; this is how its presence shows.)
 */
export function usesPemPair(settings: Readonly<Record<string, string>>): boolean {
  const get = (key: string) => ownValue(settings, key);
  return (
    parseBooleanSetting(get(SETTING.enableInference)) === true &&
    parseBooleanSetting(get(SETTING.allowInsecureConnections)) !== true &&
    !get(SETTING.sslSecret)?.trim()
  );
}

function tlsOf(settings: Readonly<Record<string, string>>): DeployForm['tls'] {
  const get = (key: string) => ownValue(settings, key);
  const sslCname = get(SETTING.sslCname) ?? '';
  if (parseBooleanSetting(get(SETTING.allowInsecureConnections)) === true) return { mode: 'insecure' };
  const secret = get(SETTING.sslSecret)?.trim();
  if (secret) return { mode: 'secret', sslSecret: secret, sslCname };
  if (parseBooleanSetting(get(SETTING.enableInference)) === true) return { mode: 'current', sslCname };
  return { mode: 'insecure' };
}

/**
 * The wizard's answers for an installed extension. Read as the chart reads them: the router is
 * internal when `scoringFe.serviceType.internalLoadBalancer` says so (an update that turned it off
 * leaves `internalLoadBalancerProvider` behind); a PEM pair on file is the `current` TLS choice,
 * kept unless the user uploads a new pair.
 */
export function formFromExtension(extension: InstalledExtension): DeployForm {
  const { settings } = extension;
  const get = (key: string) => ownValue(settings, key);
  const bool = (key: string, fallback: boolean) => parseBooleanSetting(get(key)) ?? fallback;
  const training = bool(SETTING.enableTraining, false);
  const inference = bool(SETTING.enableInference, false);
  const internal =
    parseBooleanSetting(get(DERIVED_SETTING.internalLoadBalancer)) ?? (get(SETTING.internalLoadBalancerProvider)?.trim().toLowerCase() === 'azure');
  const form: DeployForm = {
    ...DEFAULT_DEPLOY_FORM,
    clusterId: extension.clusterId,
    extensionName: extension.name,
    workload: training && inference ? 'both' : inference ? 'inference' : 'training',
    serviceType: normaliseServiceType(get(SETTING.inferenceRouterServiceType) ?? '') ?? DEFAULT_DEPLOY_FORM.serviceType,
    internalLoadBalancer: internal,
    inferenceRouterHA: bool(SETTING.inferenceRouterHA, DEFAULT_DEPLOY_FORM.inferenceRouterHA),
    tls: tlsOf(settings),
    nodeSelector: Object.entries(settings)
      .filter(([key]) => key.startsWith(NODE_SELECTOR_PREFIX))
      .map(([key, value]) => ({ key: key.slice(NODE_SELECTOR_PREFIX.length), value })),
    releaseTrain: extension.releaseTrain || DEFAULT_RELEASE_TRAIN,
    version: extension.version ?? '',
    autoUpgradeMinorVersion: extension.autoUpgradeMinorVersion ?? true,
  };
  for (const flag of INSTALL_FLAGS) form[flag] = bool(flag, DEFAULT_DEPLOY_FORM[flag]);
  return form;
}

/**
 * The settings the answers ask for, every one explicit (an update cannot lean on the CLI's
 * create-time defaults: HA turned back on must say `True`), with the keys the CLI derives from
 * them on update. Inference keys only with inference on: turning it off leaves them as they are.
 */
export function settingsOfAnswers(request: CliRequest, form: DeployForm): Record<string, string> {
  const inference = form.workload !== 'training';
  const wanted: Record<string, string> = {
    [SETTING.enableTraining]: pythonBool(form.workload !== 'inference'),
    [SETTING.enableInference]: pythonBool(inference),
  };
  for (const flag of INSTALL_FLAGS) wanted[flag] = pythonBool(form[flag]);
  for (const [key, value] of Object.entries(request.configurationSettings)) {
    if (key.startsWith(NODE_SELECTOR_PREFIX)) setOwn(wanted, key, value);
  }
  if (!inference) return wanted;
  wanted[SETTING.inferenceRouterServiceType] = form.serviceType;
  wanted[DERIVED_SETTING.nodePort] = pythonBool(form.serviceType === 'nodePort');
  wanted[SETTING.inferenceRouterHA] = pythonBool(form.inferenceRouterHA);
  wanted[SETTING.allowInsecureConnections] = pythonBool(form.tls.mode === 'insecure');
  wanted[DERIVED_SETTING.internalLoadBalancer] = pythonBool(form.internalLoadBalancer);
  if (form.internalLoadBalancer) wanted[SETTING.internalLoadBalancerProvider] = 'azure';
  const secret = request.configurationSettings[SETTING.sslSecret];
  if (form.tls.mode === 'secret' && secret !== undefined) {
    wanted[SETTING.sslSecret] = secret;
    wanted[DERIVED_SETTING.sslSecret] = secret;
  }
  const cname = request.configurationSettings[SETTING.sslCname];
  if (form.tls.mode !== 'insecure' && cname !== undefined) wanted[SETTING.sslCname] = cname;
  return wanted;
}

/** Why a key the answers no longer write is still on the extension after the update. */
export type KeptReason =
  /** A node selector: the chart merges them, so it still restricts where the workloads run. */
  | 'nodeSelectorStays'
  /** Another setting: it stays, and the settings sent make the chart ignore it. */
  | 'unused';

export interface KeptSetting {
  key: string;
  value: string;
  reason: KeptReason;
}

/** The settings an update sends and what becomes of each current key. */
export interface SettingsUpdatePlan {
  /** Every setting after the update: what the PATCH sends (never `null`, a superset of the current keys). */
  settings: Record<string, string>;
  /** Keys whose value changes or that are new, in the order of `settings`. */
  changed: string[];
  /** User-facing keys the answers no longer write, which stay. */
  kept: KeptSetting[];
}

/**
 * Booleans compare as the chart reads them, so `True` over `true` is no change; others exactly. An
 * absent boolean is its catalog default (what the chart reads): writing that is no change, so an
 * update does not grow the settings with defaults nobody chose.
 */
function sameValue(key: string, given: string | undefined, after: string): boolean {
  const before = given ?? (settingEntry(key)?.kind === 'boolean' ? defaultOf(key) : undefined);
  if (before === undefined) return false;
  const a = parseBooleanSetting(before);
  const b = parseBooleanSetting(after);
  return a !== undefined && b !== undefined ? a === b : before === after;
}

/** Keys a person chose (DOMAIN.md section 2), as opposed to the ones the CLI computes. */
const USER_KEYS = new Set<string>(settingsWhere((entry) => entry.source === 'user' && entry.kind !== 'prefix').map((entry) => entry.key));

/**
 * The settings to send: the current ones, with each wanted value written where it differs. A key
 * the answers do not write keeps its value (ARM cannot remove it); the user-facing ones among them
 * are listed in `kept`, so the review can say so.
 */
export function planSettingsUpdate(before: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>): SettingsUpdatePlan {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(before)) setOwn(settings, key, value);
  const changed: string[] = [];
  for (const [key, value] of Object.entries(wanted)) {
    if (sameValue(key, ownValue(before, key), value)) continue;
    setOwn(settings, key, value);
    changed.push(key);
  }
  const kept: KeptSetting[] = [];
  for (const [key, value] of Object.entries(before)) {
    if (Object.hasOwn(wanted, key)) continue;
    if (key.startsWith(NODE_SELECTOR_PREFIX)) kept.push({ key, value, reason: 'nodeSelectorStays' });
    else if (USER_KEYS.has(key) && (parseBooleanSetting(ownValue(wanted, SETTING.enableInference)) ?? false)) kept.push({ key, value, reason: 'unused' });
  }
  return { settings, changed, kept };
}

/**
 * What becomes of the protected settings (ARM replaces them wholesale and never returns them):
 * `keep` sends none, so the ones on file stay; `replace` sends a new PEM pair; `drop` sends the set
 * without the pair on file, because HTTPS no longer comes from it (a PEM pair wins over
 * `sslSecret` in the chart, so leaving it would keep serving the old certificate).
 */
export type ProtectedPlan = 'keep' | 'replace' | 'drop';

export function protectedPlanOf(before: Readonly<Record<string, string>>, form: DeployForm): ProtectedPlan {
  const inference = form.workload !== 'training';
  if (inference && form.tls.mode === 'pem') return 'replace';
  if (usesPemPair(before) && inference && form.tls.mode !== 'current') return 'drop';
  return 'keep';
}

/** A setting the CLI computed at install (the cluster's id, location, relay...): shown, never edited. */
export interface ComputedSetting {
  key: string;
  value: string;
  /** Why the CLI wrote it (the catalog's `computedByCli`). */
  why?: DomainMessageKey;
}

/**
 * The installed settings the CLI computed (DOMAIN.md section 4), in the extension's order: an
 * update keeps them as they are. Protected keys never come back from ARM; one found among the plain
 * settings is left out all the same.
 */
export function computedSettingsOf(settings: Readonly<Record<string, string>>): ComputedSetting[] {
  return Object.entries(settings).flatMap(([key, value]) => {
    const entry = settingEntry(key);
    if (!entry || entry.source !== 'cli' || entry.protected) return [];
    return [{ key, value, ...(entry.computedByCli ? { why: entry.computedByCli } : {}) }];
  });
}
