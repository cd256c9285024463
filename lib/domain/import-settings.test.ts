import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { SEED_SCENARIO_1_AS_PRINTED, seedScenarios } from './fixtures/seed-scenarios';
import { importSettings, MAX_IMPORT_LENGTH, shellWords } from './import-settings';

describe('importSettings: commands', () => {
  it("catches the seed's InferenceRouterHA typo, naming inferenceRouterHA", () => {
    const result = importSettings(SEED_SCENARIO_1_AS_PRINTED);
    expect(result.errors).toEqual([{ key: 'InferenceRouterHA', message: 'InferenceRouterHA is not a setting; did you mean inferenceRouterHA? Keys are case-sensitive.' }]);
    expect(result.request.configurationSettings).toMatchObject({ enableTraining: 'True', InferenceRouterHA: 'False' });
    expect(result.cluster).toEqual({ type: 'managedClusters', name: undefined, resourceGroup: undefined, subscription: undefined });
    expect(result.warnings.map((w) => w.key)).toEqual(expect.arrayContaining(['name', 'clusterName', 'resourceGroup']));
  });

  it('reads every seed scenario command, with the PEM paths as files to upload', () => {
    for (const scenario of seedScenarios({ cert: 'c', key: 'k' })) {
      const result = importSettings(scenario.command);
      expect(result.errors).toEqual([]);
      expect(result.request.configurationSettings).toEqual(scenario.request.configurationSettings);
      expect(result.cluster).toMatchObject({ name: scenario.cluster.name, type: scenario.cluster.type });
    }
    const [, , aksProd] = seedScenarios({ cert: 'c', key: 'k' });
    const result = importSettings(aksProd.command);
    expect(result.request.configurationProtectedSettings).toEqual({ sslCertPemFile: './cert.pem', sslKeyPemFile: './key.pem' });
    expect(result.warnings.map((w) => w.key)).toEqual(['sslCertPemFile', 'sslKeyPemFile']);
  });

  it('reads multi-line commands, quotes, short options, long option names and repeated --config', () => {
    const text = `az k8s-extension create -n aml \\
      --extension-type Microsoft.AzureML.Kubernetes -t connectedClusters -c "arc one" -g rg --subscription sub1 \\
      --configuration-settings enableTraining=True 'nodeSelector.pool=gpu' \\
      --config "sslCname=ml.contoso.com" enableInference=True inferenceRouterServiceType=NodePort \\
      --configuration-protected-settings sslCertPemFile=/tmp/c.pem sslKeyPemFile=/tmp/k.pem \\
      --release-train preview --version 1.1.64 --auto-upgrade-minor-version false --no-wait`;
    const result = importSettings(text);
    expect(result.request).toEqual({
      clusterId: '/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc one',
      name: 'aml',
      configurationSettings: { enableTraining: 'True', 'nodeSelector.pool': 'gpu', sslCname: 'ml.contoso.com', enableInference: 'True', inferenceRouterServiceType: 'NodePort' },
      configurationProtectedSettings: { sslCertPemFile: '/tmp/c.pem', sslKeyPemFile: '/tmp/k.pem' },
      releaseTrain: 'preview', version: '1.1.64', autoUpgradeMinorVersion: false,
    });
    expect(result.warnings.map((w) => w.key)).toEqual(['--no-wait', 'sslCertPemFile', 'sslKeyPemFile']);
  });

  it('refuses another extension type, namespace scope and settings files', () => {
    const result = importSettings('az k8s-extension create --extension-type Microsoft.Flux --scope namespace --config-settings-file s.json --config enableTraining=True');
    expect(result.errors.map((e) => e.key)).toEqual(['--config-settings-file', 'extensionType', 'scope']);
  });
});

describe('importSettings: lists and JSON', () => {
  it('reads a bare --config list and k=v lines', () => {
    expect(importSettings('--config enableTraining=True installPromOp=False').request.configurationSettings).toEqual({ enableTraining: 'True', installPromOp: 'False' });
    expect(importSettings('enableTraining=True\nnodeSelector.pool=gpu\n').request.configurationSettings).toEqual({ enableTraining: 'True', 'nodeSelector.pool': 'gpu' });
  });

  it('reads a settings object, a CliRequest and an `az k8s-extension show` extension', () => {
    expect(importSettings('{"enableTraining": true, "installPromOp": "False"}').request.configurationSettings).toEqual({ enableTraining: 'True', installPromOp: 'False' });
    const shown = importSettings(JSON.stringify({ name: 'azureml', properties: { configurationSettings: { enableTraining: 'True', clusterPurpose: 'DevTest' }, releaseTrain: 'stable', autoUpgradeMinorVersion: true } }));
    expect(shown.request).toMatchObject({ name: 'azureml', releaseTrain: 'stable', autoUpgradeMinorVersion: true, configurationSettings: { enableTraining: 'True', clusterPurpose: 'DevTest' } });
    expect(shown.unknownKeys).toEqual(['clusterPurpose']);
  });

  it('reports unknown keys as warnings and bad input as errors', () => {
    const result = importSettings('enableTraining=True myValue=1 oops');
    expect(result.unknownKeys).toEqual(['myValue']);
    expect(result.warnings).toEqual([{ key: 'myValue', message: expect.stringMatching(/not a documented/) }]);
    expect(result.errors).toEqual([{ key: 'oops', message: "'oops' is not a key=value setting." }]);
    expect(importSettings('{ not json').errors[0].message).toMatch(/does not parse/);
    expect(importSettings('x'.repeat(MAX_IMPORT_LENGTH + 1)).errors[0].key).toBe('import');
  });
});

describe('shellWords', () => {
  it('splits like a POSIX shell for quotes, escapes and continuations', () => {
    expect(shellWords(`a "b c" 'd "e"' f\\ g "h\\"i" \\\n j`)).toEqual(['a', 'b c', 'd "e"', 'f g', 'h"i', 'j']);
    expect(shellWords('x ""')).toEqual(['x', '']);
  });
});

describe('importSettings in Brazilian Portuguese', () => {
  it('says what it could not read, and the rules it checks, in Portuguese', () => {
    const result = importSettings(
      'az k8s-extension create --cluster-name <cluster> --extension-type Microsoft.Flux --config-settings-file s.json --config enableTraining=True oops InferenceRouterHA=False',
      portugueseText,
    );
    expect(result.errors.map((e) => e.message)).toEqual([
      '--config-settings-file indica um arquivo local que o portal não consegue ler; cole as configurações dele.',
      "'oops' não é uma configuração no formato chave=valor.",
      'Este comando instala Microsoft.Flux, não Microsoft.AzureML.Kubernetes.',
      'InferenceRouterHA não é uma configuração; você quis dizer inferenceRouterHA? As chaves diferenciam maiúsculas de minúsculas.',
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      '--config-settings-file não é usado pelo portal e foi ignorado.',
      '<cluster> é um espaço reservado; escolha o valor no portal.',
    ]);
    expect(importSettings('{ not json', portugueseText).errors[0].message).toBe('Isto parece JSON, mas não pode ser analisado.');
    expect(importSettings('x'.repeat(MAX_IMPORT_LENGTH + 1), portugueseText).errors[0].message).toBe('O texto colado é maior que 64 KiB.');
  });
});
