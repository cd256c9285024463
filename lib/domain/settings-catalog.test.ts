import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { MESSAGES } from '@/lib/i18n/messages';

import { BOOLEAN_SETTINGS, CLI_MANAGED_SETTINGS, DOCUMENTED_SETTINGS, LEGACY_SETTINGS } from './cli-settings';
import { DEFAULT_DEPLOY_FORM, formPathForCliKey, tlsSchema } from './deploy-schema';
import {
  CLI_SETTING,
  DEFAULT_RELEASE_TRAIN,
  INSTALL_FLAGS,
  NODE_SELECTOR_PREFIX,
  SERVICE_TYPES,
  SETTING,
  SETTINGS_CATALOG,
  booleanDefault,
  defaultOf,
  parseBooleanSetting,
  readBooleanSetting,
  settingEntry,
  settingIsOn,
  type SettingEntry,
} from './settings-catalog';

const ENTRIES: readonly SettingEntry[] = SETTINGS_CATALOG;

/** The message at `a.b.c` in a tree, or undefined. */
function messageAt(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), tree);
}

/** Every path react-hook-form can name in the wizard's form: top-level fields, and `tls.<field>` of each TLS choice. */
const FORM_PATHS = new Set([
  ...Object.keys(DEFAULT_DEPLOY_FORM),
  ...tlsSchema.options.flatMap((option) => Object.keys(option.shape).map((field) => `tls.${field}`)),
]);

describe('the settings catalog', () => {
  it('holds every setting of DOMAIN.md sections 2 and 4 once, no two keys alike even in case', () => {
    const keys = ENTRIES.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
    const legacy = ENTRIES.flatMap((entry) => entry.legacyNames ?? []).map(({ name }) => name.toLowerCase());
    expect(legacy.filter((name) => keys.some((key) => key.toLowerCase() === name))).toEqual([]);
    for (const key of Object.values(SETTING)) expect(settingEntry(key)?.source, key).toBe('user');
    for (const key of Object.values(CLI_SETTING)) expect(settingEntry(key)?.source, key).toBe('cli');
    expect(settingEntry(NODE_SELECTOR_PREFIX)?.kind).toBe('prefix');
  });

  it('is where the lists of cli-settings come from, in its order', () => {
    expect(DOCUMENTED_SETTINGS).toEqual(ENTRIES.filter((e) => e.source === 'user' && e.kind !== 'prefix').map((e) => e.key));
    expect(BOOLEAN_SETTINGS).toEqual([
      'enableTraining', 'enableInference', 'allowInsecureConnections', 'inferenceRouterHA',
      'installNvidiaDevicePlugin', 'installPromOp', 'installVolcano', 'installDcgmExporter',
    ]);
    expect(CLI_MANAGED_SETTINGS).toEqual(ENTRIES.filter((e) => e.source === 'cli').map((e) => e.key));
    expect(LEGACY_SETTINGS).toEqual({
      privateEndpointNodeport: 'cli.legacy.privateEndpointNodeport',
      privateEndpointILB: 'cli.legacy.privateEndpointILB',
      inferenceLoadBalancerHA: 'cli.legacy.inferenceLoadBalancerHA',
    });
    expect(INSTALL_FLAGS).toEqual(['installNvidiaDevicePlugin', 'installPromOp', 'installVolcano', 'installDcgmExporter']);
  });

  it('names only messages that exist, in English and Brazilian Portuguese', () => {
    for (const locale of ['en', 'pt-BR'] as const) {
      for (const entry of ENTRIES) {
        for (const key of [entry.labelKey, entry.helpKey].filter(Boolean)) {
          expect(typeof messageAt(MESSAGES[locale], key as string), `${locale} ${entry.key} ${key}`).toBe('string');
        }
        const domainKeys = [entry.computedByCli, entry.impact?.message, ...(entry.legacyNames ?? []).map((l) => l.message)].filter(Boolean);
        for (const key of domainKeys) {
          expect(typeof messageAt(MESSAGES[locale].domain, key as string), `${locale} ${entry.key} ${key}`).toBe('string');
        }
      }
    }
  });

  it('maps every user-facing setting to a real field of the wizard, with a label', () => {
    for (const entry of ENTRIES.filter((e) => e.source === 'user')) {
      expect(entry.formField && FORM_PATHS.has(entry.formField), `${entry.key} → ${entry.formField}`).toBe(true);
      expect(entry.labelKey, entry.key).toBeDefined();
      expect(entry.step, entry.key).toBeDefined();
    }
    // The CLI computes the others: the form has no field for them.
    for (const entry of ENTRIES.filter((e) => e.source === 'cli')) expect(entry.formField, entry.key).toBeUndefined();
  });

  it('is where a message about a setting finds its field', () => {
    for (const entry of ENTRIES) {
      if (entry.formField && entry.kind !== 'prefix') expect(formPathForCliKey(entry.key)).toBe(entry.formField);
    }
    expect(formPathForCliKey('nodeSelector.pool')).toBe('nodeSelector');
    expect(formPathForCliKey('name')).toBe('extensionName');
    expect(formPathForCliKey('clusterPurpose')).toBe('clusterPurpose');
    expect(formPathForCliKey('constructor')).toBe('constructor');
  });

  it('gives the fresh wizard the extension defaults, so a fresh install writes none of them', () => {
    for (const entry of ENTRIES.filter((e) => e.kind === 'boolean' && e.source === 'user' && e.formField === e.key)) {
      expect(DEFAULT_DEPLOY_FORM[entry.formField as keyof typeof DEFAULT_DEPLOY_FORM], entry.key).toBe(booleanDefault(entry.key));
    }
    expect(DEFAULT_DEPLOY_FORM.releaseTrain).toBe(DEFAULT_RELEASE_TRAIN);
    expect(SERVICE_TYPES).toContain(DEFAULT_DEPLOY_FORM.serviceType);
  });

  it('gives every boolean a readable default and the value an update writes to turn it off', () => {
    for (const entry of ENTRIES.filter((e) => e.kind === 'boolean')) {
      const defaults = typeof entry.default === 'object' ? Object.values(entry.default) : entry.default === undefined ? [] : [entry.default];
      for (const value of defaults) expect(parseBooleanSetting(value), `${entry.key}=${value}`).toBeTypeOf('boolean');
      if (entry.source === 'user') expect(entry.offValue, entry.key).toBe('False');
    }
    for (const entry of ENTRIES.filter((e) => e.kind === 'enum')) expect(entry.values?.length, entry.key).toBeGreaterThan(0);
  });

  it('says when the CLI computes a default that depends on the cluster type', () => {
    expect(defaultOf(CLI_SETTING.nginxIngressEnabled, 'managedClusters')).toBe('true');
    expect(defaultOf(CLI_SETTING.nginxIngressEnabled, 'connectedClusters')).toBe('false');
    expect(settingIsOn({}, CLI_SETTING.relayEnabled, 'connectedClusters')).toBe(true);
    expect(settingIsOn({}, CLI_SETTING.relayEnabled, 'managedClusters')).toBe(false);
    expect(settingIsOn({ [CLI_SETTING.relayEnabled]: 'False' }, CLI_SETTING.relayEnabled, 'connectedClusters')).toBe(false);
  });
});

