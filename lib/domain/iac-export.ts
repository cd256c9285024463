/**
 * Bicep and Terraform that create the same extension as the portal (and `az k8s-extension
 * create`), written from the body `buildExtensionBody` produces, so an export cannot drift from
 * the plan. Every setting the CLI computes (cluster_name, location, domain, the small-cluster
 * defaults, ...) is written out: leaving them to the CLI is exactly what fails for Terraform users
 * (hashicorp/terraform-provider-azurerm #24547). Protected values are never written: each
 * protected key becomes a `@secure()` parameter or a `sensitive` variable. Pure.
 */
import { formatClusterId, parseClusterId, type ClusterType } from './cluster';
import type { ClusterFacts, ExtensionBody } from './extension-body';
import { CLI_SETTING, settingEntry } from './settings-catalog';

/** The api-version `@azure/arm-kubernetesconfiguration` (the portal's own SDK) sends for extensions. */
export const EXTENSIONS_API_VERSION = '2023-05-01';
/** GA api-versions for the `existing` cluster references; only their ids are used (no GET is made). */
export const CLUSTER_API_VERSIONS: Readonly<Record<ClusterType, string>> = {
  managedClusters: '2024-05-01',
  connectedClusters: '2024-01-01',
};
/** The azurerm provider's resource for each cluster kind. */
export const TERRAFORM_RESOURCE_TYPES: Readonly<Record<ClusterType, string>> = {
  managedClusters: 'azurerm_kubernetes_cluster_extension',
  connectedClusters: 'azurerm_arc_kubernetes_cluster_extension',
};
const BICEP_CLUSTER_TYPES: Readonly<Record<ClusterType, string>> = {
  managedClusters: 'Microsoft.ContainerService/managedClusters',
  connectedClusters: 'Microsoft.Kubernetes/connectedClusters',
};

/** What an export is built from: the plan's extension name, cluster and body. */
export interface ExportInput {
  extensionName: string;
  cluster: Pick<ClusterFacts, 'id' | 'name' | 'type'>;
  /** As `buildExtensionBody` returned it; only the keys of protected settings are read. */
  body: ExtensionBody;
}

/** The two snippets, each a complete file. */
export interface IacExports {
  bicep: string;
  terraform: string;
}

// Bicep and HCL both take these as bare object keys; anything else is quoted.
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LITERAL_WORDS = new Set(['true', 'false', 'null']);
// Names a parameter or variable may not take: the snippet's own symbols and the languages' keywords.
const BICEP_RESERVED = new Set(['azuremlcluster', 'azuremlextension', 'param', 'var', 'resource', 'module', 'output', 'type', 'func', 'metadata', 'import', 'existing', 'targetscope', 'if', 'for', 'in', 'true', 'false', 'null', 'extension', 'using', 'as', 'with']);
const TERRAFORM_RESERVED = new Set(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']);

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/**
 * A Bicep single-quoted string: `\` `'` and control characters escaped, and `${` written `\${` so
 * a value is never read as an interpolation. Other Unicode stays literal (Bicep files are UTF-8).
 */
export function bicepString(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = value.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '$' && value[i + 1] === '{') out += '\\$';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${hex(code, 1)}}`;
    else out += ch;
  }
  return `'${out}'`;
}

/**
 * An HCL double-quoted string: `\` `"` and control characters escaped, and the template openers
 * `${` and `%{` doubled (`$${`, `%%{`) so Terraform takes them literally.
 */
export function hclString(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = value.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && value[i + 1] === '{') out += ch + ch;
    else if (code < 0x20 || code === 0x7f) out += `\\u${hex(code, 4)}`;
    else out += ch;
  }
  return `"${out}"`;
}

function objectKey(key: string, quote: (value: string) => string): string {
  return BARE_KEY.test(key) && !LITERAL_WORDS.has(key) ? key : quote(key);
}

