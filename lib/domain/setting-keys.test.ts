/**
 * Issue 13, item 4: keys no Helm/Kubernetes setting can have are refused by the create schema,
 * at the key's own path and naming it, in the caller's language; every real key still passes.
 */
import { describe, expect, it } from 'vitest';

import { englishText } from '@/lib/i18n/english-text';
import { portugueseText } from '@/lib/i18n/testing';

import { CLI_MANAGED_SETTINGS, cliRequestSchema, cliRequestSchemaFor, DOCUMENTED_SETTINGS, LEGACY_SETTINGS, MAX_SETTING_KEY_LENGTH } from './cli-settings';
import { SEED_CLUSTERS } from './fixtures/seed-scenarios';
import { HOSTILE_SETTING_KEYS } from './fixtures/hostile-setting-keys';
import { isSettingKey } from './setting-keys';


/** Real keys: the catalog, the CLI's own keys, legacy names, node selectors, prototype names. */
const REAL_KEYS: readonly string[] = [
  ...DOCUMENTED_SETTINGS,
  ...CLI_MANAGED_SETTINGS,
  ...Object.keys(LEGACY_SETTINGS),
  'nodeSelector.pool',
  'nodeSelector.example.com/pool',
  'nodeSelector.kubernetes.io_os',
  'tolerations[0].key',
  '\u0435nableTraining',
  ...Object.getOwnPropertyNames(Object.prototype),
  'k'.repeat(MAX_SETTING_KEY_LENGTH),
];

const request = (map: 'configurationSettings' | 'configurationProtectedSettings', key: string) => ({
  clusterId: SEED_CLUSTERS.aksProdWesteurope.id,
  name: 'azureml',
  configurationSettings: { enableTraining: 'True' },
  // JSON.parse keeps `__proto__` an own key, as the API's body parser does.
  [map]: JSON.parse(`{${JSON.stringify(key)}: "v"}`) as Record<string, string>,
});

describe('isSettingKey', () => {
  it.each(REAL_KEYS.map((key) => [key]))('accepts the real key %j', (key) => {
    expect(isSettingKey(key)).toBe(true);
  });

  it.each(HOSTILE_SETTING_KEYS.map((key) => [key]))('refuses %j', (key) => {
    expect(isSettingKey(key)).toBe(false);
  });
});

describe('cliRequestSchema and setting keys', () => {
  for (const map of ['configurationSettings', 'configurationProtectedSettings'] as const) {
    it.each(HOSTILE_SETTING_KEYS.map((key) => [key]))(`refuses %j in ${map}, at its path, naming it`, (key) => {
      const parsed = cliRequestSchema.safeParse(request(map, key));
      expect(parsed.success).toBe(false);
      const issue = parsed.error?.issues.find((i) => i.path[0] === map && i.path[1] === key);
      expect(issue?.message).toContain(JSON.stringify(key).slice(1, -1).slice(0, 20));
      expect(issue?.message).toMatch(/cannot be a setting name/);
    });

    it.each(REAL_KEYS.map((key) => [key]))(`accepts %j in ${map}`, (key) => {
      expect(cliRequestSchema.safeParse(request(map, key)).error?.issues).toBeUndefined();
    });
  }

  it('says it in Portuguese for a Portuguese reader, and never repeats the value', () => {
    const body = request('configurationProtectedSettings', 'x;y');
    body.configurationProtectedSettings = { 'x;y': 'SECRETVALUE42' };
    const issues = cliRequestSchemaFor(portugueseText).safeParse(body).error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual([portugueseText('cli.settingKeyInvalid', { key: 'x;y', max: MAX_SETTING_KEY_LENGTH })]);
    expect(issues[0].message).toMatch(/não pode ser nome de configuração/);
    expect(JSON.stringify(issues)).not.toContain('SECRETVALUE42');
  });

  it('shows control characters escaped and a long key cut', () => {
    const [nul] = cliRequestSchema.safeParse(request('configurationSettings', 'a\u0000b')).error?.issues ?? [];
    expect(nul.message).toBe(englishText('cli.settingKeyInvalid', { key: 'a\\u0000b', max: MAX_SETTING_KEY_LENGTH }));
    const [long] = cliRequestSchema.safeParse(request('configurationSettings', 'k'.repeat(300))).error?.issues ?? [];
    expect(long.message).toContain(`'${'k'.repeat(64)}…'`);
  });
});

describe('cliRequestSchema: releaseTrain and version', () => {
  const base = { clusterId: SEED_CLUSTERS.aksProdWesteurope.id, name: 'azureml' };
  it.each([
    ['releaseTrain', 'stable', true],
    ['releaseTrain', 'preview', true],
    ['releaseTrain', 'Stable', true],
    ['releaseTrain', 'release_2024.10-rc', true],
    ['releaseTrain', '', true],
    ['releaseTrain', '-stable', false],
    ['releaseTrain', '.hidden', false],
    ['releaseTrain', 'stable;rm', false],
    ['releaseTrain', 'sta ble', false],
    ['releaseTrain', '../preview', false],
    ['releaseTrain', 's'.repeat(65), false],
    ['version', '1.2.3', true],
    ['version', '1.1.64', true],
    ['version', '1.2.3-preview.1', true],
    ['version', '1.2.3+build.5', true],
    ['version', '', true],
    ['version', '1.2', false],
    ['version', 'v1.2.3', false],
    ['version', '01.2.3', false],
    ['version', '1.2.3-', false],
    ['version', '1.2.3; rm -rf /', false],
    ['version', 'latest', false],
  ])('%s %j valid: %s', (field, value, valid) => {
    const parsed = cliRequestSchema.safeParse({ ...base, [field]: value });
    expect(parsed.success).toBe(valid);
    if (!valid) expect(parsed.error?.issues[0].path).toEqual([field]);
  });

  it.each([
    ['releaseTrain', 'cli.releaseTrainInvalid'],
    ['version', 'cli.versionInvalid'],
  ] as const)('explains a bad %s in the reader language', (field, key) => {
    for (const text of [englishText, portugueseText]) {
      const [issue] = cliRequestSchemaFor(text).safeParse({ ...base, [field]: 'bad value' }).error?.issues ?? [];
      expect(issue.message).toBe(text(key, { max: 64 }));
    }
  });
});
