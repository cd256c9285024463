import { describe, expect, it } from 'vitest';

import type { CliRequest } from './cli-settings';
import { buildExtensionBody, maskProtected, type ClusterFacts } from './extension-body';
import { FAKE_RELAY, SEED_CLUSTERS } from './fixtures/seed-scenarios';
import { planEffects } from './plan-effects';
import { relayNamespaceName } from './relay-names';

const { aksTwoNodes, aksProdWesteurope, arcSingleNode } = SEED_CLUSTERS;

function req(settings: Record<string, string>, protectedSettings: Record<string, string> = {}): CliRequest {
  return { clusterId: 'ignored', name: 'azureml', configurationSettings: settings, configurationProtectedSettings: protectedSettings };
}
const effectsOf = (r: CliRequest, cluster: ClusterFacts) => planEffects(r, cluster, maskProtected(buildExtensionBody(r, cluster, FAKE_RELAY)));
const keys = (r: CliRequest, cluster: ClusterFacts) => effectsOf(r, cluster).added.map((item) => item.key);

describe('planEffects', () => {
  it('lists the Arc relay namespace, hybrid connection and rule by name, with the resource group', () => {
    const effects = effectsOf(req({ enableTraining: 'True' }), arcSingleNode);
    expect(effects.relay).toEqual({
      namespace: relayNamespaceName('arc-single-node', arcSingleNode.id.split('/')[2], 'rg-edge-stores'),
      resourceGroup: 'rg-edge-stores',
      subscriptionId: arcSingleNode.id.split('/')[2],
      location: 'eastus',
      tags: { created_by: 'Azure Arc-enabled ML' },
      hybridConnection: 'arc-single-node',
      authorizationRule: { name: 'azureml_rw', rights: ['Manage', 'Send', 'Listen'] },
      connectionStringKeys: ['relayServerConnectionString', 'relayserver.relayConnectionString'],
    });
    expect(effects.identity).toBe('SystemAssigned');
    const secret = effects.added.find((item) => item.key === 'relayServerConnectionString');
    expect(secret).toMatchObject({ value: null, protected: true, reason: { key: 'cli.computed.relayConnection' } });
    expect(JSON.stringify(effects)).not.toContain(FAKE_RELAY.connectionString);
  });

  it('lists no relay on AKS, nor on Arc when the person gives a connection string', () => {
    expect(effectsOf(req({ enableTraining: 'True' }), aksProdWesteurope).relay).toBeNull();
    expect(effectsOf(req({ enableTraining: 'True' }), aksProdWesteurope).identity).toBeNull();
    expect(effectsOf(req({ enableTraining: 'True' }, { relayServerConnectionString: 'Endpoint=sb://x' }), arcSingleNode).relay).toBeNull();
  });

  it('on two nodes lists clusterPurpose=DevTest and inferenceRouterHA=false with the node count', () => {
    const effects = effectsOf(req({ enableInference: 'True', allowInsecureConnections: 'True', inferenceRouterServiceType: 'loadBalancer' }), aksTwoNodes);
    expect(effects.smallClusterNodes).toBe(2);
    expect(effects.added).toContainEqual({ key: 'clusterPurpose', value: 'DevTest', protected: false, replaced: false, reason: { key: 'cli.computed.smallCluster', values: { min: 3, nodes: 2 } } });
    expect(effects.added.find((item) => item.key === 'inferenceRouterHA')).toMatchObject({ value: 'false', reason: { values: { nodes: 2 } } });
  });

  it('does not list a user-set inferenceRouterHA as added by the CLI', () => {
    const r = req({ enableInference: 'True', allowInsecureConnections: 'True', inferenceRouterServiceType: 'loadBalancer', inferenceRouterHA: 'False' });
    expect(keys(r, aksTwoNodes)).not.toContain('inferenceRouterHA');
    expect(keys(r, aksTwoNodes)).toContain('clusterPurpose');
    expect(keys(r, aksProdWesteurope)).not.toContain('clusterPurpose');
  });

  it('is exactly the body keys the request did not set, each with a reason', () => {
    const r = req({ enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'nodePort', sslCname: 'ml.contoso.com', sslSecret: 's' });
    const body = buildExtensionBody(r, arcSingleNode, FAKE_RELAY);
    const effects = planEffects(r, arcSingleNode, maskProtected(body));
    const plain = Object.keys(body.properties.configurationSettings).filter((key) => !(key in r.configurationSettings));
    expect(effects.added.filter((item) => !item.protected).map((item) => item.key)).toEqual(plain);
    expect(plain).toEqual(expect.arrayContaining(['scoringFe.serviceType.nodePort', 'scoringFe.sslSecret', 'relayserver.hybridConnectionName', 'cluster_name', 'clusterId', 'domain', 'nginxIngress.enabled']));
    for (const item of effects.added) expect(item.reason, item.key).toBeDefined();
  });

  it('marks a value the CLI replaced (domain) and keeps a protected workload flag the person’s', () => {
    const r = req({ enableTraining: 'True', domain: 'mine.example.com' }, { enableInference: 'False' });
    const added = effectsOf(r, aksProdWesteurope).added;
    expect(added.find((item) => item.key === 'domain')).toMatchObject({ value: 'westeurope.cloudapp.azure.com', replaced: true });
    expect(added.map((item) => item.key)).not.toContain('enableInference');
  });
});