/** One line of comment text: ids and names come from ARM, but a newline must never end the comment. */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/** A distinct identifier for each protected key (`scoringFe.sslCert` → `scoringFe_sslCert`), in key order. */
function identifiersFor(keys: string[], taken: ReadonlySet<string>): Map<string, string> {
  const used = new Set(taken);
  const names = new Map<string, string>();
  for (const key of keys) {
    let base = key.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `p_${base}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    used.add(name.toLowerCase());
    names.set(key, name);
  }
  return names;
}

/** What to pass for a protected key: the catalog's `exportHint` for the ones the CLI computes itself. */
function hintFor(key: string): string {
  return `Protected setting ${key}: ${settingEntry(key)?.exportHint ?? 'value as you would pass it to --config-protected'}.`;
}

/** Header lines both languages share, as comment text. */
function headerLines(input: ExportInput): string[] {
  const { cluster, body } = input;
  const lines = [
    `Installs ${body.properties.extensionType} as '${input.extensionName}' on ${cluster.name}, with every setting`,
    'az k8s-extension create would compute written out (see hashicorp/terraform-provider-azurerm#24547).',
  ];
  const relayId = body.properties.configurationSettings[CLI_SETTING.relayHybridConnectionResourceId];
  if (relayId !== undefined && CLI_SETTING.relayServerConnectionString in body.properties.configurationProtectedSettings) {
    lines.push(
      'Azure Relay: the CLI creates (or reuses) this hybrid connection and its azureml_rw rule; this file does not.',
      `Create it first and pass the rule's primary connection string: ${relayId}`,
    );
  }
  return lines.map(commentText);
}

/** `resource ... 'Microsoft.KubernetesConfiguration/extensions@2023-05-01'` scoped to the existing cluster. */
export function toBicep(input: ExportInput): string {
  const { cluster, body } = input;
  const props = body.properties;
  const parsed = parseClusterId(cluster.id);
  const protectedKeys = Object.keys(props.configurationProtectedSettings);
  const params = identifiersFor(protectedKeys, BICEP_RESERVED);
  const lines = headerLines(input).map((line) => `// ${line}`);
  if (parsed) {
    lines.push(
      '// Deploy it to the cluster\'s resource group:',
      commentText(`//   az deployment group create --subscription ${parsed.subscriptionId} --resource-group ${parsed.resourceGroup} --template-file azureml-extension.bicep`),
    );
  }
  for (const [key, name] of params) {
    lines.push('', '@secure()', `@description(${bicepString(hintFor(key))})`, `param ${name} string`);
  }
  const settings = Object.entries(props.configurationSettings).map(([key, value]) => `      ${objectKey(key, bicepString)}: ${bicepString(value)}`);
  const secrets = [...params].map(([key, name]) => `      ${objectKey(key, bicepString)}: ${name}`);
  const map = (name: string, entries: string[]) => (entries.length > 0 ? [`    ${name}: {`, ...entries, '    }'] : [`    ${name}: {}`]);
  lines.push(
    '',
    `resource azuremlCluster '${BICEP_CLUSTER_TYPES[cluster.type]}@${CLUSTER_API_VERSIONS[cluster.type]}' existing = {`,
    `  name: ${bicepString(cluster.name)}`,
    '}',
    '',
    `resource azuremlExtension 'Microsoft.KubernetesConfiguration/extensions@${EXTENSIONS_API_VERSION}' = {`,
    `  name: ${bicepString(input.extensionName)}`,
    '  scope: azuremlCluster',
    ...(body.identity ? ['  identity: {', `    type: ${bicepString(body.identity.type)}`, '  }'] : []),
    '  properties: {',
    `    extensionType: ${bicepString(props.extensionType)}`,
    `    autoUpgradeMinorVersion: ${props.autoUpgradeMinorVersion}`,
    `    releaseTrain: ${bicepString(props.releaseTrain)}`,
    ...(props.version ? [`    version: ${bicepString(props.version)}`] : []),
    '    scope: {',
    '      cluster: {',
    `        releaseNamespace: ${bicepString(props.scope.cluster.releaseNamespace)}`,
    '      }',
    '    }',
    ...map('configurationSettings', settings),
    ...map('configurationProtectedSettings', secrets),
    '  }',
    '}',
  );
  return `${lines.join('\n')}\n`;
}

