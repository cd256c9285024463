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
    expect(explainFailure({ provisioningState: 'Failed', errorMessage: 'Check E49999 reported: new', statuses: [{ code: 'E49999' }] })).toBeUndefined();
    expect(explainFailure({ provisioningState: 'Succeeded' })).toBeUndefined();
  });

  it('reads an unknown code in a failed health check as a health check to look up in the report', () => {
    const explanation = explainFailure({ provisioningState: 'Failed', errorMessage: 'Healthcheck failed: [E49999] new', statuses: [{ code: 'E49999' }] });
    expect(explanation?.code).toBe('HealthCheckFailed');
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

/**
 * What real ARM sends: `statuses: []` and a free-text `errorInfo.message` (the REST spec's
 * examples), the Helm error wrapped by the extension agent and by ARM. Texts as users posted them.
 */
describe('explainFailure from the message text alone (statuses empty)', () => {
  const failed = (errorMessage: string) => explainFailure({ provisioningState: 'Failed', errorMessage, statuses: [] });

  // The CLI's answer to a failed install, https://github.com/Azure/azure-cli-extensions/issues/5477.
  const cliInstallFailure =
    'The extension operation failed with the following error:  Error: {Helm installation from path [] for release [azuremlsecure] failed with the following error: ' +
    'err [release azuremlsecure failed, and has been uninstalled due to atomic being set: failed pre-install: pod healthcheck failed]} ' +
    'occurred while doing the operation : {Installing the extension} on the config.';
  // The same through Terraform, newer agent wording, https://github.com/hashicorp/terraform-provider-azurerm/issues/24547.
  const terraformInstallFailure =
    'The extension operation failed with the following error:  Error: [ InnerError: [Helm installation failed : Unable to create/update Kubernetes resources for the extension : ' +
    'Recommendation Please check that there are no policies blocking the resource creation/update for the extension. ' +
    'Please refer to this URL for more details on this error: aka.ms/bing : InnerError [release machine-learning failed, and has been uninstalled due to atomic being set: ' +
    'failed pre-install: pod healthcheck failed]]] occurred while doing the operation : [Create] on the config, ' +
    'For general troubleshooting visit: https://aka.ms/k8s-extensions-TSG, For more application specific troubleshooting visit: Troubleshooting: https://aka.ms/arcmltsg.';
  // A report line of `arcml-healthcheck`, https://github.com/Azure/AML-Kubernetes/issues/293 ("confict" as posted).
  const reportE45005 = 'Status: Failed Name: inferencev1 ErrorCode: E45005 ErrorMessage: Azureml Fe deployment confict';
  // https://github.com/Azure/azure-sdk-for-python/issues/33480.
  const reportE45006 = 'Status: Failed Name: instancetype ErrorCode: E45006 ErrorMessage: Failed to validate or update instancetype';
  // The upgrade hook's wording, https://github.com/Azure/AML-Kubernetes/issues/293.
  const upgradeFailure = 'Helm Upgrade Failed : : InnerError [release azureml failed, and has been rolled back due to atomic being set: pre-upgrade hooks failed: pod healthcheck failed].';

  it.each([
    ['E40001', 'LOAD_BALANCER_NOT_SUPPORT'],
    ['E40002', 'INSUFFICIENT_NODE'],
    ['E40003', 'INTERNAL_LOAD_BALANCER_NOT_SUPPORT'],
    ['E40007', 'INVALID_SSL_SETTING'],
    ['E45002', 'PROMETHEUS_CONFLICT'],
    ['E45003', 'BAD_NETWORK_CONNECTIVITY'],
    ['E45004', 'AZUREML_FE_ROLE_CONFLICT'],
    ['E45005', 'AZUREML_FE_DEPLOYMENT_CONFLICT'],
  ])('recognises %s by its name in the Learn health-check table (%s), in the wrapped ARM message', (code, name) => {
    // Error Code of HealthCheck: https://learn.microsoft.com/azure/machine-learning/how-to-troubleshoot-kubernetes-extension#error-code-of-healthcheck
    expect(failed(terraformInstallFailure.replace('pod healthcheck failed', `pod healthcheck failed: ${name}`))?.code).toBe(code);
    expect(failed(`${upgradeFailure} ${name.toLowerCase().replaceAll('_', ' ')}`)?.code, 'lower case, spaces').toBe(code);
    expect(failed(`Healthcheck failed: ${name.replaceAll('_', '_\n  ')}`)?.code, 'wrapped over lines').toBe(code);
  });

  it.each(['E40001', 'E40002', 'E40003', 'E40007', 'E45002', 'E45003', 'E45004', 'E45005', 'E45006'])('recognises %s by its code in the text, in any case', (code) => {
    expect(failed(`${cliInstallFailure} ErrorCode: ${code}`)?.code).toBe(code);
    expect(failed(`${upgradeFailure}\nStatus: Failed Name: check ErrorCode: ${code.toLowerCase()} ErrorMessage: x`)?.code).toBe(code);
    // A report quoted inside JSON keeps its line breaks escaped.
    expect(failed(`{"report":"Status: Passed Name: service\\nStatus: Failed ErrorCode: ${code}\\n"}`)?.code).toBe(code);
  });

  it('recognises the report lines users posted, by code and by their words alone', () => {
    expect(failed(reportE45005)?.code).toBe('E45005');
    expect(failed(reportE45005.replace('ErrorCode: E45005 ', ''))?.code).toBe('E45005');
    expect(failed(reportE45006)?.code).toBe('E45006');
    expect(failed(reportE45006.replace('ErrorCode: E45006 ', ''))?.fix).toMatch(/instancetype/);
  });

  it('does not read an internal load balancer as a missing load balancer, nor an unrelated word as a check', () => {
    expect(failed('internal load balancer not supported')?.code).toBe('E40003');
    expect(failed('Conflict: the node pool is busy; insufficiently provisioned')).toBeUndefined();
    expect(failed('quota E400021 exceeded')).toBeUndefined();
  });

  it('explains a failed health check that names no check, as real ARM usually sends it, by pointing at the report', () => {
    for (const message of [cliInstallFailure, terraformInstallFailure, upgradeFailure]) {
      const explanation = failed(message);
      expect(explanation?.code, message).toBe('HealthCheckFailed');
      expect(explanation?.fix).toContain('kubectl get configmap arcml-healthcheck -n azureml -o yaml');
    }
    expect(failed(cliInstallFailure.replace('pod healthcheck failed', 'hook "healthcheck" failed'))?.code).toBe('HealthCheckFailed');
  });

  it('prefers a code in statuses, then a code in the text, over the words of another check', () => {
    expect(explainFailure({ provisioningState: 'Failed', errorMessage: `${reportE45005} E40002`, statuses: [{ code: 'E45002' }] })?.code).toBe('E45002');
    expect(failed(`PROMETHEUS_CONFLICT; ErrorCode: E40002`)?.code).toBe('E40002');
    expect(failed(`${cliInstallFailure} INSUFFICIENT_NODE`)?.code).toBe('E40002');
  });

  it('says it in Portuguese too', () => {
    const explanation = explainFailure({ provisioningState: 'Failed', errorMessage: cliInstallFailure, statuses: [] }, portugueseText);
    expect(explanation?.title).toBe('Uma verificação de integridade falhou');
    expect(explanation?.fix).toContain('arcml-healthcheck');
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
