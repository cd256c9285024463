import { describe, expect, it } from 'vitest';

import type { CliRequest } from './cli-settings';
import { buildExtensionBody, type ClusterFacts, type ExtensionBody } from './extension-body';
import { FAKE_RELAY, SEED_CLUSTERS, seedScenarios } from './fixtures/seed-scenarios';
import { bicepString, buildIacExports, EXTENSIONS_API_VERSION, hclString, toBicep, toTerraform, type ExportInput } from './iac-export';

const CERT = '-----BEGIN CERTIFICATE-----\nSECRETCERT\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nSECRETKEY\n-----END PRIVATE KEY-----\n';
const { aksTwoNodes, aksProdWesteurope, arcSingleNode, arcOpenshift } = SEED_CLUSTERS;

// ---- A test-only reader of the snippets' map literals (one entry per line, as the emitters write). ----

type Value = { text: string } | { ref: string };

/** Reads a quoted literal at `start`: Bicep `'...'` or HCL `"..."`, undoing each language's escapes. */
function readQuoted(line: string, start: number, lang: 'bicep' | 'hcl'): [string, number] {
  const quote = lang === 'bicep' ? "'" : '"';
  if (line[start] !== quote) throw new Error(`expected ${quote} at ${start} in ${line}`);
  let out = '';
  for (let i = start + 1; i < line.length; i++) {
    const ch = line[i];
    if (ch === quote) return [out, i + 1];
    if (lang === 'hcl' && (ch === '$' || ch === '%') && line[i + 1] === ch && line[i + 2] === '{') {
      out += `${ch}{`;
      i += 2;
    } else if (lang === 'bicep' && ch === '$' && line[i + 1] === '{') {
      throw new Error(`unescaped interpolation in ${line}`);
    } else if (lang === 'hcl' && (ch === '$' || ch === '%') && line[i + 1] === '{') {
      throw new Error(`unescaped template in ${line}`);
    } else if (ch === '\\') {
      const next = line[++i];
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', $: '$' };
      if (next === 'u' && lang === 'bicep') {
        const end = line.indexOf('}', i);
        out += String.fromCodePoint(parseInt(line.slice(i + 2, end), 16));
        i = end;
      } else if (next === 'u') {
        out += String.fromCharCode(parseInt(line.slice(i + 1, i + 5), 16));
        i += 4;
      } else if (next in simple) out += simple[next];
      else throw new Error(`unknown escape \\${next} in ${line}`);
    } else out += ch;
  }
  throw new Error(`unterminated string in ${line}`);
}

function readToken(line: string, start: number, lang: 'bicep' | 'hcl'): [Value, number] {
  if (line[start] === (lang === 'bicep' ? "'" : '"')) {
    const [text, end] = readQuoted(line, start, lang);
    return [{ text }, end];
  }
  const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(line.slice(start));
  if (!match) throw new Error(`no token at ${start} in ${line}`);
  return [{ ref: match[0] }, start + match[0].length];
}

/** The entries of the map `name` in a snippet, in order; `{}` when the snippet has none. */
function readMap(snippet: string, name: string, lang: 'bicep' | 'hcl'): Record<string, Value> {
  const lines = snippet.split('\n');
  const opener = lang === 'bicep' ? `${name}: {` : `${name} = {`;
  const at = lines.findIndex((line) => line.trim() === opener || line.trim() === `${opener}}`);
  if (at < 0 || lines[at].trim().endsWith('{}')) return {};
  const indent = lines[at].length - lines[at].trimStart().length;
  const entries: Record<string, Value> = {};
  for (let i = at + 1; lines[i] !== `${' '.repeat(indent)}}`; i++) {
    const line = lines[i];
    let pos = line.length - line.trimStart().length;
    const [key, afterKey] = readToken(line, pos, lang);
    if (!('text' in key) && key.ref.includes('.')) throw new Error(`dotted key unquoted: ${line}`);
    pos = afterKey;
    const separator = lang === 'bicep' ? /^: / : /^ *= /;
    const sep = separator.exec(line.slice(pos));
    if (!sep) throw new Error(`no separator in ${line}`);
    const [value, end] = readToken(line, pos + sep[0].length, lang);
    if (end !== line.length) throw new Error(`trailing text in ${line}`);
    entries['text' in key ? key.text : key.ref] = value;
  }
  return entries;
}