describe('the one boolean parser', () => {
  it('reads true and false in any case, and nothing else', () => {
    expect(['True', 'true', ' TRUE '].map(parseBooleanSetting)).toEqual([true, true, true]);
    expect(['False', 'false', 'FALSE'].map(parseBooleanSetting)).toEqual([false, false, false]);
    expect(['yes', '1', '', 'on'].map(parseBooleanSetting)).toEqual([undefined, undefined, undefined, undefined]);
    expect(parseBooleanSetting(undefined)).toBeUndefined();
  });

  it('reads a settings record by its own keys only, falling back otherwise', () => {
    expect(readBooleanSetting({ installPromOp: 'FALSE' }, 'installPromOp', true)).toBe(false);
    expect(readBooleanSetting({ InstallPromOp: 'False' }, 'installPromOp', true)).toBe(true);
    expect(readBooleanSetting({}, 'constructor', true)).toBe(true);
    expect(readBooleanSetting({ installPromOp: 'yes' }, 'installPromOp', true)).toBe(true);
  });
});

/**
 * The limits and constants are defined in the catalog only. A second definition is how the HA
 * minimum, the PEM limit, the service types and the extension type each came to be written three
 * times; this finds a new one. Known leftovers in files other people own are listed with why.
 */
describe('one definition of each limit', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const KNOWN_ELSEWHERE: Readonly<Record<string, string>> = {};
  const DEFINITIONS: ReadonlyArray<[string, RegExp]> = [
    ['HA_MIN_NODES', /const HA_MIN_NODES\s*=/],
    ['PEM limit', /64\s*\*\s*1024/],
    ['SERVICE_TYPES', /\[\s*'loadBalancer',\s*'nodePort',\s*'clusterIP'\s*\]/],
    ['AZUREML_EXTENSION_TYPE', /const AZUREML_EXTENSION_TYPE\s*=/],
    ['NODE_SELECTOR_PREFIX', /const NODE_SELECTOR_PREFIX\s*=/],
    ['boolean parser', /function (parseBooleanSetting|readBooleanSetting)\b/],
  ];
  // Other 64 KiB limits that are not the PEM's (the size of a pasted command).
  const OTHER_64K = new Set(['lib/domain/import-settings.ts']);

  function sourceFiles(dir: string): string[] {
    return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(ROOT, rel)).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : sourceFiles(rel);
      return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
    });
  }

  it.each(DEFINITIONS)('%s is defined in settings-catalog.ts only', (name, pattern) => {
    const files = ['lib', 'app', 'components'].flatMap(sourceFiles).filter((file) => pattern.test(readFileSync(path.join(ROOT, file), 'utf8')));
    const others = files.filter((file) => file !== 'lib/domain/settings-catalog.ts' && KNOWN_ELSEWHERE[file] !== name && !(name === 'PEM limit' && OTHER_64K.has(file)));
    expect(others).toEqual([]);
    expect(files).toContain('lib/domain/settings-catalog.ts');
  });
});
