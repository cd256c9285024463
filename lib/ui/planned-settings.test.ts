import { describe, expect, it } from 'vitest';

import { SERVICE_TYPES } from '@/lib/domain/settings-catalog';

import {
  plannedFlag,
  plannedNodeSelectors,
  plannedRelease,
  plannedRouter,
  plannedRouterHa,
  plannedSettings,
  plannedTls,
  plannedWorkload,
  SERVICE_TYPE_LABELS,
  serviceTypeLabel,
} from './planned-settings';

const body = (configurationSettings: Record<string, string>) => ({ properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings } });

describe('plannedRouterHa', () => {
  it.each([
    ['the CLI turned it off (two nodes), the form said on', body({ inferenceRouterHA: 'False' }), true, false],
    ['the body says on, whatever the form', body({ inferenceRouterHA: 'True' }), false, true],
    ['the body leaves it out: the extension default, on', body({ enableInference: 'True' }), false, true],
    ['no plan yet: the form', undefined, true, true],
    ['no plan yet: the form (off)', null, false, false],
    ['not a body', { properties: 'x' }, false, false],
  ])('%s', (_, extension, formAnswer, expected) => {
    expect(plannedRouterHa(extension, formAnswer)).toBe(expected);
  });
});

describe('plannedSettings', () => {
  it('reads the settings of a planned body and nothing else', () => {
    expect(plannedSettings(body({ a: 'b' }))).toEqual({ a: 'b' });
    expect(plannedSettings({})).toBeNull();
    expect(plannedSettings('body')).toBeNull();
  });
});

const full = (configurationSettings: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  properties: { releaseTrain: 'stable', autoUpgradeMinorVersion: true, configurationSettings, configurationProtectedSettings: {}, ...extra },
});

describe('the summary readers: the body once planned, the form before', () => {
  it('reads the workloads from enableTraining/enableInference', () => {
    expect(plannedWorkload(body({ enableTraining: 'True', enableInference: 'False' }), 'both')).toBe('training');
    expect(plannedWorkload(body({ enableTraining: 'True', enableInference: 'True' }), 'training')).toBe('both');
    expect(plannedWorkload(undefined, 'inference')).toBe('inference');
  });

  it('reads the router type and the internal load balancer the CLI marked', () => {
    const form = { serviceType: 'clusterIP', internalLoadBalancer: false };
    expect(plannedRouter(body({ inferenceRouterServiceType: 'loadBalancer', 'scoringFe.serviceType.internalLoadBalancer': 'True' }), form)).toEqual({ serviceType: 'loadBalancer', internal: true });
    expect(plannedRouter(undefined, form)).toEqual({ serviceType: 'clusterIP', internal: false });
  });

  it('reads TLS from allowInsecureConnections, the protected PEM keys (masked) or scoringFe.sslSecret', () => {
    const form = { mode: 'insecure' } as const;
    expect(plannedTls(full({ allowInsecureConnections: 'True' }), { mode: 'pem', cname: 'x' })).toEqual({ mode: 'insecure' });
    expect(plannedTls(full({ sslCname: 'ml.contoso.com' }, { configurationProtectedSettings: { 'scoringFe.sslCert': '***', 'scoringFe.sslKey': '***' } }), form)).toEqual({ mode: 'pem', cname: 'ml.contoso.com' });
    expect(plannedTls(full({ sslCname: 'c', 'scoringFe.sslSecret': 'tls' }), form)).toEqual({ mode: 'secret', secret: 'tls', cname: 'c' });
    expect(plannedTls(full({ enableInference: 'True' }), form)).toEqual({ mode: 'none' });
    expect(plannedTls(undefined, form)).toEqual(form);
  });

  it('reads node selectors, install flags (catalog defaults when absent) and the release', () => {
    expect(plannedNodeSelectors(body({ 'nodeSelector.pool': 'gpu', enableTraining: 'True' }), [])).toEqual(['pool=gpu']);
    expect(plannedNodeSelectors(undefined, [{ key: 'a', value: 'b' }, { key: '', value: '' }])).toEqual(['a=b']);
    expect(plannedFlag(body({}), 'installPromOp', false)).toBe(true);
    expect(plannedFlag(body({ installPromOp: 'False' }), 'installPromOp', true)).toBe(false);
    expect(plannedFlag(undefined, 'installVolcano', false)).toBe(false);
    expect(plannedRelease(full({}, { releaseTrain: 'preview', version: '1.1.64', autoUpgradeMinorVersion: false }), { releaseTrain: 'stable', autoUpgradeMinorVersion: true })).toEqual({ releaseTrain: 'preview', version: '1.1.64', autoUpgradeMinorVersion: false });
    expect(plannedRelease(undefined, { releaseTrain: 'stable', version: '2.0.0', autoUpgradeMinorVersion: true })).toEqual({ releaseTrain: 'stable', version: '2.0.0', autoUpgradeMinorVersion: true });
  });
});

describe('serviceTypeLabel', () => {
  it('shows the body\'s camelCase value in the words the router step uses', () => {
    expect(serviceTypeLabel('loadBalancer')).toBe('LoadBalancer');
    expect(serviceTypeLabel('nodePort')).toBe('NodePort');
    expect(serviceTypeLabel('clusterIP')).toBe('ClusterIP');
    // ARM compares service types in any case, and so does the label.
    expect(serviceTypeLabel('LOADBALANCER')).toBe('LoadBalancer');
    expect(serviceTypeLabel('something-else')).toBe('something-else');
  });

  it('has a label for every service type the catalog knows', () => {
    expect(SERVICE_TYPES.map((type) => SERVICE_TYPE_LABELS[type])).toEqual(['LoadBalancer', 'NodePort', 'ClusterIP']);
  });
});
