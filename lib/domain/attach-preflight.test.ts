import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';

import { ptBRDomainMessages } from '@/lib/i18n/messages/domain';
import ptAttach from '@/lib/i18n/messages/pt-BR/attach.json';

import type { AttachText } from './attach';
import { hasBlockingAttachFinding, namespaceOrigin, runAttachPreflight, type AttachFacts, type AttachIntent, type ClusterExtensionFacts } from './attach-preflight';
import { aksCluster, arcCluster, SUBSCRIPTION } from './preflight/test-fixtures';

const portuguese: AttachText = createTranslator({ locale: 'pt-BR', messages: { ...ptBRDomainMessages, attach: ptAttach } }) as never;

const OTHER_SUBSCRIPTION = '99999999-8888-7777-6666-555555555555';
const WORKSPACE = { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`, name: 'ws-ml' };
const AKS = aksCluster();

function extension(over: Partial<ClusterExtensionFacts> = {}): ClusterExtensionFacts {
  return {
    id: `${AKS.summary.id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
    name: 'azureml',
    extensionType: 'Microsoft.AzureML.Kubernetes',
    provisioningState: 'Succeeded',
    configurationSettings: { enableTraining: 'True', enableInference: 'True' },
    ...over,
  };
}

/** A clean attach: nothing to say. */
function facts(over: Partial<AttachFacts> = {}): AttachFacts {
  return {
    cluster: AKS,
    workspace: WORKSPACE,
    extensions: [extension()],
    computes: [],
    namespaceExists: true,
    workspacePermissions: [{ actions: ['*'] }],
    ...over,
  };
}

function intent(over: Partial<AttachIntent> = {}): AttachIntent {
  return { computeName: 'k8s-compute', namespace: 'default', workloads: ['training', 'inference'], ...over };
}

const codes = (f: AttachFacts, i: AttachIntent = intent()) => runAttachPreflight(f, i).map((finding) => `${finding.severity}:${finding.code}`);