/** `name = value` lines with the `=` aligned, as `terraform fmt` writes them. */
function hclAttributes(indent: string, pairs: Array<[string, string]>): string[] {
  const width = Math.max(0, ...pairs.map(([name]) => name.length));
  return pairs.map(([name, value]) => `${indent}${name.padEnd(width)} = ${value}`);
}

/**
 * `azurerm_kubernetes_cluster_extension` (AKS) or `azurerm_arc_kubernetes_cluster_extension`
 * (Arc, with its identity block). Where the CLI sends a field the provider has no argument for, a
 * comment in the snippet says so.
 */
export function toTerraform(input: ExportInput): string {
  const { cluster, body } = input;
  const props = body.properties;
  const arc = cluster.type === 'connectedClusters';
  const parsed = parseClusterId(cluster.id);
  const protectedKeys = Object.keys(props.configurationProtectedSettings);
  const variables = identifiersFor(protectedKeys, TERRAFORM_RESERVED);
  const lines = headerLines(input).map((line) => `# ${line}`);
  if (parsed) lines.push(commentText(`# The azurerm provider must target subscription ${parsed.subscriptionId}, the cluster's.`));
  for (const [key, name] of variables) {
    lines.push('', `variable "${name}" {`, ...hclAttributes('  ', [['description', hclString(hintFor(key))], ['type', 'string'], ['sensitive', 'true']]), '}');
  }

  const head: Array<[string, string]> = [
    ['name', hclString(input.extensionName)],
    // The provider parses ids case-sensitively; Arc returns `resourcegroups`, so the canonical casing is written.
    ['cluster_id', hclString(parsed ? formatClusterId(parsed) : cluster.id)],
    ['extension_type', hclString(props.extensionType)],
  ];
  // The AKS resource refuses release_train together with version; Arc takes both, as ARM does.
  const trainConflicts = !arc && Boolean(props.version);
  if (!trainConflicts) head.push(['release_train', hclString(props.releaseTrain)]);
  if (props.version) head.push(['version', hclString(props.version)]);
  head.push(['release_namespace', hclString(props.scope.cluster.releaseNamespace)]);
  const notes: string[] = [];
  if (trainConflicts) notes.push(`release_train ${props.releaseTrain} is not set: this provider does not allow it with version (the CLI sends both).`);
  // The provider sends autoUpgradeMinorVersion = (version is empty); it has no argument for it.
  if (props.autoUpgradeMinorVersion === !props.version) {
    notes.push(`No argument for autoUpgradeMinorVersion: the provider sends ${props.autoUpgradeMinorVersion}, as the CLI does here.`);
  } else {
    notes.push(
      `No argument for autoUpgradeMinorVersion: the CLI sends ${props.autoUpgradeMinorVersion}, the provider ${!props.version}.`,
      `After apply: az k8s-extension update --auto-upgrade-minor-version ${props.autoUpgradeMinorVersion} (same names).`,
    );
  }
  const empty = Object.entries(props.configurationSettings).filter(([, value]) => value === '').map(([key]) => key);
  if (empty.length > 0) notes.push(`The provider rejects empty values; the CLI sends these as empty: ${empty.join(', ')}.`);

  const settings = Object.entries(props.configurationSettings).map(([key, value]): [string, string] => [objectKey(key, hclString), hclString(value)]);
  const secrets = [...variables].map(([key, name]): [string, string] => [objectKey(key, hclString), `var.${name}`]);
  lines.push(
    '',
    `resource "${TERRAFORM_RESOURCE_TYPES[cluster.type]}" "azureml" {`,
    ...hclAttributes('  ', head),
    ...notes.map((note) => commentText(`  # ${note}`)),
    ...(body.identity ? ['', '  identity {', `    type = ${hclString(body.identity.type)}`, '  }'] : []),
    '',
    '  configuration_settings = {',
    ...hclAttributes('    ', settings),
    '  }',
    ...(secrets.length > 0 ? ['', '  configuration_protected_settings = {', ...hclAttributes('    ', secrets), '  }'] : []),
    '}',
  );
  return `${lines.join('\n')}\n`;
}

/** Both snippets for one plan. */
export function buildIacExports(input: ExportInput): IacExports {
  return { bicep: toBicep(input), terraform: toTerraform(input) };
}
