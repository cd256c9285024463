/**
 * One-click fixes for what an import reads wrong: a key that differs from a real one only by case
 * (the seed's `InferenceRouterHA`, `nodeselector.pool`) and the legacy names old extensions still
 * carry (the catalog's `legacyNames`, lib/domain/settings-catalog.ts). A fix is data
 * (which key goes, which key takes its value, which constant settings are written), so applying it
 * is a pure rewrite of the request, and it never holds a value the user gave: a protected value
 * moves from one key to another without being copied into the fix or quoted in its label. Pure.
 */
import type { DomainText } from '@/lib/i18n/domain-text';

import { CLI_MANAGED_SETTINGS, DOCUMENTED_SETTINGS, NODE_SELECTOR_PREFIX, parseBooleanSetting, SETTING, type CliRequest } from './cli-settings';
import { ownValue, setOwn } from './own-keys';
import { settingsWhere } from './settings-catalog';

/** A change to an imported request that answers one problem; see `applyImportFix` (import-settings.ts). */
export interface ImportFix {
  /** The key the fix removes: the one the problem is about. */
  key: string;
  /** The key that takes the removed key's value (a rename); absent when the value is dropped. */
  renameTo?: string;
  /** Settings written in the removed key's map: constants only (a legacy key's modern equivalent). */
  set: Readonly<Record<string, string>>;
  /** What the fix does, as its button says it, in the result's language. Never quotes a value. */
  label: string;
}

const KNOWN = [...DOCUMENTED_SETTINGS, ...CLI_MANAGED_SETTINGS];
const KNOWN_BY_LOWER = new Map(KNOWN.map((key) => [key.toLowerCase(), key]));

/**
 * The spelling the extension reads for a key that differs from a known one only by case, as
 * `validateCliRequest` suggests it (cli-validation.ts keyRules); null when the key is right or unknown.
 */
export function rightSpelling(key: string): string | null {
  if (KNOWN.includes(key) || key.startsWith(NODE_SELECTOR_PREFIX)) return null;
  const right = KNOWN_BY_LOWER.get(key.toLowerCase());
  if (right) return right;
  if (key.toLowerCase().startsWith(NODE_SELECTOR_PREFIX.toLowerCase())) return `${NODE_SELECTOR_PREFIX}${key.slice(NODE_SELECTOR_PREFIX.length)}`;
  return null;
}

/** Each legacy name (the catalog's `legacyNames`) and the setting that replaced it. A Map: `constructor` is not one of them. */
const MODERN_OF_LEGACY: ReadonlyMap<string, string> = new Map(
  settingsWhere((entry) => Boolean(entry.legacyNames)).flatMap((entry) => (entry.legacyNames ?? []).map(({ name }) => [name, entry.key] as const)),
);

type Maps = Pick<CliRequest, 'configurationSettings' | 'configurationProtectedSettings'>;

/** The value of `key` in either map (settings first, as the CLI reads them). */
function valueOf(req: Partial<Maps>, key: string): string | undefined {
  return ownValue(req.configurationSettings ?? {}, key) ?? ownValue(req.configurationProtectedSettings ?? {}, key);
}

/** Values the extension reads alike: `True`/`true`, `LoadBalancer`/`loadBalancer`. */
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The modern settings a legacy key stands for, by the setting that replaced it and the key's value
 * (DOMAIN.md section 2): the old internal load balancer flag is `loadBalancer` with provider
 * `azure`; the old node port flag is `nodePort`. `False` asked for nothing, so nothing replaces it.
 * Null when the value is not a boolean (the warning stands).
 */
function legacyEquivalent(modern: string, value: string): Record<string, string> | null {
  const on = parseBooleanSetting(value);
  if (on === undefined) return null;
  if (!on) return {};
  if (modern === SETTING.internalLoadBalancerProvider) return { [SETTING.inferenceRouterServiceType]: 'loadBalancer', [SETTING.internalLoadBalancerProvider]: 'azure' };
  if (modern === SETTING.inferenceRouterServiceType) return { [SETTING.inferenceRouterServiceType]: 'nodePort' };
  return null;
}

/** A rename of `key` to `to`, or the removal of a duplicate; null when `to` already says otherwise. */
function renameFix(req: Partial<Maps>, key: string, to: string, text: DomainText): ImportFix | null {
  const value = valueOf(req, key) ?? '';
  const existing = valueOf(req, to);
  if (existing === undefined) return { key, renameTo: to, set: {}, label: text('importing.fix.rename', { key, suggestion: to }) };
  // Both spellings given: only a duplicate saying the same can go without asking which one is meant.
  return same(existing, value) ? { key, set: {}, label: text('importing.fix.removeDuplicate', { key, suggestion: to }) } : null;
}

/**
 * The fix for the problem about `key` in `req`, or null when there is none to offer (the key is
 * right, unknown, or its fix would overwrite a different value the paste also gives).
 */
export function importFixFor(req: Partial<Maps>, key: string, text: DomainText): ImportFix | null {
  if (valueOf(req, key) === undefined) return null;
  const right = rightSpelling(key);
  if (right) return renameFix(req, key, right, text);
  const modern = MODERN_OF_LEGACY.get(key);
  if (!modern) return null;
  // The old HA flag is the same boolean under another name.
  if (modern === SETTING.inferenceRouterHA) return renameFix(req, key, modern, text);
  const equivalent = legacyEquivalent(modern, valueOf(req, key) ?? '');
  if (!equivalent) return null;
  const set: Record<string, string> = {};
  for (const [target, value] of Object.entries(equivalent)) {
    const existing = valueOf(req, target);
    if (existing === undefined) set[target] = value;
    else if (!same(existing, value)) return null;
  }
  if (Object.keys(set).length === 0) return { key, set, label: text('importing.fix.removeLegacy', { key }) };
  const settings = Object.entries(set).map(([target, value]) => `${target}=${value}`).join(', ');
  return { key, set, label: text('importing.fix.replaceLegacy', { key, settings }) };
}

/** `req` with `fix` made: its key removed from whichever map holds it, its value and constants written there. */
export function rewriteForFix<R extends Partial<Maps>>(req: R, fix: Pick<ImportFix, 'key' | 'renameTo' | 'set'>): R {
  const rewrite = (map: Record<string, string> | undefined): Record<string, string> | undefined => {
    if (!map || !Object.hasOwn(map, fix.key)) return map;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(map)) {
      if (key === fix.key) {
        if (fix.renameTo) setOwn(out, fix.renameTo, value);
      } else setOwn(out, key, value);
    }
    for (const [key, value] of Object.entries(fix.set)) setOwn(out, key, value);
    return out;
  };
  return { ...req, configurationSettings: rewrite(req.configurationSettings), configurationProtectedSettings: rewrite(req.configurationProtectedSettings) };
}