const texts = (map: Record<string, Value>) => Object.fromEntries(Object.entries(map).map(([key, value]) => [key, 'text' in value ? value.text : `<ref ${value.ref}>`]));

/** Checks the snippet's protected map: every key a reference to a secure param / sensitive variable with no value. */
function expectProtectedAreInputs(snippet: string, body: ExtensionBody, lang: 'bicep' | 'hcl') {
  const map = readMap(snippet, lang === 'bicep' ? 'configurationProtectedSettings' : 'configuration_protected_settings', lang);
  expect(Object.keys(map)).toEqual(Object.keys(body.properties.configurationProtectedSettings));
  for (const value of Object.values(map)) {
    if (!('ref' in value)) throw new Error(`protected value written out: ${value.text}`);
    if (lang === 'bicep') {
      expect(snippet).toMatch(new RegExp(`@secure\\(\\)\\n@description\\('[^\\n]*'\\)\\nparam ${value.ref} string\\n`));
    } else {
      const name = value.ref.replace(/^var\./, '');
      const block = new RegExp(`variable "${name}" \\{\\n  description = "[^\\n]*"\\n  type        = string\\n  sensitive   = true\\n\\}`);
      expect(snippet).toMatch(block);
    }
  }
  for (const secret of Object.values(body.properties.configurationProtectedSettings)) expect(snippet).not.toContain(secret);
  expect(snippet).not.toMatch(/default/);
}

const inputFor = (request: CliRequest, cluster: ClusterFacts): ExportInput => ({ extensionName: request.name, cluster, body: buildExtensionBody(request, cluster, FAKE_RELAY) });

describe('exports of the seed scenarios, on both cluster kinds', () => {
  for (const scenario of seedScenarios({ cert: CERT, key: KEY })) {
    for (const cluster of [aksTwoNodes, aksProdWesteurope, arcSingleNode, arcOpenshift]) {
      it(`${scenario.title} on ${cluster.name}`, () => {
        const input = inputFor({ ...scenario.request, clusterId: cluster.id }, cluster);
        const { bicep, terraform } = buildIacExports(input);
        const settings = input.body.properties.configurationSettings;
        const bicepSettings = readMap(bicep, 'configurationSettings', 'bicep');
        const terraformSettings = readMap(terraform, 'configuration_settings', 'hcl');
        expect(texts(bicepSettings)).toEqual(settings);
        expect(Object.keys(bicepSettings)).toEqual(Object.keys(settings));
        expect(texts(terraformSettings)).toEqual(settings);
        expectProtectedAreInputs(bicep, input.body, 'bicep');
        expectProtectedAreInputs(terraform, input.body, 'hcl');
        expect(`${bicep}${terraform}`).not.toMatch(/SECRETCERT|SECRETKEY|FAKEKEY/);
      });
    }
  }

  it('writes out what the CLI computes, e.g. the small-cluster defaults and the cluster facts', () => {
    const [, arcPoc] = seedScenarios({ cert: CERT, key: KEY });
    const input = inputFor(arcPoc.request, arcSingleNode);
    const computed = { clusterPurpose: 'DevTest', inferenceRouterHA: 'false', cluster_name: arcSingleNode.id, location: 'eastus', domain: 'eastus.cloudapp.azure.com', 'relayserver.enabled': 'true' };
    expect(texts(readMap(toTerraform(input), 'configuration_settings', 'hcl'))).toMatchObject(computed);
    expect(texts(readMap(toBicep(input), 'configurationSettings', 'bicep'))).toMatchObject(computed);
  });
});

