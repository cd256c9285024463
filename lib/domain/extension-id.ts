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

/**
 * An extension name: 1 to 253 letters, digits, `.` and `-` (DOMAIN.md section 3, rule 8), starting
 * and ending with a letter or digit and without `..`, as a DNS subdomain is (the name becomes the
 * Helm release's). So `-`, `.` and `..` are refused: ARM's spec gives no pattern of its own, and
 * `..` as the last segment of an id would walk up to the cluster's provider path.
 */
export const EXTENSION_NAME_PATTERN = /^(?!.*\.\.)[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** True when `name` can name an extension (see {@link EXTENSION_NAME_PATTERN}). */
export function isExtensionName(name: string): boolean {
  return EXTENSION_NAME_PATTERN.test(name);
}

const EXTENSION_SUFFIX = /^(.*)\/providers\/microsoft\.kubernetesconfiguration\/extensions\/([^/]+)\/?$/i;

/**
 * Splits an extension id (case-insensitive); null when it is not an extension on an AKS/Arc
 * cluster, or its name is not an extension name (so callers answer 400 before any ARM call).
 */
export function parseExtensionId(id: string): ParsedExtensionId | null {
  const match = EXTENSION_SUFFIX.exec(id.trim());
  if (!match) return null;
  const [, clusterId, extensionName] = match;
  if (!isExtensionName(extensionName)) return null;
  const cluster = parseClusterId(clusterId);
  if (!cluster) return null;
  return { cluster, clusterId, extensionName };
}

/** The extension id for a name on a cluster. */
export function formatExtensionId(cluster: ParsedClusterId, extensionName: string): string {
  return `${formatClusterId(cluster)}/providers/${EXTENSIONS_PROVIDER}/extensions/${extensionName}`;
}
