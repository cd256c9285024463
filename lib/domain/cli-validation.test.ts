import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import type { CliRequest } from './cli-settings';
import { labelKeyProblem, labelValueProblem, pemTextProblems, validateCliRequest } from './cli-validation';
import { SEED_CLUSTERS } from './fixtures/seed-scenarios';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

/** A valid inference-over-HTTP request on AKS; each test breaks one thing. */
function req(settings: Record<string, string>, extra: Partial<CliRequest> = {}): CliRequest {
  return {
    clusterId: SEED_CLUSTERS.aksProdWesteurope.id,
    name: 'azureml',
    configurationSettings: settings,
    configurationProtectedSettings: {},
    ...extra,
  };
}
const http = { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' };
const errorKeys = (r: CliRequest, clusterType?: 'managedClusters' | 'connectedClusters') =>
  validateCliRequest(r, clusterType ? { clusterType } : {}).errors.map((e) => e.key);

describe('validateCliRequest: the baseline', () => {
  it('accepts training only, inference over HTTP, and HTTPS by PEM or by secret', () => {
    expect(validateCliRequest(req({ enableTraining: 'True' }))).toEqual({ errors: [], warnings: [] });
    expect(errorKeys(req(http))).toEqual([]);
    expect(errorKeys(req({ ...http, allowInsecureConnections: 'False', sslCname: 'ml.contoso.com' }, { configurationProtectedSettings: { sslCertPemFile: CERT, sslKeyPemFile: KEY } }))).toEqual([]);
    expect(errorKeys(req({ ...http, allowInsecureConnections: 'false', sslSecret: 'azureml-tls', sslCname: 'ml.contoso.com' }))).toEqual([]);
  });
});

describe('rule 1: a workload', () => {
  it('needs enableTraining or enableInference true', () => {
    expect(errorKeys(req({}))).toEqual(['enableTraining']);
    expect(errorKeys(req({ enableTraining: 'False', enableInference: 'false' }))).toEqual(['enableTraining']);
    expect(errorKeys(req({ enableTraining: 'TRUE' }))).toEqual([]);
  });
});

describe('rule 2: settings and protected settings are disjoint', () => {
  it('refuses a key in both, naming it', () => {
    expect(errorKeys(req({ enableTraining: 'True', sslCname: 'a.b' }, { configurationProtectedSettings: { sslCname: 'a.b' } }))).toEqual(['sslCname']);
  });
});

describe('rule 3: cluster scope, azureml namespace', () => {
  it('refuses namespace scope and another release namespace', () => {
    expect(errorKeys(req({ enableTraining: 'True' }, { scope: 'namespace' }))).toEqual(['scope']);
    expect(errorKeys(req({ enableTraining: 'True' }, { scope: 'cluster', releaseNamespace: 'ml' }))).toEqual(['releaseNamespace']);
    expect(errorKeys(req({ enableTraining: 'True' }, { scope: 'Cluster', releaseNamespace: 'azureml' }))).toEqual([]);
  });
});

describe('rule 4: a pinned version turns auto-upgrade off', () => {
  it('refuses a version with auto-upgrade on or unspecified', () => {
    expect(errorKeys(req({ enableTraining: 'True' }, { version: '1.1.64', autoUpgradeMinorVersion: true }))).toEqual(['autoUpgradeMinorVersion']);
    expect(errorKeys(req({ enableTraining: 'True' }, { version: '1.1.64' }))).toEqual(['autoUpgradeMinorVersion']);
    expect(errorKeys(req({ enableTraining: 'True' }, { version: '1.1.64', autoUpgradeMinorVersion: false }))).toEqual([]);
  });
});

describe('rule 5: inference', () => {
  it('needs a router service type, any case, one of three', () => {
    expect(errorKeys(req({ enableInference: 'True', allowInsecureConnections: 'True' }))).toEqual(['inferenceRouterServiceType']);
    expect(errorKeys(req({ ...http, inferenceRouterServiceType: 'Ingress' }))).toEqual(['inferenceRouterServiceType']);
    for (const type of ['LoadBalancer', 'nodeport', 'CLUSTERIP']) expect(errorKeys(req({ ...http, inferenceRouterServiceType: type }))).toEqual([]);
  });

  it('needs HTTPS material unless allowInsecureConnections is true', () => {
    const result = validateCliRequest(req({ enableInference: 'True', inferenceRouterServiceType: 'nodePort' }));
    expect(result.errors).toEqual([{ key: 'allowInsecureConnections', message: expect.stringMatching(/sslCertPemFile, sslKeyPemFile.*sslSecret.*allowInsecureConnections=True/) }]);
  });

  it('needs both PEMs, naming the missing one', () => {
    const oneHalf = req({ ...http, allowInsecureConnections: 'False', sslCname: 'ml.contoso.com' }, { configurationProtectedSettings: { sslCertPemFile: CERT } });
    expect(errorKeys(oneHalf)).toEqual(['sslKeyPemFile']);
  });

  it('needs sslCname whenever HTTPS material is given, even with insecure connections allowed', () => {
    expect(errorKeys(req({ ...http, allowInsecureConnections: 'False', sslSecret: 'tls' }))).toEqual(['sslCname']);
    expect(errorKeys(req({ ...http, sslSecret: 'tls' }))).toEqual(['sslCname']);
    expect(errorKeys(req({ ...http, sslSecret: 'tls', sslCname: 'not a host' }))).toEqual(['sslCname']);
  });

  it('refuses an empty sslSecret rather than treating it as no secret', () => {
    expect(errorKeys(req({ ...http, allowInsecureConnections: 'False', sslSecret: ' ', sslCname: 'ml.contoso.com' }))).toEqual(['sslSecret']);
  });

  it('refuses nodePort with an internal load balancer', () => {
    const r = req({ ...http, inferenceRouterServiceType: 'NodePort', internalLoadBalancerProvider: 'azure' });
    expect(validateCliRequest(r).errors).toEqual([{ key: 'internalLoadBalancerProvider', message: expect.stringMatching(/does not apply to nodePort/) }]);
  });

  it('allows the internal load balancer on AKS only, and only the azure provider', () => {
    expect(errorKeys(req({ ...http, internalLoadBalancerProvider: 'azure' }))).toEqual([]);
    expect(errorKeys(req({ ...http, internalLoadBalancerProvider: 'azure' }, { clusterId: SEED_CLUSTERS.arcOpenshift.id }))).toEqual(['internalLoadBalancerProvider']);
    expect(validateCliRequest(req({ ...http, internalLoadBalancerProvider: 'azure' }), { clusterType: 'connectedClusters' }).errors[0].message).toMatch(/E40003/);
    expect(errorKeys(req({ ...http, internalLoadBalancerProvider: 'metallb' }))).toEqual(['internalLoadBalancerProvider']);
  });

  it('skips every inference rule for training only', () => {
    expect(errorKeys(req({ enableTraining: 'True', enableInference: 'False', inferenceRouterServiceType: 'bogus', internalLoadBalancerProvider: 'azure' }))).toEqual([]);
  });
});

describe('rule 6 (textual half): the PEM text', () => {
  const https = { ...http, allowInsecureConnections: 'False', sslCname: 'ml.contoso.com' };
  it('refuses non-ASCII, encrypted, oversized and non-PEM text, naming the setting', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ sslCertPemFile: `é${CERT}`, sslKeyPemFile: KEY }, 'sslCertPemFile', /non-ASCII/],
      [{ sslCertPemFile: CERT, sslKeyPemFile: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----' }, 'sslKeyPemFile', /openssl rsa -in key.pem -out key-nopass.pem/],
      [{ sslCertPemFile: CERT + 'A'.repeat(65 * 1024), sslKeyPemFile: KEY }, 'sslCertPemFile', /64 KiB/],
      [{ sslCertPemFile: KEY, sslKeyPemFile: KEY }, 'sslCertPemFile', /not a PEM certificate/],
    ];
    for (const [pems, key, message] of cases) {
      expect(validateCliRequest(req(https, { configurationProtectedSettings: pems })).errors).toEqual([{ key, message: expect.stringMatching(message) }]);
    }
  });

  it('refuses PEM keys passed as plain settings', () => {
    expect(errorKeys(req({ ...https, sslCertPemFile: CERT, sslKeyPemFile: KEY }))).toEqual(expect.arrayContaining(['sslCertPemFile', 'sslKeyPemFile']));
  });
});

