/**
 * THE table of api-versions the emulator accepts, per resource provider namespace, and ARM's
 * check of the `api-version` query parameter. Every ARM request names one; ARM refuses a request
 * without it (400 `MissingApiVersionParameter`) or with one the resource type does not support
 * (400, with the supported list in the message). The emulator does the same, so a portal call
 * that would fail in Azure for its api-version fails here too.
 *
 * Versions come from ../shared/azure-rest-specs/README.md ("Used by (npm package, api-version
 * sent)") and the api-version of each spec file there: what the SDK pinned in package.json sends,
 * plus the spec's own version. Upgrading an SDK that sends a new version means adding it here
 * (lib/sandbox/api-version.test.ts calls every SDK the portal uses and fails otherwise).
 */
import { ArmError } from './http';

export interface ApiSurface {
  /** Resource provider namespace, as ARM spells it. */
  namespace: string;
  /** The versions the portal's SDKs send for this namespace (package and version, for readers). */
  sentBy: Readonly<Record<string, string>>;
  /** The api-version of the REST spec copied in ../shared/azure-rest-specs, when there is one. */
  spec?: string;
}

export const API_SURFACES = [
  {
    namespace: 'Microsoft.Resources',
    // Subscriptions, resource groups and resource providers: ARM's own types. No spec copied.
    sentBy: { '@azure/arm-resources 7.0.0': '2025-04-01', '@azure/arm-resources-subscriptions 2.1.1': '2022-12-01' },
  },
  { namespace: 'Microsoft.ContainerService', sentBy: { '@azure/arm-containerservice 25.3.0': '2026-04-01' }, spec: '2026-04-01' },
  { namespace: 'Microsoft.Kubernetes', sentBy: { '@azure/arm-hybridkubernetes 2.1.0': '2021-10-01' }, spec: '2021-10-01' },
  {
    namespace: 'Microsoft.KubernetesConfiguration',
    sentBy: { '@azure/arm-kubernetesconfiguration 6.1.0': '2023-05-01' },
    spec: '2023-05-01',
  },
  { namespace: 'Microsoft.Relay', sentBy: { '@azure/arm-relay 3.1.1': '2017-04-01' }, spec: '2017-04-01' },
  { namespace: 'Microsoft.ResourceGraph', sentBy: { '@azure/arm-resourcegraph 5.0.0': '2024-04-01' }, spec: '2024-04-01' },
  {
    namespace: 'Microsoft.MachineLearningServices',
    sentBy: { '@azure/arm-machinelearning 2.1.1': '2022-10-01' },
    spec: '2022-10-01',
  },
  // Effective permissions (`permissions.listFor*`). No spec copied.
  { namespace: 'Microsoft.Authorization', sentBy: { '@azure/arm-authorization 9.0.0': '2022-04-01' } },
] as const satisfies readonly ApiSurface[];

/** The namespaces the table knows, as a type. */
export type ApiNamespace = (typeof API_SURFACES)[number]['namespace'];

/** Supported versions of a namespace: the ones its SDKs send, then the spec's, newest first, no duplicates. */
export function supportedApiVersions(namespace: ApiNamespace): string[] {
  const surface: ApiSurface = API_SURFACES.find((s) => s.namespace === namespace)!;
  const all = [...Object.values(surface.sentBy), ...(surface.spec ? [surface.spec] : [])];
  return [...new Set(all)].sort().reverse();
}

/**
 * The version the portal's SDK sends for a namespace served by one SDK, for URLs the emulator
 * hands out (`Azure-AsyncOperation`, `Location`): the same version the client would send itself.
 */
export function apiVersionSentFor(namespace: Exclude<ApiNamespace, 'Microsoft.Resources'>): string {
  const surface: ApiSurface = API_SURFACES.find((s) => s.namespace === namespace)!;
  return Object.values(surface.sentBy)[0];
}

/** Paths of the sandbox itself, not ARM: admin routes and the Arc clusters' Kubernetes APIs. */
const NOT_ARM_PREFIXES = ['/_sandbox/', '/_kube/'];

/** Whether `pathname` is an ARM route (so it needs an api-version). The token endpoint is handled before. */
export function isArmPath(pathname: string): boolean {
  return !NOT_ARM_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

interface ResourceType {
  namespace: string;
  /** e.g. `extensions`, `namespaces/hybridConnections`, `resourceGroups`. */
  type: string;
}

/**
 * The resource type a path addresses, as ARM resolves it: the namespace after the LAST
 * `providers` segment and the type segments after it (an extension under a cluster is
 * `Microsoft.KubernetesConfiguration/extensions`). Subscriptions, resource groups and the
 * provider resources themselves (`/providers`, `/providers/{ns}`, `/providers/{ns}/register`)
 * belong to `Microsoft.Resources`.
 */
export function resourceTypeOf(pathname: string): ResourceType {
  const parts = pathname.split('/').filter((s) => s.length > 0);
  let at = -1;
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i].toLowerCase() === 'providers') {
      at = i;
      break;
    }
  }
  const isProviderResource =
    at === 2 && parts.length <= 5 && (parts.length === 4 || parts[4].toLowerCase() === 'register') && parts[0].toLowerCase() === 'subscriptions';
  if (at < 0 || isProviderResource) {
    return { namespace: 'Microsoft.Resources', type: isProviderResource ? 'providers' : (parts[2] ?? parts[0] ?? 'subscriptions') };
  }
  const types = parts.slice(at + 2).filter((_, i) => i % 2 === 0);
  return { namespace: parts[at + 1], type: types.join('/') };
}

/**
 * ARM's api-version check: throws 400 `MissingApiVersionParameter` when `url` has none (or an
 * empty one), 400 `InvalidApiVersionParameter` when its namespace does not support it, with the
 * supported list in ARM's wording. A namespace outside the table is left to the router (404).
 */
export function requireSupportedApiVersion(url: URL): void {
  // Query parameter names are case-insensitive in ARM, as in ASP.NET.
  const version = [...url.searchParams].find(([name]) => name.toLowerCase() === 'api-version')?.[1];
  if (!version) {
    throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  const { namespace, type } = resourceTypeOf(url.pathname);
  const surface = API_SURFACES.find((s) => s.namespace.toLowerCase() === namespace.toLowerCase());
  if (!surface) return;
  const supported = supportedApiVersions(surface.namespace);
  if (supported.some((v) => v.toLowerCase() === version.toLowerCase())) return;
  const list = supported.join(', ');
  // ARM words its own types' refusal differently from a resource provider's.
  const message =
    surface.namespace === 'Microsoft.Resources'
      ? `The api-version '${version}' is invalid. The supported versions are '${list}'.`
      : `The resource type '${type}' could not be found in the namespace '${surface.namespace}' for api version '${version}'. The supported api-versions are '${list}'.`;
  throw new ArmError(400, 'InvalidApiVersionParameter', message);
}
