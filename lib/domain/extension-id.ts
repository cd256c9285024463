/**
 * Extension resource ids: `{clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/{name}`.
 * Pure.
 */
import { formatClusterId, parseClusterId, type ParsedClusterId } from './cluster';

export const EXTENSIONS_PROVIDER = 'Microsoft.KubernetesConfiguration';

export interface ParsedExtensionId {
  /** The cluster the extension lives on. */
  cluster: ParsedClusterId;
  /** The cluster id as it appeared in the extension id. */
  clusterId: string;
  extensionName: string;
}

const EXTENSION_SUFFIX = /^(.*)\/providers\/microsoft\.kubernetesconfiguration\/extensions\/([^/]+)\/?$/i;

/** Splits an extension id (case-insensitive); null when it is not an extension on an AKS/Arc cluster. */
export function parseExtensionId(id: string): ParsedExtensionId | null {
  const match = EXTENSION_SUFFIX.exec(id.trim());
  if (!match) return null;
  const [, clusterId, extensionName] = match;
  const cluster = parseClusterId(clusterId);
  if (!cluster) return null;
  return { cluster, clusterId, extensionName };
}

/** The extension id for a name on a cluster. */
export function formatExtensionId(cluster: ParsedClusterId, extensionName: string): string {
  return `${formatClusterId(cluster)}/providers/${EXTENSIONS_PROVIDER}/extensions/${extensionName}`;
}
