/**
 * Issue 13, item 3: a value given under configurationProtectedSettings is never repeated in a
 * message (the API's 422, the audit trail and the logs all carry the messages). The keys come from
 * the catalog in cli-settings.ts, so a setting added there is covered without touching this file.
 */
import { describe, expect, it } from 'vitest';

import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';
import { portugueseText } from '@/lib/i18n/testing';

import { BOOLEAN_SETTINGS, CLI_MANAGED_SETTINGS, DOCUMENTED_SETTINGS, LEGACY_SETTINGS, SETTING, type CliRequest } from './cli-settings';
import { validateCliRequest } from './cli-validation';
import { SEED_CLUSTERS } from './fixtures/seed-scenarios';
import { importPlan } from './import-answers';
import { importSettings } from './import-settings';

const CANARY = 'SECRETVALUE42';
/** Values that break each rule that quotes a value: not a boolean, a service type, 'azure', a host name. */
const VARIANTS = [CANARY, ` ${CANARY} `, `${CANARY}..example`, `-${CANARY}-`, `${CANARY}=True`, `azure ${CANARY}`];
const UNKNOWN_KEYS = ['EnableInference', 'sslcname', 'nodeSelector.pool', 'nodeselector.pool', 'madeUp.setting', ...Object.getOwnPropertyNames(Object.prototype)];
const KEYS = [...new Set([...DOCUMENTED_SETTINGS, ...CLI_MANAGED_SETTINGS, ...Object.keys(LEGACY_SETTINGS), ...UNKNOWN_KEYS])];

/** Plain settings that switch on the rules a protected value might reach (inference, TLS, the router). */
const BASES: Record<string, string>[] = [
  {},
  { enableInference: 'True' },
  { enableInference: 'True', sslSecret: 'azureml-tls' },
  { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'nodePort', sslSecret: 'azureml-tls' },
];
const LANGUAGES: [string, DomainText][] = [['en', englishText], ['pt-BR', portugueseText]];

function without(record: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

function request(settings: Record<string, string>, protectedSettings: Record<string, string>): CliRequest {
  return { clusterId: SEED_CLUSTERS.aksProdWesteurope.id, name: 'azureml', configurationSettings: settings, configurationProtectedSettings: protectedSettings };
}

/** Every request of the table: one key protected, over each base, with the rest plain or protected too. */
function* cases(): Generator<{ key: string; value: string; req: CliRequest }> {
  for (const key of KEYS) {
    for (const value of VARIANTS) {
      for (const base of BASES) {
        yield { key, value, req: request(without(base, key), { [key]: value }) };
        // The context itself given as protected: the rules read both maps.
        yield { key, value, req: request({}, { ...base, [key]: value }) };
      }
    }
  }
}

const mentionsCanary = (messages: unknown) => JSON.stringify(messages).toLowerCase().includes(CANARY.toLowerCase());

describe('protected values are never echoed', () => {
  it.each(LANGUAGES)('validateCliRequest quotes no protected value (%s)', (_language, text) => {
    const leaks: string[] = [];
    for (const { key, value, req } of cases()) {
      const result = validateCliRequest(req, {}, text);
      if (mentionsCanary(result)) leaks.push(`${key}=${value}: ${JSON.stringify(result)}`);
    }
    expect(leaks).toEqual([]);
  });

  it.each(LANGUAGES)('the import parser quotes no protected value, from JSON or an az command (%s)', (_language, text) => {
    const leaks: string[] = [];
    for (const { key, value, req } of cases()) {
      const pasted = JSON.stringify({ configurationSettings: req.configurationSettings, configurationProtectedSettings: req.configurationProtectedSettings });
      const fromJson = importSettings(pasted, text);
      const fromCommand = importSettings(`az k8s-extension create --config enableInference=True --config-protected '${key}=${value}'`, text);
      for (const result of [fromJson, fromCommand]) {
        if (mentionsCanary({ errors: result.errors, warnings: result.warnings })) leaks.push(`${key}=${value}: ${JSON.stringify(result.errors)}`);
        // What the dialog lists it will set (import-answers.ts), and its one-click fixes' labels (in the problems above).
        const plan = importPlan(result, [], text);
        if (mentionsCanary([plan.answers, plan.clusterNote])) leaks.push(`${key}=${value}: ${JSON.stringify(plan.answers)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it.each(LANGUAGES)('the import dialog\'s list of answers names a protected value given alongside a plain one without quoting it (%s)', (_language, text) => {
    for (const key of ['sslSecret', 'sslCname', 'nodeSelector.pool']) {
      const pasted = JSON.stringify({
        configurationSettings: { enableInference: 'True', inferenceRouterServiceType: 'nodePort', sslSecret: 'azureml-tls', sslCname: 'ml.contoso.com', [key]: 'plain' },
        configurationProtectedSettings: { [key]: `${CANARY}.example` },
      });
      const answers = importPlan(importSettings(pasted, text), [], text).answers;
      expect(answers.length).toBeGreaterThan(3);
      expect(mentionsCanary(answers)).toBe(false);
    }
  });

  it.each(LANGUAGES)('a protected word that is not key=value is not repeated either (%s)', (_language, text) => {
    const result = importSettings(`az k8s-extension create --config enableTraining=True --config-protected ${CANARY}`, text);
    expect(result.errors.map((e) => e.key)).toEqual(['--config-protected']);
    expect(mentionsCanary(result.errors)).toBe(false);
    // A plain word still names itself: it is no secret and helps find the typo.
    expect(importSettings(`--config ${CANARY}`, text).errors[0].message).toContain(CANARY);
  });

  // The table above cannot pass by never reaching a rule: each rule that quotes a value fires on a
  // protected canary, with a message of its own.
  const ruleKeys = [...BOOLEAN_SETTINGS, SETTING.inferenceRouterServiceType, SETTING.internalLoadBalancerProvider, SETTING.sslCname];
  it.each(ruleKeys)('%s given as protected is still refused, by a message naming the key', (key) => {
    const fired = VARIANTS.flatMap((value) => validateCliRequest(request(without(BASES[2], key), { [key]: value })).errors).filter((e) => e.key === key);
    expect(fired.length).toBeGreaterThan(0);
    for (const error of fired) expect(error.message).toMatch(/^The protected value given for \w+ is not /);
  });
});

describe('plain values are still quoted (they are not secret, and quoting them helps)', () => {
  it.each([
    [SETTING.enableInference, 'yes', 'enableInference must be True or False'],
    [SETTING.inferenceRouterHA, 'maybe', 'inferenceRouterHA must be True or False'],
    [SETTING.inferenceRouterServiceType, 'Ingress', 'inferenceRouterServiceType must be'],
    [SETTING.internalLoadBalancerProvider, 'gcp', 'supports only'],
    [SETTING.sslCname, 'ml..contoso', 'is not a host name'],
  ])('%s=%s', (key, value, sentence) => {
    const settings = { ...without(BASES[2], key), [key]: value };
    const messages = validateCliRequest(request(settings, {})).errors.filter((e) => e.key === key).map((e) => e.message);
    expect(messages).toEqual([expect.stringContaining(sentence)]);
    expect(messages[0]).toContain(`'${value}'`);
  });
});