describe('runAttachPreflight', () => {
  it('finds nothing on a clean attach', () => {
    expect(runAttachPreflight(facts(), intent())).toEqual([]);
  });

  it('blocks without the AzureML extension (another extension does not count)', () => {
    const findings = runAttachPreflight(facts({ extensions: [extension({ extensionType: 'microsoft.flux', name: 'flux' })] }), intent());
    expect(findings).toEqual([
      { code: 'extension-missing', severity: 'error', message: expect.stringContaining('aks-test has no Azure Machine Learning extension'), fix: expect.stringContaining('Install the Azure Machine Learning extension on aks-test') },
    ]);
    expect(hasBlockingAttachFinding(findings)).toBe(true);
  });

  it('blocks an extension that is not Succeeded, saying wait while it moves and fix when it failed', () => {
    const [creating] = runAttachPreflight(facts({ extensions: [extension({ provisioningState: 'Creating' })] }), intent());
    expect(creating).toMatchObject({ code: 'extension-not-succeeded', severity: 'error', fix: expect.stringContaining('Wait until'), action: { kind: 'open-extension', extensionId: extension().id } });
    const [failed] = runAttachPreflight(facts({ extensions: [extension({ provisioningState: 'Failed' })] }), intent());
    expect(failed.message).toBe("The Azure Machine Learning extension 'azureml' on aks-test is Failed, not Succeeded.");
    expect(failed.fix).toContain("Open 'azureml'");
  });

  it('matches the extension type in any case', () => {
    expect(codes(facts({ extensions: [extension({ extensionType: 'microsoft.azureml.kubernetes' })] }))).toEqual([]);
  });

  it('needs enableTraining for training and enableInference for inference, read as the catalog reads them', () => {
    const trainingOnly = facts({ extensions: [extension({ configurationSettings: { enableTraining: 'true' } })] });
    expect(codes(trainingOnly, intent({ workloads: ['training'] }))).toEqual([]);
    expect(codes(trainingOnly, intent({ workloads: ['inference'] }))).toEqual(['error:inference-not-enabled']);
    // The CLI counts only `true` (any case) as true; `yes` is off.
    const yes = facts({ extensions: [extension({ configurationSettings: { enableTraining: 'yes', enableInference: 'True' } })] });
    expect(codes(yes)).toEqual(['error:training-not-enabled']);
    expect(runAttachPreflight(yes, intent())[0]).toMatchObject({ fix: 'Update the extension with enableTraining=True, then attach.', action: { kind: 'open-extension' } });
  });

  it('blocks an Arc cluster that is not Connected', () => {
    const arc = arcCluster({ connectivityStatus: 'Offline' });
    const findings = runAttachPreflight(facts({ cluster: arc }), intent());
    expect(findings.map((finding) => finding.code)).toEqual(['arc-not-connected']);
    expect(findings[0].fix).toContain('az connectedk8s show --resource-group rg-edge --name arc-test');
    expect(codes(facts({ cluster: arcCluster() }))).toEqual([]);
  });

  it('refuses another subscription, with the Arc remedy for AKS and for Arc', () => {
    const elsewhere = { ...WORKSPACE, id: WORKSPACE.id.replace(SUBSCRIPTION, OTHER_SUBSCRIPTION) };
    const [aks] = runAttachPreflight(facts({ workspace: elsewhere }), intent());
    expect(aks).toMatchObject({ code: 'cross-subscription', severity: 'error' });
    expect(aks.message).toBe(`aks-test is in subscription ${SUBSCRIPTION}, the workspace ws-ml in ${OTHER_SUBSCRIPTION}. Azure Machine Learning cannot attach a cluster from another subscription.`);
    expect(aks.fix).toContain(`Connect the cluster to Azure Arc in subscription ${OTHER_SUBSCRIPTION}`);
    const [arc] = runAttachPreflight(facts({ cluster: arcCluster(), workspace: elsewhere }), intent());
    expect(arc.fix).toContain('az connectedk8s delete --resource-group rg-edge --name arc-test');
    expect(arc.fix).toContain(`az connectedk8s connect --subscription ${OTHER_SUBSCRIPTION}`);
    // Subscription ids compare without regard to case.
    expect(codes(facts({ workspace: { ...WORKSPACE, id: WORKSPACE.id.toUpperCase() } }))).toEqual([]);
  });

  it('blocks a compute name already in the workspace, in any case, and says when it is this cluster', () => {
    const other = runAttachPreflight(facts({ computes: [{ name: 'K8S-Compute', computeType: 'AmlCompute' }] }), intent());
    expect(other).toEqual([expect.objectContaining({ code: 'compute-name-taken', message: "The workspace ws-ml already has a compute named 'K8S-Compute' (AmlCompute). An attach under that name would overwrite it." })]);
    const same = runAttachPreflight(facts({ computes: [{ name: 'k8s-compute', computeType: 'Kubernetes', resourceId: AKS.summary.id.toLowerCase() }] }), intent());
    expect(same[0].message).toContain('a Kubernetes compute on this cluster');
    expect(codes(facts({ computes: undefined }))).toEqual([]);
  });

  it('says where the namespace comes from: default always, azureml by the extension, others must exist', () => {
    expect(codes(facts({ namespaceExists: undefined }), intent({ namespace: 'default' }))).toEqual([]);
    expect(codes(facts({ namespaceExists: undefined }), intent({ namespace: 'azureml' }))).toEqual(['info:namespace-from-extension']);
    expect(codes(facts({ namespaceExists: true }), intent({ namespace: 'team-a' }))).toEqual([]);
    const missing = runAttachPreflight(facts({ namespaceExists: false }), intent({ namespace: 'team-a' }));
    expect(missing).toEqual([expect.objectContaining({ code: 'namespace-missing', severity: 'error', fix: 'Create it first (kubectl create namespace team-a), then run this check again.' })]);
    expect(codes(facts({ namespaceExists: undefined }), intent({ namespace: 'team-a' }))).toEqual(['warning:namespace-unverified']);
  });

  it('blocks a caller without computes/write on the workspace; unread permissions add nothing', () => {
    const reader = runAttachPreflight(facts({ workspacePermissions: [{ actions: ['*/read'] }] }), intent());
    expect(reader).toEqual([
      {
        code: 'compute-permission-missing',
        severity: 'error',
        message: 'You can read the workspace ws-ml, but your role does not grant Microsoft.MachineLearningServices/workspaces/computes/write.',
        fix: expect.stringContaining('resource group rg-ml'),
      },
    ]);
    expect(codes(facts({ workspacePermissions: [{ actions: ['Microsoft.MachineLearningServices/*'], notActions: ['Microsoft.MachineLearningServices/workspaces/computes/*/write'] }] }))).toEqual([]);
    expect(codes(facts({ workspacePermissions: [{ actions: ['Microsoft.MachineLearningServices/*'], notActions: ['Microsoft.MachineLearningServices/workspaces/computes/write'] }] }))).toEqual(['error:compute-permission-missing']);
    expect(codes(facts({ workspacePermissions: undefined }))).toEqual([]);
  });

  it('orders errors, then warnings, then information', () => {
    const many = facts({ extensions: [extension({ provisioningState: 'Failed' })], namespaceExists: undefined, computes: [{ name: 'k8s-compute', computeType: 'AmlCompute' }] });
    expect(codes(many, intent({ namespace: 'team-a' }))).toEqual(['error:extension-not-succeeded', 'error:compute-name-taken', 'warning:namespace-unverified']);
    expect(hasBlockingAttachFinding(runAttachPreflight(facts(), intent({ namespace: 'azureml' })))).toBe(false);
  });

  it('speaks Portuguese when asked; codes and severities do not change', () => {
    const [finding] = runAttachPreflight(facts({ extensions: [] }), intent(), portuguese);
    expect(finding).toMatchObject({ code: 'extension-missing', severity: 'error', message: 'aks-test não tem a extensão do Azure Machine Learning. O Azure ML só executa trabalhos e endpoints em um cluster por meio dela.' });
  });
});

describe('namespaceOrigin', () => {
  it.each([
    ['default', false, undefined, 'always'],
    ['azureml', true, undefined, 'extension'],
    ['azureml', false, undefined, 'unknown'],
    ['azureml', false, false, 'missing'],
    ['team-a', true, true, 'exists'],
    ['team-a', true, false, 'missing'],
    ['team-a', true, undefined, 'unknown'],
  ] as const)('%s (extension %s, seen %s) is %s', (namespace, installed, seen, origin) => {
    expect(namespaceOrigin(namespace, installed, seen)).toBe(origin);
  });
});
