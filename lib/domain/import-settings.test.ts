import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { CLI_MANAGED_SETTINGS, DOCUMENTED_SETTINGS } from './cli-settings';
import { SEED_SCENARIO_1_AS_PRINTED, seedScenarios } from './fixtures/seed-scenarios';
import { applyImportFix, importSettings, MAX_IMPORT_LENGTH, shellWords, type ImportResult } from './import-settings';

describe('importSettings: commands', () => {
  it("catches the seed's InferenceRouterHA typo, naming inferenceRouterHA", () => {
    const result = importSettings(SEED_SCENARIO_1_AS_PRINTED);
    expect(result.errors).toEqual([
      {
        key: 'InferenceRouterHA',
        message: 'InferenceRouterHA is not a setting; did you mean inferenceRouterHA? Keys are case-sensitive.',
        fix: { key: 'InferenceRouterHA', renameTo: 'inferenceRouterHA', set: {}, label: 'Rename InferenceRouterHA to inferenceRouterHA' },
      },
    ]);
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

/** The fix offered for `key`, failing the test when there is none. */
function fixOf(result: ImportResult, key: string) {
  const fix = [...result.errors, ...result.warnings].find((problem) => problem.key === key)?.fix;
  if (!fix) throw new Error(`no fix offered for ${key}`);
  return fix;
}

describe('importSettings: one-click fixes', () => {
  it("fixes the seed's typo in one click: the key renamed, HA off kept, no error left", () => {
    const result = importSettings(SEED_SCENARIO_1_AS_PRINTED);
    const fixed = applyImportFix(result, fixOf(result, 'InferenceRouterHA'));
    expect(fixed.errors).toEqual([]);
    expect(fixed.request.configurationSettings).toEqual({
      enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'LoadBalancer', allowInsecureConnections: 'True', inferenceRouterHA: 'False',
    });
    // What reading the text found stays: the placeholders are still to be chosen in the portal.
    expect(fixed.warnings.map((w) => w.key)).toEqual(['name', 'clusterName', 'resourceGroup']);
    expect(fixed.cluster).toEqual(result.cluster);
  });

  it('renames a miscased node selector, keeping its value', () => {
    const result = importSettings('enableTraining=True nodeselector.pool=gpu');
    expect(result.errors.map((e) => e.key)).toEqual(['nodeselector.pool']);
    const fix = fixOf(result, 'nodeselector.pool');
    expect(fix.label).toBe('Rename nodeselector.pool to nodeSelector.pool');
    const fixed = applyImportFix(result, fix);
    expect(fixed.errors).toEqual([]);
    expect(fixed.request.configurationSettings).toEqual({ enableTraining: 'True', 'nodeSelector.pool': 'gpu' });
  });

  it('replaces the legacy names by their equivalents (DOMAIN.md section 2)', () => {
    const ha = importSettings('enableTraining=True inferenceLoadBalancerHA=False');
    expect(fixOf(ha, 'inferenceLoadBalancerHA').label).toBe('Rename inferenceLoadBalancerHA to inferenceRouterHA');
    expect(applyImportFix(ha, fixOf(ha, 'inferenceLoadBalancerHA')).request.configurationSettings).toEqual({ enableTraining: 'True', inferenceRouterHA: 'False' });

    const ilb = importSettings('enableInference=True allowInsecureConnections=True privateEndpointILB=True');
    expect(ilb.errors.map((e) => e.key)).toEqual(['inferenceRouterServiceType']);
    const ilbFix = fixOf(ilb, 'privateEndpointILB');
    expect(ilbFix.label).toBe('Replace privateEndpointILB with inferenceRouterServiceType=loadBalancer, internalLoadBalancerProvider=azure');
    const internal = applyImportFix(ilb, ilbFix);
    expect(internal.errors).toEqual([]);
    expect(internal.warnings).toEqual([]);
    expect(internal.request.configurationSettings).toEqual({
      enableInference: 'True', allowInsecureConnections: 'True', inferenceRouterServiceType: 'loadBalancer', internalLoadBalancerProvider: 'azure',
    });

    const nodePort = importSettings('enableInference=True allowInsecureConnections=True privateEndpointNodeport=true');
    const nodePortFixed = applyImportFix(nodePort, fixOf(nodePort, 'privateEndpointNodeport'));
    expect(nodePortFixed.errors).toEqual([]);
    expect(nodePortFixed.request.configurationSettings).toMatchObject({ inferenceRouterServiceType: 'nodePort' });
    expect(nodePortFixed.request.configurationSettings).not.toHaveProperty('privateEndpointNodeport');
  });

  it('a legacy key set to False asked for nothing: its fix removes it; a value already given is not overwritten', () => {
    const off = importSettings('enableInference=True allowInsecureConnections=True inferenceRouterServiceType=clusterIP privateEndpointILB=False');
    const fix = fixOf(off, 'privateEndpointILB');
    expect(fix).toEqual({ key: 'privateEndpointILB', set: {}, label: 'Remove privateEndpointILB: set to False, it asks for nothing' });
    expect(applyImportFix(off, fix).request.configurationSettings).toEqual({ enableInference: 'True', allowInsecureConnections: 'True', inferenceRouterServiceType: 'clusterIP' });
    // privateEndpointILB=True under a NodePort router: which one is meant is the user's call.
    const conflict = importSettings('enableInference=True allowInsecureConnections=True inferenceRouterServiceType=NodePort privateEndpointILB=True');
    expect(conflict.warnings.find((w) => w.key === 'privateEndpointILB')?.fix).toBeUndefined();
    // Not a boolean: no equivalent to offer.
    expect(importSettings('enableTraining=True privateEndpointNodeport=maybe').warnings[0].fix).toBeUndefined();
  });

  it('with both spellings given, a duplicate saying the same is removed and a contradiction gets no fix', () => {
    const duplicate = importSettings('enableTraining=True InferenceRouterHA=false inferenceRouterHA=False');
    const fix = fixOf(duplicate, 'InferenceRouterHA');
    expect(fix.label).toBe('Remove InferenceRouterHA: inferenceRouterHA already says the same');
    expect(applyImportFix(duplicate, fix).request.configurationSettings).toEqual({ enableTraining: 'True', inferenceRouterHA: 'False' });
    const contradiction = importSettings('enableTraining=True InferenceRouterHA=True inferenceRouterHA=False');
    expect(contradiction.errors[0].fix).toBeUndefined();
  });

  it('a protected key is renamed inside the protected settings, and its fix holds no value', () => {
    const result = importSettings('az k8s-extension create --config enableInference=True inferenceRouterServiceType=nodePort sslSecret=tls --config-protected SSLCname=ml.contoso.com');
    const fix = fixOf(result, 'SSLCname');
    expect(JSON.stringify(fix)).not.toContain('contoso');
    const fixed = applyImportFix(result, fix);
    expect(fixed.request.configurationProtectedSettings).toEqual({ sslCname: 'ml.contoso.com' });
    expect(fixed.errors).toEqual([]);
  });

  it('a fix is offered once per key, and applying one whose key is gone changes nothing', () => {
    const result = importSettings('enableTraining=True EnableTraining=True');
    const withFix = [...result.errors, ...result.warnings].filter((p) => p.fix);
    expect(withFix.map((p) => p.key)).toEqual(['EnableTraining']);
    const fixed = applyImportFix(result, fixOf(result, 'EnableTraining'));
    expect(applyImportFix(fixed, fixOf(result, 'EnableTraining')).request).toEqual(fixed.request);
  });

  it('offers, for every miscased known key, the very spelling the validation suggests', () => {
    const pairs = [...DOCUMENTED_SETTINGS, ...CLI_MANAGED_SETTINGS].map((known) => [known, known.toUpperCase()]);
    // A node selector's label is the user's own, case and all: only the prefix is corrected.
    for (const [known, miscased] of [...pairs, ['nodeSelector.Pool', 'NODESELECTOR.Pool']]) {
      const error = importSettings(`${miscased}=x`).errors.find((e) => e.key === miscased);
      expect(error?.message, miscased).toContain(`did you mean ${known}?`);
      expect(error?.fix?.renameTo, miscased).toBe(known);
    }
  });

  it('names its fixes in Portuguese', () => {
    const result = importSettings(SEED_SCENARIO_1_AS_PRINTED, portugueseText);
    expect(fixOf(result, 'InferenceRouterHA').label).toBe('Renomear InferenceRouterHA para inferenceRouterHA');
    const ilb = importSettings('enableTraining=True privateEndpointILB=True', portugueseText);
    expect(fixOf(ilb, 'privateEndpointILB').label).toBe('Substituir privateEndpointILB por inferenceRouterServiceType=loadBalancer, internalLoadBalancerProvider=azure');
  });
});
