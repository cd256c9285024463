import { describe, expect, it } from 'vitest';

import { formToCliRequest } from './cli-settings';
import { deployFormSchemaFor, type DeployForm } from './deploy-schema';
import { englishText } from '@/lib/i18n/english-text';
import { computedSettingsOf, formFromExtension, planSettingsUpdate, protectedPlanOf, settingsOfAnswers, usesPemPair } from './update-plan';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1';

/** What the CLI left on a 2-node AKS cluster for "both, nodePort, HTTPS from a PEM pair". */
const INSTALLED = {
  enableTraining: 'True',
  enableInference: 'True',
  inferenceRouterServiceType: 'nodePort',
  'scoringFe.serviceType.nodePort': 'True',
  sslCname: 'ml.contoso.com',
  clusterPurpose: 'DevTest',
  inferenceRouterHA: 'False',
  cluster_name: CLUSTER,
  clusterId: CLUSTER,
  domain: 'eastus.cloudapp.azure.com',
  'nodeSelector.pool': 'gpu',
  installPromOp: 'False',
};

function installed(settings: Record<string, string> = INSTALLED) {
  return { name: 'azureml', clusterId: CLUSTER, settings, releaseTrain: 'Stable', version: null, autoUpgradeMinorVersion: true };
}

function plan(form: DeployForm, before: Record<string, string> = INSTALLED) {
  return planSettingsUpdate(before, settingsOfAnswers(formToCliRequest(form), form));
}

describe('formFromExtension', () => {
  it('reads the answers the extension was installed with, as the chart reads them', () => {
    const form = formFromExtension(installed());
    expect(form).toMatchObject({
      clusterId: CLUSTER,
      extensionName: 'azureml',
      workload: 'both',
      serviceType: 'nodePort',
      internalLoadBalancer: false,
      inferenceRouterHA: false,
      tls: { mode: 'current', sslCname: 'ml.contoso.com' },
      nodeSelector: [{ key: 'pool', value: 'gpu' }],
      installPromOp: false,
      installVolcano: true,
      releaseTrain: 'Stable',
      version: '',
      autoUpgradeMinorVersion: true,
    });
  });

  it('reads an internal load balancer an earlier update turned off from the key the chart reads', () => {
    const form = formFromExtension(installed({ ...INSTALLED, internalLoadBalancerProvider: 'azure', 'scoringFe.serviceType.internalLoadBalancer': 'False' }));
    expect(form.internalLoadBalancer).toBe(false);
    expect(formFromExtension(installed({ ...INSTALLED, internalLoadBalancerProvider: 'azure' })).internalLoadBalancer).toBe(true);
  });

  it('reads HTTPS from a secret and plain HTTP', () => {
    expect(formFromExtension(installed({ ...INSTALLED, sslSecret: 'tls-secret' })).tls).toEqual({ mode: 'secret', sslSecret: 'tls-secret', sslCname: 'ml.contoso.com' });
    expect(formFromExtension(installed({ ...INSTALLED, allowInsecureConnections: 'true' })).tls).toEqual({ mode: 'insecure' });
  });

  it('passes the update schema unchanged: an installed extension opens on valid answers', () => {
    const result = deployFormSchemaFor(englishText, 'update').safeParse(formFromExtension(installed()));
    expect(result.success).toBe(true);
  });

  it('keeps the PEM pair only in an update; an install must bring one', () => {
    const result = deployFormSchemaFor(englishText).safeParse(formFromExtension(installed()));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['tls.mode']);
  });
});

