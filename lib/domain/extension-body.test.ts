import { describe, expect, it } from 'vitest';

import type { CliRequest } from './cli-settings';
import { base64OfText, buildExtensionBody, maskProtected, needsRelay, type ClusterFacts } from './extension-body';
import { FAKE_RELAY, SEED_CLUSTERS, seedScenarios } from './fixtures/seed-scenarios';

const { aksTwoNodes, aksProdWesteurope, arcSingleNode, arcOpenshift } = SEED_CLUSTERS;
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEkey\n-----END PRIVATE KEY-----\n';

function req(settings: Record<string, string>, protectedSettings: Record<string, string> = {}, extra: Partial<CliRequest> = {}): CliRequest {
  return { clusterId: 'ignored', name: 'azureml', configurationSettings: settings, configurationProtectedSettings: protectedSettings, ...extra };
}
const settingsOf = (r: CliRequest, cluster: ClusterFacts = aksProdWesteurope) => buildExtensionBody(r, cluster, FAKE_RELAY).properties.configurationSettings;
const protectedOf = (r: CliRequest, cluster: ClusterFacts = aksProdWesteurope) => buildExtensionBody(r, cluster, FAKE_RELAY).properties.configurationProtectedSettings;
const inferenceHttp = { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' };
const https = { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', sslCname: 'ml.contoso.com' };

describe('buildExtensionBody: the seed scenarios (DOMAIN.md section 9)', () => {
  for (const scenario of seedScenarios({ cert: CERT, key: KEY })) {
    it(scenario.title, () => {
      expect(buildExtensionBody(scenario.request, scenario.cluster, FAKE_RELAY)).toEqual(scenario.expected);
    });
  }
});

describe('buildExtensionBody: properties', () => {
  it('sets the type, cluster scope in azureml, stable and auto-upgrade by default', () => {
    expect(buildExtensionBody(req({ enableTraining: 'True' }), aksProdWesteurope).properties).toMatchObject({
      extensionType: 'Microsoft.AzureML.Kubernetes', scope: { cluster: { releaseNamespace: 'azureml' } }, releaseTrain: 'stable', autoUpgradeMinorVersion: true,
    });
  });

  it('keeps a chosen train and pinned version', () => {
    const body = buildExtensionBody(req({ enableTraining: 'True' }, {}, { releaseTrain: 'preview', version: '1.1.64', autoUpgradeMinorVersion: false }), aksProdWesteurope);
    expect(body.properties).toMatchObject({ releaseTrain: 'preview', version: '1.1.64', autoUpgradeMinorVersion: false });
  });

  it('gives Arc extensions a system-assigned identity and AKS ones none', () => {
    expect(buildExtensionBody(req({ enableTraining: 'True' }), arcOpenshift, FAKE_RELAY).identity).toEqual({ type: 'SystemAssigned' });
    expect(buildExtensionBody(req({ enableTraining: 'True' }), aksProdWesteurope)).not.toHaveProperty('identity');
  });
});

describe('buildExtensionBody: configurationSettings', () => {
  it('always writes both workload flags, Python-spelled when computed, user spelling kept', () => {
    expect(settingsOf(req({ enableTraining: 'true' }))).toMatchObject({ enableTraining: 'true', enableInference: 'False' });
    expect(settingsOf(req({ ...inferenceHttp }))).toMatchObject({ enableTraining: 'False', enableInference: 'True' });
  });

  it('moves workload flags passed as protected into settings', () => {
    const body = buildExtensionBody(req({}, { enableTraining: 'True' }), aksProdWesteurope);
    expect(body.properties.configurationSettings.enableTraining).toBe('True');
    expect(body.properties.configurationProtectedSettings).not.toHaveProperty('enableTraining');
  });

  it('under 3 nodes adds clusterPurpose=DevTest and router HA off, unless the user set them', () => {
    expect(settingsOf(req(inferenceHttp), aksTwoNodes)).toMatchObject({ clusterPurpose: 'DevTest', inferenceRouterHA: 'false' });
    expect(settingsOf(req({ ...inferenceHttp, clusterPurpose: 'FastProd', inferenceRouterHA: 'True' }), aksTwoNodes)).toMatchObject({ clusterPurpose: 'FastProd', inferenceRouterHA: 'True' });
    expect(settingsOf(req({ enableTraining: 'True' }), arcSingleNode)).toMatchObject({ clusterPurpose: 'DevTest', inferenceRouterHA: 'false' });
  });

  it('adds neither at 3 or more nodes, nor when Arc never reported its node count', () => {
    for (const cluster of [aksProdWesteurope, { ...aksTwoNodes, nodeCount: 3 }, { ...arcSingleNode, nodeCount: null }]) {
      const settings = settingsOf(req(inferenceHttp), cluster);
      expect(settings).not.toHaveProperty('clusterPurpose');
      expect(settings).not.toHaveProperty('inferenceRouterHA');
    }
  });

  it('adds openshift=true for an OpenShift distribution in any case, and not otherwise', () => {
    expect(settingsOf(req({ enableTraining: 'True' }), { ...arcOpenshift, distribution: 'OpenShift' }).openshift).toBe('true');
    expect(settingsOf(req({ enableTraining: 'True' }), arcSingleNode)).not.toHaveProperty('openshift');
  });

  it('writes the cluster id three times, the friendly name, and lower-case locations', () => {
    const settings = settingsOf(req({ enableTraining: 'True' }), { ...arcOpenshift, location: 'West Europe' });
    expect(settings).toMatchObject({
      cluster_name: arcOpenshift.id, clusterId: arcOpenshift.id, 'prometheus.prometheusSpec.externalLabels.cluster_name': arcOpenshift.id,
      cluster_name_friendly: 'arc-openshift-factory', location: 'westeurope', jobSchedulerLocation: 'westeurope', domain: 'westeurope.cloudapp.azure.com',
    });
  });

  it("keeps the user's cluster_name (and mirrors it) and locations, but always overwrites domain", () => {
    const settings = settingsOf(req({ enableTraining: 'True', cluster_name: 'mine', location: 'here', domain: 'x.example' }));
    expect(settings).toMatchObject({ cluster_name: 'mine', clusterId: 'mine', 'prometheus.prometheusSpec.externalLabels.cluster_name': 'mine', location: 'here', domain: 'westeurope.cloudapp.azure.com' });
  });

  it('turns Service Bus off unless set', () => {
    expect(settingsOf(req({ enableTraining: 'True' }))['servicebus.enabled']).toBe('false');
    expect(settingsOf(req({ enableTraining: 'True', 'servicebus.enabled': 'true' }))['servicebus.enabled']).toBe('true');
  });

  it('sets relay and nginx per cluster type, unless set', () => {
    expect(settingsOf(req({ enableTraining: 'True' }), aksProdWesteurope)).toMatchObject({ 'relayserver.enabled': 'false', 'nginxIngress.enabled': 'true' });
    expect(settingsOf(req({ enableTraining: 'True' }), arcOpenshift)).toMatchObject({ 'relayserver.enabled': 'true', 'nginxIngress.enabled': 'false' });
    expect(settingsOf(req({ enableTraining: 'True', 'nginxIngress.enabled': 'true' }), arcOpenshift)['nginxIngress.enabled']).toBe('true');
  });

  it('marks nodePort, or the internal load balancer, for the router', () => {
    expect(settingsOf(req({ ...inferenceHttp, inferenceRouterServiceType: 'NodePort' }))['scoringFe.serviceType.nodePort']).toBe('True');
    const ilb = settingsOf(req({ ...inferenceHttp, internalLoadBalancerProvider: 'azure' }));
    expect(ilb['scoringFe.serviceType.internalLoadBalancer']).toBe('True');
    expect(ilb).not.toHaveProperty('scoringFe.serviceType.nodePort');
    expect(settingsOf(req(inferenceHttp))).not.toHaveProperty('scoringFe.serviceType.internalLoadBalancer');
  });

  it('writes scoringFe.sslSecret for HTTPS by secret and keeps sslSecret', () => {
    expect(settingsOf(req({ ...https, sslSecret: 'azureml-tls' }))).toMatchObject({ sslSecret: 'azureml-tls', 'scoringFe.sslSecret': 'azureml-tls' });
  });

  it('writes no SSL keys when insecure connections are allowed', () => {
    const body = buildExtensionBody(req({ ...https, allowInsecureConnections: 'True', sslSecret: 'azureml-tls' }, { sslCertPemFile: CERT, sslKeyPemFile: KEY }), aksProdWesteurope);
    expect(body.properties.configurationSettings).not.toHaveProperty('scoringFe.sslSecret');
    expect(body.properties.configurationProtectedSettings).toEqual({});
  });

  it('applies no router or TLS transformation for training only', () => {
    const settings = settingsOf(req({ enableTraining: 'True', inferenceRouterServiceType: 'NodePort', sslSecret: 'tls' }));
    expect(settings).not.toHaveProperty('scoringFe.serviceType.nodePort');
    expect(settings).not.toHaveProperty('scoringFe.sslSecret');
  });
});

describe('buildExtensionBody: configurationProtectedSettings', () => {
  it('sends the PEMs as base64 of their text, and never the PEM keys themselves', () => {
    const prot = protectedOf(req(https, { sslCertPemFile: CERT, sslKeyPemFile: KEY }));
    expect(prot).toEqual({ 'scoringFe.sslCert': Buffer.from(CERT).toString('base64'), 'scoringFe.sslKey': Buffer.from(KEY).toString('base64') });
  });

  it('prefers the PEMs over sslSecret', () => {
    const body = buildExtensionBody(req({ ...https, sslSecret: 'azureml-tls' }, { sslCertPemFile: CERT, sslKeyPemFile: KEY }), aksProdWesteurope);
    expect(body.properties.configurationSettings).not.toHaveProperty('scoringFe.sslSecret');
    expect(Object.keys(body.properties.configurationProtectedSettings)).toEqual(['scoringFe.sslCert', 'scoringFe.sslKey']);
  });

  it('adds the relay for Arc: two connection-string keys protected, the hybrid connection in settings', () => {
    const body = buildExtensionBody(req({ enableTraining: 'True' }), arcOpenshift, FAKE_RELAY);
    expect(body.properties.configurationProtectedSettings).toEqual({ relayServerConnectionString: FAKE_RELAY.connectionString, 'relayserver.relayConnectionString': FAKE_RELAY.connectionString });
    expect(body.properties.configurationSettings).toMatchObject({
      'relayserver.hybridConnectionResourceID': FAKE_RELAY.hybridConnectionResourceId, 'relayserver.hybridConnectionName': FAKE_RELAY.hybridConnectionName,
    });
  });

  it('adds no relay for AKS, nor for Arc with relay disabled or a connection string given', () => {
    expect(protectedOf(req({ enableTraining: 'True' }), aksProdWesteurope)).toEqual({});
    expect(protectedOf(req({ enableTraining: 'True', 'relayserver.enabled': 'False' }), arcOpenshift)).toEqual({});
    expect(protectedOf(req({ enableTraining: 'True' }, { relayServerConnectionString: 'mine' }), arcOpenshift)).toEqual({ relayServerConnectionString: 'mine', 'relayserver.relayConnectionString': 'mine' });
    expect(needsRelay(req({ enableTraining: 'True' }), arcOpenshift)).toBe(true);
    expect(needsRelay(req({ enableTraining: 'True' }), aksProdWesteurope)).toBe(false);
  });
});

describe('maskProtected and base64OfText', () => {
  it('replaces every protected value and nothing else', () => {
    const body = buildExtensionBody(req(https, { sslCertPemFile: CERT, sslKeyPemFile: KEY }), arcOpenshift, FAKE_RELAY);
    const masked = maskProtected(body);
    expect(Object.values(masked.properties.configurationProtectedSettings)).toEqual(['***', '***', '***', '***']);
    expect(masked.properties.configurationSettings).toEqual(body.properties.configurationSettings);
    expect(JSON.stringify(masked)).not.toContain('FAKEKEY');
    expect(body.properties.configurationProtectedSettings['scoringFe.sslKey']).not.toBe('***');
  });

  it('encodes like Buffer for ASCII text', () => {
    expect(base64OfText(CERT)).toBe(Buffer.from(CERT).toString('base64'));
  });
});