describe('rule 7: node selectors follow label syntax', () => {
  it('accepts valid keys and values, refuses bad ones naming the setting', () => {
    expect(errorKeys(req({ enableTraining: 'True', 'nodeSelector.kubernetes.io/os': 'linux', 'nodeSelector.pool': '' }))).toEqual([]);
    expect(errorKeys(req({ enableTraining: 'True', 'nodeSelector.pool': 'gpu pool' }))).toEqual(['nodeSelector.pool']);
    expect(errorKeys(req({ enableTraining: 'True', 'nodeSelector.-pool': 'gpu' }))).toEqual(['nodeSelector.-pool']);
    expect(errorKeys(req({ enableTraining: 'True', 'nodeSelector.': 'gpu' }))).toEqual(['nodeSelector.']);
  });

  it('checks the prefix and length of label keys', () => {
    expect(labelKeyProblem('Example.COM/pool')).toMatch(/DNS subdomain/);
    expect(labelKeyProblem('a'.repeat(64))).toMatch(/63/);
    expect(labelKeyProblem('example.com/pool')).toBeNull();
  });
});

describe('rule 8: the extension name', () => {
  it('is 1 to 253 letters, digits, dots and hyphens', () => {
    expect(errorKeys(req({ enableTraining: 'True' }, { name: '' }))).toEqual(['name']);
    expect(errorKeys(req({ enableTraining: 'True' }, { name: 'azure_ml' }))).toEqual(['name']);
    expect(errorKeys(req({ enableTraining: 'True' }, { name: 'a'.repeat(254) }))).toEqual(['name']);
    expect(errorKeys(req({ enableTraining: 'True' }, { name: 'azureml.v2-a' }))).toEqual([]);
  });

  it('and the cluster must be an AKS or Arc id', () => {
    expect(errorKeys(req({ enableTraining: 'True' }, { clusterId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm' }))).toEqual(['clusterId']);
  });
});

describe('keys and values', () => {
  it('makes a case typo of a known key an error naming the right spelling', () => {
    const result = validateCliRequest(req({ ...http, InferenceRouterHA: 'False' }));
    expect(result.errors).toEqual([{ key: 'InferenceRouterHA', message: 'InferenceRouterHA is not a setting; did you mean inferenceRouterHA? Keys are case-sensitive.' }]);
    expect(errorKeys(req({ enableTraining: 'True', NodeSelector_x: 'a', 'NODESELECTOR.pool': 'a' }))).toEqual(['NODESELECTOR.pool']);
  });

  it('lists unknown keys and legacy keys as warnings, not errors', () => {
    const result = validateCliRequest(req({ enableTraining: 'True', myChartValue: '1', inferenceLoadBalancerHA: 'False', clusterPurpose: 'DevTest' }));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { key: 'myChartValue', message: expect.stringMatching(/not a documented/) },
      { key: 'inferenceLoadBalancerHA', message: expect.stringMatching(/use inferenceRouterHA/) },
    ]);
  });

  it('reads booleans in any case and refuses anything else', () => {
    expect(errorKeys(req({ enableTraining: 'tRuE', installPromOp: 'FALSE' }))).toEqual([]);
    const result = validateCliRequest(req({ enableTraining: 'True', installPromOp: 'yes' }));
    expect(result.errors).toEqual([{ key: 'installPromOp', message: "installPromOp must be True or False (any case), not 'yes'." }]);
  });
});

describe('validateCliRequest in Brazilian Portuguese', () => {
  const pt = (r: CliRequest, clusterType?: 'managedClusters' | 'connectedClusters') => validateCliRequest(r, clusterType ? { clusterType } : {}, portugueseText);

  it('names the right spelling of a key and quotes a wrong value, the setting names kept as they are', () => {
    expect(pt(req({ ...http, InferenceRouterHA: 'False' })).errors).toEqual([
      { key: 'InferenceRouterHA', message: 'InferenceRouterHA não é uma configuração; você quis dizer inferenceRouterHA? As chaves diferenciam maiúsculas de minúsculas.' },
    ]);
    expect(pt(req({ enableTraining: 'True', installPromOp: 'yes' })).errors).toEqual([
      { key: 'installPromOp', message: "installPromOp precisa ser True ou False (maiúsculas ou minúsculas), não 'yes'." },
    ]);
  });

  it('writes the router, TLS and identity rules in Portuguese', () => {
    const messages = (r: CliRequest, clusterType?: 'managedClusters' | 'connectedClusters') => pt(r, clusterType).errors.map((e) => e.message);
    expect(messages(req({ enableInference: 'True' }))).toEqual([
      'A inferência precisa de inferenceRouterServiceType: loadBalancer, nodePort ou clusterIP.',
      expect.stringMatching(/^A inferência precisa de material HTTPS: .* defina allowInsecureConnections=True\.$/),
    ]);
    expect(messages(req({ ...http, internalLoadBalancerProvider: 'azure' }), 'connectedClusters')).toEqual([
      'O balanceador de carga interno (internalLoadBalancerProvider=azure) funciona somente no AKS; em clusters Arc, a instalação falha na verificação de integridade com E40003.',
    ]);
    expect(messages(req({ ...http, allowInsecureConnections: 'False', sslSecret: 'tls', sslCname: 'not a host' }))).toEqual(["'not a host' não é um nome de host (como ml.contoso.com)."]);
    expect(messages(req({ enableTraining: 'True' }, { name: 'azure ml', version: '1.1.64' }))).toEqual([
      'O nome da extensão precisa ter de 1 a 253 letras, dígitos, pontos ou hifens, começando e terminando com letra ou dígito, sem dois pontos seguidos.',
      'Fixar a versão 1.1.64 exige desligar as atualizações automáticas de versão secundária (autoUpgradeMinorVersion=false).',
    ]);
  });

  it('translates legacy and undocumented keys (warnings) and node selector problems', () => {
    const result = pt(req({ enableTraining: 'True', myChartValue: '1', inferenceLoadBalancerHA: 'False', 'nodeSelector.': 'gpu' }));
    expect(result.warnings.map((w) => w.message)).toEqual([
      'myChartValue não é uma configuração documentada da extensão AzureML; ela é repassada à extensão sem alterações.',
      'inferenceLoadBalancerHA é o nome antigo de inferenceRouterHA; use inferenceRouterHA.',
    ]);
    expect(result.errors.map((e) => e.message)).toEqual(['Seletor de nós (vazio)=gpu: a chave do rótulo está vazia.']);
    expect(labelKeyProblem('Example.COM/pool', portugueseText)).toBe("o prefixo 'Example.COM' precisa ser um subdomínio DNS em minúsculas (como example.com)");
    expect(labelValueProblem('gpu pool', portugueseText)).toMatch(/^um valor de rótulo tem no máximo 63/);
  });

  it('says the PEM text problems with the noun agreeing (o certificado, a chave privada)', () => {
    expect(pemTextProblems('sslCertPemFile', '', 'certificate', portugueseText)[0].message).toBe('Forneça o certificado PEM (sslCertPemFile).');
    expect(pemTextProblems('sslKeyPemFile', 'é', 'key', portugueseText)[0].message).toMatch(/^A chave privada contém caracteres não ASCII/);
    expect(pemTextProblems('sslCertPemFile', KEY, 'certificate', portugueseText)[0].message).toBe('Isto não é um certificado PEM: era esperado um bloco "-----BEGIN CERTIFICATE-----".');
  });
});
