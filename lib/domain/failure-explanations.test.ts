import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { explainFailure, explainLegacySettings, HEALTH_CHECK_EXPLANATIONS } from './failure-explanations';

/** The message shape the extension's Helm pre-install hook produces (see lib/sandbox/faults.ts). */
const helmMessage = (code: string) =>
  `Error: {failed to install chart from path [] for release [azureml]: err [pre-install: hook "healthcheck" failed: pod healthcheck failed]} ` +
  `occurred while doing the operation : {Installing the extension} on the config. Healthcheck failed: [${code}] details.`;

describe('explainFailure', () => {
  it.each(['E40001', 'E40002', 'E40003', 'E40007', 'E45002', 'E45003', 'E45004', 'E45005', 'E45006'])(
    'recognises %s from the status code',
    (code) => {
      const explanation = explainFailure({ provisioningState: 'Failed', statuses: [{ code, message: 'x' }] });
      expect(explanation?.code).toBe(code);
      expect(explanation?.fix.length).toBeGreaterThan(10);
    },
  );

  it('reads the code from the Helm message when statuses carry none', () => {
    const explanation = explainFailure({ provisioningState: 'Failed', errorMessage: helmMessage('E40002') });
    expect(explanation).toMatchObject({ code: 'E40002' });
    expect(explanation?.fix).toMatch(/inferenceRouterHA=False/);
  });

  it('prefers the structured status code over a code in the text', () => {
    expect(explainFailure({ provisioningState: 'Failed', errorMessage: helmMessage('E40002'), statuses: [{ code: 'E45002' }] })?.code).toBe('E45002');
  });

  it('ignores unknown codes and answers undefined when nothing is recognised', () => {
    expect(explainFailure({ provisioningState: 'Failed', errorMessage: 'Healthcheck failed: [E49999] new', statuses: [{ code: 'E49999' }] })).toBeUndefined();
    expect(explainFailure({ provisioningState: 'Succeeded' })).toBeUndefined();
  });

  it.each([
    ['Error: cannot re-use a name that is still in use', 'NameStillInUse', /another extension name/],
    ['Conflict: another operation is in progress on this extension', 'OperationInProgress', /Wait/],
    ['namespace "azureml" is being terminated, cannot create', 'NamespaceTerminating', /previous uninstall|namespace/],
    [
      'rendered manifests contain a resource that already exists. Unable to continue with install: CustomResourceDefinition "jobs.batch.volcano.sh" in namespace "" exists and cannot be imported into the current release: invalid ownership metadata',
      'VolcanoConflict',
      /installVolcano=False/,
    ],
  ])('recognises the message %s', (message, code, fix) => {
    const explanation = explainFailure({ provisioningState: 'Failed', errorMessage: message });
    expect(explanation?.code).toBe(code);
    expect(explanation?.fix).toMatch(fix);
  });

  it('explains a crash-looping component after a Succeeded install', () => {
    const explanation = explainFailure({
      provisioningState: 'Succeeded',
      components: [
        { name: 'gateway', state: 'Ready' },
        { name: 'azureml-fe-v2', state: 'Failed', reason: 'CrashLoopBackOff: back-off' },
      ],
    });
    expect(explanation).toMatchObject({ code: 'ComponentCrashLooping', title: 'azureml-fe-v2 keeps failing' });
    expect(explanation?.meaning).toMatch(/CrashLoopBackOff/);
  });

  it('has an entry for every health-check code of DOMAIN.md section 8', () => {
    expect(Object.keys(HEALTH_CHECK_EXPLANATIONS).sort()).toEqual(
      ['E40001', 'E40002', 'E40003', 'E40007', 'E45002', 'E45003', 'E45004', 'E45005', 'E45006'].sort(),
    );
  });
});

describe('explainLegacySettings', () => {
  it('explains each legacy key present, case-sensitively', () => {
    const explanations = explainLegacySettings({
      inferenceLoadBalancerHA: 'False',
      privateEndpointILB: 'true',
      privateEndpointNodeport: 'true',
      privateendpointilb: 'true',
    });
    expect(explanations.map((e) => e.code)).toEqual(['inferenceLoadBalancerHA', 'privateEndpointILB', 'privateEndpointNodeport']);
    expect(explanations[0].fix).toMatch(/inferenceRouterHA/);
    expect(explanations[1].fix).toMatch(/internalLoadBalancerProvider=azure/);
  });

  it('says nothing for current settings', () => {
    expect(explainLegacySettings({ inferenceRouterHA: 'False', enableTraining: 'True' })).toEqual([]);
  });
});

describe('explanations in Brazilian Portuguese', () => {
  it.each(['E40001', 'E40002', 'E40003', 'E40007', 'E45002', 'E45003', 'E45004', 'E45005', 'E45006'])('translates %s, keeping the setting names', (code) => {
    const english = explainFailure({ provisioningState: 'Failed', statuses: [{ code }] });
    const portuguese = explainFailure({ provisioningState: 'Failed', statuses: [{ code }] }, portugueseText);
    expect(portuguese?.code).toBe(code);
    for (const field of ['title', 'meaning', 'fix'] as const) expect(portuguese?.[field], field).not.toBe(english?.[field]);
  });

  it('writes the E40002 fix in Portuguese with the setting as the CLI spells it', () => {
    const explanation = explainFailure({ provisioningState: 'Failed', errorMessage: helmMessage('E40002') }, portugueseText);
    expect(explanation?.title).toBe('Nós íntegros insuficientes para um roteador de alta disponibilidade');
    expect(explanation?.fix).toBe('Defina inferenceRouterHA=False ou adicione nós íntegros. Se você usa um nodeSelector, só contam os nós que ele seleciona.');
  });

  it('translates the message signatures and the crash-looping component, keeping the cluster reason as reported', () => {
    expect(explainFailure({ provisioningState: 'Failed', errorMessage: 'another operation is in progress' }, portugueseText)?.title).toBe(
      'Outra operação está em andamento',
    );
    const crash = explainFailure(
      { provisioningState: 'Succeeded', components: [{ name: 'azureml-fe-v2', state: 'Failed', reason: 'CrashLoopBackOff: back-off' }] },
      portugueseText,
    );
    expect(crash).toMatchObject({ code: 'ComponentCrashLooping', title: 'azureml-fe-v2 continua falhando' });
    expect(crash?.meaning).toBe(
      'O componente azureml-fe-v2 não está iniciando (CrashLoopBackOff: back-off): os pods dele falham e o Kubernetes continua a reiniciá-los.',
    );
    expect(crash?.fix).toContain('kubectl logs -n azureml deploy/azureml-fe-v2 --previous');
  });

  it('explains legacy settings in Portuguese', () => {
    const [legacy] = explainLegacySettings({ privateEndpointNodeport: 'true' }, portugueseText);
    expect(legacy).toEqual({
      code: 'privateEndpointNodeport',
      title: 'Configuração legada privateEndpointNodeport',
      meaning: 'privateEndpointNodeport é a forma antiga de expor o roteador em uma porta de nó.',
      fix: 'Em vez dela, use inferenceRouterServiceType=nodePort.',
    });
  });
});
