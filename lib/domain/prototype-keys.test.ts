/**
 * Issue 13, item 10: setting keys and option flags named like `Object.prototype`'s members
 * (`constructor`, `toString`, `__proto__`, ...) are ordinary unknown names. They used to find
 * Object's functions in the lookup tables: the warning became "function Object() { [native code] }"
 * and use-intl logged MISSING_MESSAGE. The names come from `Object.prototype` itself.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';
import { portugueseText } from '@/lib/i18n/testing';

import { cliRequestSchema, type CliRequest } from './cli-settings';
import { validateCliRequest, type FieldMessage } from './cli-validation';
import { formPathForCliKey } from './deploy-schema';
import { SEED_CLUSTERS } from './fixtures/seed-scenarios';
import { importSettings } from './import-settings';
import { updateImpacts } from './update-impact';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);
const LANGUAGES: [string, DomainText][] = [['en', englishText], ['pt-BR', portugueseText]];

/** A message that is a sentence: not a function's source, not a raw catalog path. */
function expectSentences(messages: FieldMessage[]): void {
  for (const { message } of messages) {
    expect(message).not.toMatch(/function|native code|MISSING_MESSAGE|^(cli|importing)\./);
  }
}

/** An own property for every key, `__proto__` included, as JSON.parse builds it. */
const ownRecord = (keys: string[], value: string): Record<string, string> =>
  JSON.parse(JSON.stringify(Object.fromEntries(keys.map((key) => [key, value])))) as Record<string, string>;

let consoleError: MockInstance;
beforeEach(() => {
  // use-intl reports a missing message through console.error: none may be reported.
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});

describe('validateCliRequest with prototype-named keys', () => {
  it('JSON.parse keeps "__proto__" as an own key (so the records below hold every name)', () => {
    expect(Object.keys(ownRecord(PROTOTYPE_KEYS, '1'))).toEqual(PROTOTYPE_KEYS);
  });

  it.each(LANGUAGES)('warns "not a documented setting" for each, in a sentence, and says nothing is set twice (%s)', (_language, text) => {
    const settings = { ...ownRecord(PROTOTYPE_KEYS, '1'), enableTraining: 'True' };
    const req: CliRequest = {
      clusterId: SEED_CLUSTERS.aksProdWesteurope.id,
      name: 'azureml',
      configurationSettings: { enableTraining: 'True' },
      configurationProtectedSettings: ownRecord(PROTOTYPE_KEYS, '1'),
    };
    for (const request of [req, { ...req, configurationSettings: settings, configurationProtectedSettings: {} }]) {
      const { errors, warnings } = validateCliRequest(request, {}, text);
      expect(errors).toEqual([]);
      expect(warnings).toEqual(PROTOTYPE_KEYS.map((key) => ({ key, message: text('cli.undocumentedKey', { key }) })));
      expectSentences(warnings);
    }
  });

  it('through the API schema: parses without throwing, and whatever zod keeps reads as a sentence', () => {
    const body = JSON.stringify({
      clusterId: SEED_CLUSTERS.aksProdWesteurope.id,
      name: 'azureml',
      configurationSettings: { ...Object.fromEntries(PROTOTYPE_KEYS.map((key) => [key, 'x'])), enableTraining: 'True' },
      configurationProtectedSettings: Object.fromEntries(PROTOTYPE_KEYS.map((key) => [`${key}`, 'y'])),
    });
    const parsed = cliRequestSchema.safeParse(JSON.parse(body));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    // zod's record drops "__proto__"; it keeps the others as own keys.
    const kept = PROTOTYPE_KEYS.filter((key) => key !== '__proto__');
    expect(Object.keys(parsed.data.configurationSettings)).toEqual([...kept, 'enableTraining']);
    const { errors, warnings } = validateCliRequest(parsed.data);
    expectSentences([...errors, ...warnings]);
    expect(errors.map((e) => e.key)).toEqual(kept); // each set in both maps: "set it once"
    expect(warnings.map((w) => w.key)).toEqual(kept);
  });
});

describe('updateImpacts with prototype-named keys', () => {
  const BASE = { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', sslCname: 'ml.contoso.example' };

  it.each(PROTOTYPE_KEYS)('%s: changing or removing it is no impact', (key) => {
    const before = { ...BASE, ...ownRecord([key], '1') };
    expect(updateImpacts(before, { ...BASE, ...ownRecord([key], '2') })).toEqual([]);
    expect(updateImpacts(before, { ...BASE })).toEqual([]);
  });

  it('reads only own settings: an inherited sslCname is not a setting of the record', () => {
    const inherits = Object.create({ sslCname: BASE.sslCname, inferenceRouterServiceType: 'loadBalancer' }) as Record<string, string>;
    expect(updateImpacts(BASE, Object.assign(inherits, { enableTraining: 'True', enableInference: 'True' })).map((i) => i.key)).toEqual([
      'inferenceRouterServiceType',
      'sslCname',
    ]);
  });
});

describe('importSettings with prototype-named keys and flags', () => {
  it.each(LANGUAGES)('keeps --config constructor=1 toString=2 __proto__=3 as settings and warns about each (%s)', (_language, text) => {
    const pasted = `az k8s-extension create --name azureml --config ${PROTOTYPE_KEYS.map((key, i) => `${key}=${i}`).join(' ')} enableTraining=True`;
    const result = importSettings(pasted, text);
    expect(Object.keys(result.request.configurationSettings ?? {})).toEqual([...PROTOTYPE_KEYS, 'enableTraining']);
    expect(result.request.configurationSettings?.__proto__).toBe(String(PROTOTYPE_KEYS.indexOf('__proto__')));
    expect(result.unknownKeys).toEqual(PROTOTYPE_KEYS);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual(PROTOTYPE_KEYS.map((key) => text('cli.undocumentedKey', { key })));
  });

  it.each(PROTOTYPE_KEYS)('--%s is an ignored option; the bare word is not key=value and swallows nothing', (key) => {
    const flag = importSettings(`az k8s-extension create --${key} x --config enableTraining=True`);
    expect(flag.warnings).toEqual([{ key: `--${key}`, message: englishText('importing.ignoredOption', { flag: `--${key}` }) }]);
    expect(flag.request.configurationSettings).toEqual({ enableTraining: 'True' });

    const bare = importSettings(`az k8s-extension create --config ${key} enableTraining=True`);
    expect(bare.errors).toEqual([{ key, message: englishText('importing.notKeyValue', { word: key }) }]);
    expect(bare.request.configurationSettings).toEqual({ enableTraining: 'True' });
    expect(Object.keys(bare.request)).not.toContain('function Object() { [native code] }');
  });

  it('keeps prototype-named keys of a pasted JSON object, "__proto__" included', () => {
    const result = importSettings(JSON.stringify({ configurationSettings: { ...Object.fromEntries(PROTOTYPE_KEYS.map((key) => [key, 'x'])), enableTraining: true } }));
    expect(Object.keys(result.request.configurationSettings ?? {})).toEqual([...PROTOTYPE_KEYS, 'enableTraining']);
    expectSentences([...result.errors, ...result.warnings]);
  });
});

describe('formPathForCliKey with prototype-named keys', () => {
  it.each(PROTOTYPE_KEYS)('%s has no form field: it comes back unchanged', (key) => {
    expect(formPathForCliKey(key)).toBe(key);
    expect(formPathForCliKey(`nodeSelector.${key}`)).toBe('nodeSelector');
  });
});