describe('resource types per cluster kind', () => {
  const request: CliRequest = { clusterId: '', name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} };

  it('AKS: an existing managedCluster scope, no identity; azurerm_kubernetes_cluster_extension', () => {
    const { bicep, terraform } = buildIacExports(inputFor(request, aksProdWesteurope));
    expect(bicep).toContain("resource azuremlCluster 'Microsoft.ContainerService/managedClusters@2024-05-01' existing = {\n  name: 'aks-prod-westeurope'\n}");
    expect(bicep).toContain(`resource azuremlExtension 'Microsoft.KubernetesConfiguration/extensions@${EXTENSIONS_API_VERSION}' = {\n  name: 'azureml'\n  scope: azuremlCluster\n  properties: {`);
    expect(bicep).toContain("    extensionType: 'Microsoft.AzureML.Kubernetes'\n    autoUpgradeMinorVersion: true\n    releaseTrain: 'stable'\n    scope: {\n      cluster: {\n        releaseNamespace: 'azureml'");
    expect(bicep).not.toContain('identity');
    expect(bicep).toContain('configurationProtectedSettings: {}');
    expect(terraform).toContain('resource "azurerm_kubernetes_cluster_extension" "azureml" {');
    expect(terraform).toContain(`  cluster_id        = "${aksProdWesteurope.id}"\n  extension_type    = "Microsoft.AzureML.Kubernetes"\n  release_train     = "stable"\n  release_namespace = "azureml"`);
    expect(terraform).not.toMatch(/identity|configuration_protected_settings/);
  });

  it('Arc: an existing connectedCluster scope with a system-assigned identity; azurerm_arc_kubernetes_cluster_extension', () => {
    const { bicep, terraform } = buildIacExports(inputFor(request, arcOpenshift));
    expect(bicep).toContain("resource azuremlCluster 'Microsoft.Kubernetes/connectedClusters@2024-01-01' existing = {");
    expect(bicep).toContain("  scope: azuremlCluster\n  identity: {\n    type: 'SystemAssigned'\n  }");
    expect(bicep).toContain('Azure Relay: the CLI creates');
    expect(terraform).toContain('resource "azurerm_arc_kubernetes_cluster_extension" "azureml" {');
    expect(terraform).toContain('  identity {\n    type = "SystemAssigned"\n  }');
  });

  it('writes the cluster id in the casing the provider parses (Arc returns resourcegroups)', () => {
    const lowerCased = { ...arcOpenshift, id: arcOpenshift.id.replace('/resourceGroups/', '/resourcegroups/') };
    const input = inputFor({ ...request, clusterId: lowerCased.id }, lowerCased);
    expect(toTerraform(input)).toContain(`  cluster_id        = "${arcOpenshift.id}"`);
    expect(texts(readMap(toTerraform(input), 'configuration_settings', 'hcl')).cluster_name).toBe(lowerCased.id);
  });

  it('pins a version: Bicep as ARM; the AKS provider cannot take release_train with it, Arc can', () => {
    const pinned = { ...request, version: '1.1.64', autoUpgradeMinorVersion: false };
    const aks = buildIacExports(inputFor(pinned, aksProdWesteurope));
    expect(aks.bicep).toContain("    autoUpgradeMinorVersion: false\n    releaseTrain: 'stable'\n    version: '1.1.64'");
    expect(aks.terraform).not.toMatch(/^ {2}release_train/m);
    expect(aks.terraform).toMatch(/# release_train stable is not set: this provider does not allow it with version/);
    expect(aks.terraform).toMatch(/version +?= "1\.1\.64"/);
    const arc = toTerraform(inputFor(pinned, arcOpenshift));
    expect(arc).toMatch(/^ {2}release_train += "stable"$/m);
    expect(arc).toContain('the provider sends false, as the CLI does here');
  });

  it('says where the CLI sends auto-upgrade off and the provider cannot', () => {
    const terraform = toTerraform(inputFor({ ...request, autoUpgradeMinorVersion: false }, aksProdWesteurope));
    expect(terraform).toContain('# No argument for autoUpgradeMinorVersion: the CLI sends false, the provider true.');
    expect(terraform).toContain('az k8s-extension update --auto-upgrade-minor-version false');
  });

  it('notes the empty values the provider would reject', () => {
    const terraform = toTerraform(inputFor({ ...request, configurationSettings: { enableTraining: 'True', 'nodeSelector.team': '' } }, aksProdWesteurope));
    expect(terraform).toContain('# The provider rejects empty values; the CLI sends these as empty: nodeSelector.team.');
  });
});

