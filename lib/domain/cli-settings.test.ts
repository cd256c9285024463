import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { cliRequestSchema, cliRequestSchemaFor, cliRequestToForm, formToCliRequest, MAX_SETTINGS_PER_MAP, normaliseServiceType, parseBooleanSetting } from './cli-settings';
import { DEFAULT_DEPLOY_FORM, type DeployForm } from './deploy-schema';
import { SEED_CLUSTERS } from './fixtures/seed-scenarios';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
const base: DeployForm = { ...DEFAULT_DEPLOY_FORM, clusterId: SEED_CLUSTERS.aksProdWesteurope.id };

describe('formToCliRequest', () => {
  it('writes the defaults as the shortest CLI request', () => {
    expect(formToCliRequest(base)).toEqual({
      clusterId: base.clusterId,
      name: 'azureml',
      configurationSettings: { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' },
      configurationProtectedSettings: {},
      releaseTrain: 'stable',
      autoUpgradeMinorVersion: true,
    });
  });

  it('puts PEM text in the protected settings under the CLI names, with sslCname', () => {
    const req = formToCliRequest({ ...base, workload: 'inference', internalLoadBalancer: true, tls: { mode: 'pem', certPem: CERT, keyPem: KEY, sslCname: ' ml.contoso.com ' } });
    expect(req.configurationProtectedSettings).toEqual({ sslCertPemFile: CERT, sslKeyPemFile: KEY });
    expect(req.configurationSettings).toMatchObject({ enableTraining: 'False', sslCname: 'ml.contoso.com', internalLoadBalancerProvider: 'azure' });
    expect(req.configurationSettings).not.toHaveProperty('allowInsecureConnections');
  });

  it('writes no inference settings for training only, and only non-default install flags', () => {
    const req = formToCliRequest({ ...base, workload: 'training', installPromOp: false, installNvidiaDevicePlugin: true, nodeSelector: [{ key: 'pool', value: 'gpu' }, { key: ' ', value: '' }] });
    expect(req.configurationSettings).toEqual({ enableTraining: 'True', enableInference: 'False', installPromOp: 'False', installNvidiaDevicePlugin: 'True', 'nodeSelector.pool': 'gpu' });
  });

  it('writes router HA only when turned off, so small clusters keep the CLI default', () => {
    expect(formToCliRequest({ ...base, inferenceRouterHA: false }).configurationSettings.inferenceRouterHA).toBe('False');
    expect(formToCliRequest(base).configurationSettings).not.toHaveProperty('inferenceRouterHA');
  });

  it('pins a version only when one is given', () => {
    expect(formToCliRequest({ ...base, version: ' 1.1.64 ', autoUpgradeMinorVersion: false })).toMatchObject({ version: '1.1.64', autoUpgradeMinorVersion: false });
    expect(formToCliRequest(base)).not.toHaveProperty('version');
  });
});

describe('cliRequestToForm', () => {
  it('round-trips every form field', () => {
    const form: DeployForm = {
      ...base, workload: 'both', serviceType: 'nodePort', inferenceRouterHA: false, tls: { mode: 'secret', sslSecret: 'tls', sslCname: 'ml.contoso.com' },
      nodeSelector: [{ key: 'pool', value: 'gpu' }], installNvidiaDevicePlugin: true, installPromOp: false, installVolcano: false, installDcgmExporter: true,
      releaseTrain: 'preview', version: '1.1.64', autoUpgradeMinorVersion: false, extensionName: 'aml',
    };
    expect(cliRequestToForm(formToCliRequest(form))).toEqual({ form, unknownKeys: [] });
  });

  it('reads CLI spellings and reports what the form cannot show', () => {
    const { form, unknownKeys } = cliRequestToForm({
      configurationSettings: { enableInference: 'true', inferenceRouterServiceType: 'LoadBalancer', sslCname: 'a.b', clusterPurpose: 'DevTest', 'nodeSelector.pool': 'x' },
      configurationProtectedSettings: { sslCertPemFile: './cert.pem', sslKeyPemFile: KEY },
    });
    expect(form).toMatchObject({ workload: 'inference', serviceType: 'loadBalancer', tls: { mode: 'pem', certPem: '', keyPem: KEY, sslCname: 'a.b' } });
    expect(unknownKeys).toEqual(['clusterPurpose']);
  });
});

describe('cliRequestSchema', () => {
  it('defaults missing maps and refuses oversize input', () => {
    expect(cliRequestSchema.parse({ clusterId: 'x', name: 'y' })).toMatchObject({ configurationSettings: {}, configurationProtectedSettings: {} });
    const many = Object.fromEntries(Array.from({ length: MAX_SETTINGS_PER_MAP + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(cliRequestSchema.safeParse({ clusterId: 'x', name: 'y', configurationSettings: many }).success).toBe(false);
    expect(cliRequestSchema.safeParse({ clusterId: 'x', name: 'y', configurationSettings: { a: 1 } }).success).toBe(false);
  });
});

describe('value helpers', () => {
  it('parses booleans and service types in any case', () => {
    expect([parseBooleanSetting('TRUE'), parseBooleanSetting('False'), parseBooleanSetting('1')]).toEqual([true, false, undefined]);
    expect([normaliseServiceType('NODEPORT'), normaliseServiceType('ClusterIp'), normaliseServiceType('ingress')]).toEqual(['nodePort', 'clusterIP', null]);
  });
});

describe('cliRequestSchemaFor', () => {
  it('says its own limit in the reader\'s language (English by default)', () => {
    const tooMany = Object.fromEntries(Array.from({ length: MAX_SETTINGS_PER_MAP + 1 }, (_, i) => [`k${i}`, 'v']));
    const body = { clusterId: 'x', name: 'azureml', configurationSettings: tooMany };
    const message = (schema: typeof cliRequestSchema) => {
      const result = schema.safeParse(body);
      return result.success ? undefined : result.error.issues[0].message;
    };
    expect(message(cliRequestSchema)).toBe(`At most ${MAX_SETTINGS_PER_MAP} settings`);
    expect(message(cliRequestSchemaFor(portugueseText))).toBe(`No máximo ${MAX_SETTINGS_PER_MAP} configurações`);
  });
});
