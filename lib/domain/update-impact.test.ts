import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { updateImpacts } from './update-impact';

const BASE = {
  enableTraining: 'True',
  enableInference: 'True',
  installNvidiaDevicePlugin: 'True',
  allowInsecureConnections: 'False',
  inferenceRouterServiceType: 'loadBalancer',
  sslCname: 'ml.contoso.example',
};

const keys = (after: Record<string, string>, before: Record<string, string> = BASE) => updateImpacts(before, after).map((i) => i.key);

describe('updateImpacts (DOMAIN.md section 5)', () => {
  it('no change, no impact; unrelated keys do not warn', () => {
    expect(updateImpacts(BASE, { ...BASE })).toEqual([]);
    expect(keys({ ...BASE, installDcgmExporter: 'True', inferenceRouterHA: 'False' })).toEqual([]);
  });

  it('warns when training, inference or the NVIDIA plugin is turned off, including by removing the key', () => {
    expect(keys({ ...BASE, enableTraining: 'False' })).toEqual(['enableTraining']);
    expect(keys({ ...BASE, enableInference: 'false' })).toEqual(['enableInference']);
    const withoutPlugin: Record<string, string> = { ...BASE };
    delete withoutPlugin.installNvidiaDevicePlugin;
    expect(keys(withoutPlugin)).toEqual(['installNvidiaDevicePlugin']);
  });

  it('does not warn when a feature is turned on', () => {
    expect(keys({ ...BASE, enableTraining: 'True' }, { ...BASE, enableTraining: 'False' })).toEqual([]);
  });

  it('warns on changes of allowInsecureConnections, the service type, the internal LB provider and sslCname', () => {
    expect(
      keys({ ...BASE, allowInsecureConnections: 'True', inferenceRouterServiceType: 'nodePort', internalLoadBalancerProvider: 'azure', sslCname: 'x.example' }),
    ).toEqual(['allowInsecureConnections', 'inferenceRouterServiceType', 'internalLoadBalancerProvider', 'sslCname']);
  });

  it('compares the internal LB provider in any case, as the CLI reads it (the settings catalog says so)', () => {
    const internal = { ...BASE, internalLoadBalancerProvider: 'azure' };
    expect(keys({ ...internal, internalLoadBalancerProvider: 'Azure' }, internal)).toEqual([]);
    expect(keys({ ...internal, internalLoadBalancerProvider: '' }, internal)).toEqual(['internalLoadBalancerProvider']);
  });

  it('compares booleans and service types as the chart reads them', () => {
    expect(keys({ ...BASE, allowInsecureConnections: 'false', inferenceRouterServiceType: 'LoadBalancer', enableTraining: 'TRUE' })).toEqual([]);
    const noInsecureKey: Record<string, string> = { ...BASE };
    delete noInsecureKey.allowInsecureConnections;
    expect(keys(noInsecureKey)).toEqual([]);
  });

  it('warns on any node selector change and says an update cannot remove one', () => {
    const before = { ...BASE, 'nodeSelector.pool': 'gpu', 'nodeSelector.zone': 'a' };
    const impacts = updateImpacts(before, { ...BASE, 'nodeSelector.pool': 'cpu', 'nodeSelector.team': 'ml' });
    expect(impacts.map((i) => i.key)).toEqual(['nodeSelector.pool', 'nodeSelector.team', 'nodeSelector.zone']);
    expect(impacts[2].message).toMatch(/an update cannot remove a node selector/);
    expect(impacts[0].message).toMatch(/cannot remove a node selector/);
  });
});

describe('updateImpacts in Brazilian Portuguese', () => {
  it('writes every impact in the reader language, with the setting named', () => {
    const impacts = updateImpacts(
      { enableTraining: 'True', sslCname: 'a.contoso.com', 'nodeSelector.pool': 'gpu' },
      { enableTraining: 'False', sslCname: 'b.contoso.com' },
      portugueseText,
    );
    expect(impacts.map((impact) => impact.key)).toEqual(['enableTraining', 'sslCname', 'nodeSelector.pool']);
    expect(impacts[0]?.message).toMatch(/^Desligar o treinamento/);
    expect(impacts[2]?.message).toBe(
      'nodeSelector.pool foi removido aqui, mas uma atualização não consegue remover um seletor de nós: os componentes o mantêm. Reinstale a extensão para retirá-lo.',
    );
  });
});