describe('escaping', () => {
  const hostile = ["it's", 'say "hi"', 'back\\slash\\', '${evil()}', '%{ if true }x%{ endif }', '$${already}', 'a$b {c}', 'two\nlines\r\n\ttab', 'ctrl\u0001\u007f', 'café ☕ 😀 \u2028 日本'];

  it('writes Bicep single-quoted strings', () => {
    expect(bicepString("it's ${x} \\")).toBe("'it\\'s \\${x} \\\\'");
    expect(bicepString('a\nb\u0001')).toBe("'a\\nb\\u{1}'");
    for (const value of hostile) expect(readQuoted(bicepString(value), 0, 'bicep')).toEqual([value, bicepString(value).length]);
  });

  it('writes HCL double-quoted strings', () => {
    expect(hclString('say "${x}" %{y} \\')).toBe('"say \\"$${x}\\" %%{y} \\\\"');
    expect(hclString('$${x}')).toBe('"$$${x}"');
    expect(hclString('a\tb\u0001')).toBe('"a\\tb\\u0001"');
    for (const value of hostile) expect(readQuoted(hclString(value), 0, 'hcl')).toEqual([value, hclString(value).length]);
  });

  it('round-trips hostile keys and values through both snippets, dotted keys quoted', () => {
    const settings = Object.fromEntries(hostile.map((value, i) => [`custom.${i}`, value]));
    const awkwardKeys = { enableTraining: 'True', 'nodeSelector.pool': 'gpu', "we'ird \"key\" ${x}": 'v', true: 'literal word key', 'scoringFe.serviceType': 'x' };
    const body = buildExtensionBody({ clusterId: '', name: 'azureml', configurationSettings: { ...awkwardKeys, ...settings }, configurationProtectedSettings: { "sec'ret.${k}": 'TOPSECRET' } }, aksProdWesteurope);
    const input: ExportInput = { extensionName: "name'with\"quotes${x}", cluster: aksProdWesteurope, body };
    const { bicep, terraform } = buildIacExports(input);
    expect(texts(readMap(bicep, 'configurationSettings', 'bicep'))).toEqual(body.properties.configurationSettings);
    expect(texts(readMap(terraform, 'configuration_settings', 'hcl'))).toEqual(body.properties.configurationSettings);
    expect(bicep).toContain("      'nodeSelector.pool': 'gpu'");
    expect(terraform).toMatch(/^ {4}"nodeSelector\.pool" += "gpu"$/m);
    expect(bicep).toContain("  name: 'name\\'with\"quotes\\${x}'");
    expect(terraform).toContain('  name              = "name\'with\\"quotes$${x}"');
    expectProtectedAreInputs(bicep, body, 'bicep');
    expectProtectedAreInputs(terraform, body, 'hcl');
  });

  it('gives colliding or reserved protected keys distinct, valid names', () => {
    const body = buildExtensionBody({ clusterId: '', name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: { 'a.b': 's1', a_b: 's2', version: 's3', '9x': 's4', resource: 's5' } }, aksProdWesteurope);
    const { bicep, terraform } = buildIacExports({ extensionName: 'azureml', cluster: aksProdWesteurope, body });
    expect(Object.values(readMap(bicep, 'configurationProtectedSettings', 'bicep'))).toEqual([{ ref: 'a_b' }, { ref: 'a_b_2' }, { ref: 'version' }, { ref: 'p_9x' }, { ref: 'resource_2' }]);
    expect(Object.values(readMap(terraform, 'configuration_protected_settings', 'hcl'))).toEqual([{ ref: 'var.a_b' }, { ref: 'var.a_b_2' }, { ref: 'var.version_2' }, { ref: 'var.p_9x' }, { ref: 'var.resource' }]);
  });

  it('describes each protected key from the settings catalog; a key named like an Object member gets the generic hint', () => {
    const body = buildExtensionBody({ clusterId: '', name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: { constructor: 's1', 'scoringFe.sslCert': 's2' } }, aksProdWesteurope);
    const { bicep } = buildIacExports({ extensionName: 'azureml', cluster: aksProdWesteurope, body });
    expect(bicep).toContain("@description('Protected setting constructor: value as you would pass it to --config-protected.')");
    expect(bicep).toContain("@description('Protected setting scoringFe.sslCert: standard base64 of the certificate PEM file (full chain).')");
    expect(bicep).not.toContain('native code');
  });

  it('keeps a newline in a name from ending a comment', () => {
    const cluster = { ...aksProdWesteurope, name: 'evil\nresource x' };
    const body = buildExtensionBody({ clusterId: '', name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} }, cluster);
    const { bicep, terraform } = buildIacExports({ extensionName: 'azureml', cluster, body });
    expect(bicep.split('\n')[0]).toBe("// Installs Microsoft.AzureML.Kubernetes as 'azureml' on evil resource x, with every setting");
    expect(terraform.split('\n')[0]).toMatch(/^# .*on evil resource x,/);
    expect(bicep).toContain("  name: 'evil\\nresource x'");
  });
});