describe('planSettingsUpdate', () => {
  it('changes nothing when the answers are the installed ones', () => {
    const result = plan(formFromExtension(installed()));
    expect(result.changed).toEqual([]);
    expect(result.settings).toEqual(INSTALLED);
    expect(result.kept).toEqual([]);
  });

  it('turns inference off and leaves the router keys as they are', () => {
    const result = plan({ ...formFromExtension(installed()), workload: 'training' });
    expect(result.changed).toEqual(['enableInference']);
    expect(result.settings).toEqual({ ...INSTALLED, enableInference: 'False' });
  });

  it('switches the router type with the key the CLI derives from it', () => {
    const result = plan({ ...formFromExtension(installed()), serviceType: 'loadBalancer' });
    expect(result.changed).toEqual(['inferenceRouterServiceType', 'scoringFe.serviceType.nodePort']);
    expect(result.settings).toMatchObject({ inferenceRouterServiceType: 'loadBalancer', 'scoringFe.serviceType.nodePort': 'False' });
  });

  it('sends HA turned back on explicitly: the CLI default of a small cluster does not apply to an update', () => {
    const result = plan({ ...formFromExtension(installed()), inferenceRouterHA: true });
    expect(result.changed).toEqual(['inferenceRouterHA']);
    expect(result.settings.inferenceRouterHA).toBe('True');
  });

  it('never sends null and keeps a removed node selector, saying so', () => {
    const result = plan({ ...formFromExtension(installed()), nodeSelector: [] });
    expect(result.settings['nodeSelector.pool']).toBe('gpu');
    expect(Object.values(result.settings).every((value) => typeof value === 'string')).toBe(true);
    expect(result.kept).toEqual([{ key: 'nodeSelector.pool', value: 'gpu', reason: 'nodeSelectorStays' }]);
  });

  it('turns an internal load balancer off through the key the chart reads, and says the provider stays', () => {
    const before = { ...INSTALLED, inferenceRouterServiceType: 'loadBalancer', 'scoringFe.serviceType.nodePort': 'False', internalLoadBalancerProvider: 'azure', 'scoringFe.serviceType.internalLoadBalancer': 'True' };
    const result = plan({ ...formFromExtension(installed(before)), internalLoadBalancer: false }, before);
    expect(result.changed).toEqual(['scoringFe.serviceType.internalLoadBalancer']);
    expect(result.settings['scoringFe.serviceType.internalLoadBalancer']).toBe('False');
    expect(result.kept).toEqual([{ key: 'internalLoadBalancerProvider', value: 'azure', reason: 'unused' }]);
  });

  it('reads True over true as no change, as the chart does', () => {
    const result = plan(formFromExtension(installed({ ...INSTALLED, enableTraining: 'true' })), { ...INSTALLED, enableTraining: 'true' });
    expect(result.changed).toEqual([]);
  });
});

describe('protectedPlanOf', () => {
  const form = formFromExtension(installed());

  it('keeps the pair on file, replaces it with a new upload, drops it when HTTPS no longer comes from it', () => {
    expect(usesPemPair(INSTALLED)).toBe(true);
    expect(protectedPlanOf(INSTALLED, form)).toBe('keep');
    expect(protectedPlanOf(INSTALLED, { ...form, tls: { mode: 'pem', certPem: 'c', keyPem: 'k', sslCname: 'ml.contoso.com' } })).toBe('replace');
    expect(protectedPlanOf(INSTALLED, { ...form, tls: { mode: 'secret', sslSecret: 's', sslCname: 'ml.contoso.com' } })).toBe('drop');
    expect(protectedPlanOf(INSTALLED, { ...form, tls: { mode: 'insecure' } })).toBe('drop');
    expect(protectedPlanOf(INSTALLED, { ...form, workload: 'training' })).toBe('keep');
  });
});

describe('computedSettingsOf', () => {
  it('lists the keys the CLI computed, each with why, never a user choice or a protected key', () => {
    const computed = computedSettingsOf({ ...INSTALLED, relayServerConnectionString: 'Endpoint=sb://x/;SharedAccessKey=k' });
    expect(computed.map((entry) => entry.key)).toEqual(['scoringFe.serviceType.nodePort', 'clusterPurpose', 'cluster_name', 'clusterId', 'domain']);
    expect(computed.every((entry) => entry.why !== undefined)).toBe(true);
  });
});
