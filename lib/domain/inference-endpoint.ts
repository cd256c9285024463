/**
 * How to reach what was installed: the inference router's Service (`azureml-fe` in `azureml`)
 * read from the namespace List (lib/domain/namespace-read.ts), joined with the extension's
 * settings, as one answer the status page shows: type, address, port, scheme, the scoring URL's
 * shape, who can reach it, and for HTTPS with `sslCname` the DNS record the user must create.
 * The emulator builds its `azureml-fe` from the same rules (routerServiceTypeOf, routerSchemeOf,
 * routerIsInternal), so the two cannot disagree. Pure, browser-safe.
 *
 * Sources: Microsoft Learn, "Configure a secure online endpoint with TLS/SSL"
 * (how-to-secure-kubernetes-online-endpoint, section "Update your DNS with an FQDN"): the
 * endpoint's address is the external IP of the `azureml-fe` Service (`kubectl describe svc
 * azureml-fe -n azureml`, "LoadBalancer Ingress"); the DNS record maps the FQDN to that IP; with
 * nodePort or clusterIP you bring your own load balancer. AML-Kubernetes docs/deploy-extension.md:
 * LoadBalancer exposes it through the cloud's load balancer, NodePort on each node's IP at a static
 * port, ClusterIP only inside the cluster.
 */
import { normaliseServiceType } from './cli-settings';
import { ownValue } from './own-keys';
import {
  AZUREML_RELEASE_NAMESPACE,
  CLI_SETTING,
  parseBooleanSetting,
  SETTING,
  settingEntry,
  settingIsOn,
  type ServiceType,
} from './settings-catalog';

/** The router's Service (its pods belong to the `azureml-fe-v2` Deployment). */
export const INFERENCE_ROUTER_SERVICE = 'azureml-fe';
/** Kubernetes' spelling of the three router types (`spec.type`). */
export const KUBE_SERVICE_TYPES = ['LoadBalancer', 'NodePort', 'ClusterIP'] as const;
export type KubeServiceType = (typeof KUBE_SERVICE_TYPES)[number];
export type EndpointScheme = 'http' | 'https';
/**
 * Who can reach the router: `public` (an internet-facing load balancer), `internal` (a private
 * load balancer address, or every node's address for NodePort: the cluster's network),
 * `cluster-only` (ClusterIP), `pending` (a LoadBalancer with no address yet).
 */
export type EndpointReachability = 'public' | 'internal' | 'cluster-only' | 'pending';

/** The router's ports: HTTP, or HTTPS when it terminates TLS itself. */
export const ROUTER_PORTS: Readonly<Record<EndpointScheme, number>> = { http: 80, https: 443 };
/** AKS's cloud provider makes a LoadBalancer Service internal with this annotation set to `true`. */
export const AZURE_INTERNAL_LB_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';

/** Stands for the online endpoint's name in the scoring URL (the user names endpoints later, in Azure ML). */
export const ENDPOINT_NAME_PLACEHOLDER = '<endpoint-name>';
/** Stands for any node's address (NodePort). */
export const NODE_ADDRESS_PLACEHOLDER = '<node-ip>';
/** Stands for an address not known yet (a LoadBalancer still pending, a Service not read). */
export const ADDRESS_PLACEHOLDER = '<address>';
/** Stands for a node port not known yet. */
export const NODE_PORT_PLACEHOLDER = '<node-port>';
/**
 * The path `azureml-fe` serves a Kubernetes online endpoint's scoring on:
 * `/api/v1/endpoint/<endpoint-name>/score`. Microsoft Learn, "Troubleshoot online endpoint
 * deployment and scoring", Kubernetes online endpoints: the router answers
 * `/api/v1/endpoint/<endpoint-name>/swagger.json` beside `.../score` (the v1 AKS web services
 * used `/api/v1/service/<service-name>/score`, the shape how-to-secure-kubernetes-online-endpoint
 * still quotes). The exact URL of an endpoint is its `scoring_uri` (`az ml online-endpoint show`).
 */
export const SCORING_PATH = `/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`;

/** The record to create so `sslCname` reaches the router: A/AAAA for an IP, CNAME for a load balancer's host name. */
export interface DnsRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  value: string;
}

/** What the portal's resolver said about a {@link DnsRecord} (lib/deploy/dns-check.ts). */
export type DnsCheckState = 'matches' | 'points-elsewhere' | 'not-found' | 'not-checkable';
export interface DnsCheck {
  state: DnsCheckState;
  /** What the name resolves to today (`points-elsewhere`, `matches`). */
  addresses?: string[];
}

/** The inference router's endpoint, as the status page shows it. */
export interface InferenceEndpoint {
  serviceType: KubeServiceType;
  /** False when the read had no `azureml-fe` Service (not created yet, or the read did not list Services): type and scheme then come from the settings. */
  serviceFound: boolean;
  /**
   * Where clients connect: the load balancer's IP or host name (LoadBalancer), the cluster IP
   * (ClusterIP); null for NodePort (any node's address) and while a load balancer has none.
   */
  address: string | null;
  /** The Service's port for the scheme (80 or 443). */
  port: number;
  /** NodePort only: the port every node listens on. */
  nodePort?: number;
  scheme: EndpointScheme;
  /** The scoring URL's shape, {@link ENDPOINT_NAME_PLACEHOLDER} standing for the endpoint's name. */
  scoringUrl: string;
  reachability: EndpointReachability;
  /** HTTPS only: the name the certificate serves (the URL's host). */
  sslCname?: string;
  /** HTTPS with `sslCname` on a LoadBalancer with an address: the record to create. */
  dnsRecord?: DnsRecord;
}

type Settings = Readonly<Record<string, string>>;

const KUBE_TYPE_OF: Readonly<Record<ServiceType, KubeServiceType>> = {
  loadBalancer: 'LoadBalancer',
  nodePort: 'NodePort',
  clusterIP: 'ClusterIP',
};

/** The values of `internalLoadBalancerProvider` that make the load balancer internal (the catalog's). */
const INTERNAL_LB_PROVIDERS = new Set((settingEntry(SETTING.internalLoadBalancerProvider)?.values ?? []).map((v) => v.toLowerCase()));

/**
 * The router's Service type as the chart makes it: `inferenceRouterServiceType` in any case; else
 * the CLI's `scoringFe.serviceType.nodePort`; else LoadBalancer, the chart's Service when told
 * nothing (the CLI refuses an inference install without the setting; ARM and Terraform do not).
 */
export function routerServiceTypeOf(settings: Settings): KubeServiceType {
  const chosen = normaliseServiceType(ownValue(settings, SETTING.inferenceRouterServiceType) ?? '');
  if (chosen) return KUBE_TYPE_OF[chosen];
  return settingIsOn(settings, CLI_SETTING.scoringFeNodePort) ? 'NodePort' : 'LoadBalancer';
}

/** HTTP with `allowInsecureConnections=True` (the CLI then writes no TLS material); HTTPS otherwise. */
export function routerSchemeOf(settings: Settings): EndpointScheme {
  return settingIsOn(settings, SETTING.allowInsecureConnections) ? 'http' : 'https';
}

/**
 * An internal load balancer, read as the chart reads it (update-plan.ts does the same):
 * `scoringFe.serviceType.internalLoadBalancer` when set, else `internalLoadBalancerProvider=azure`.
 */
export function routerIsInternal(settings: Settings): boolean {
  const derived = parseBooleanSetting(ownValue(settings, CLI_SETTING.scoringFeInternalLoadBalancer));
  if (derived !== undefined) return derived;
  return INTERNAL_LB_PROVIDERS.has((ownValue(settings, SETTING.internalLoadBalancerProvider) ?? '').trim().toLowerCase());
}

interface ServicePort {
  name?: unknown;
  port?: unknown;
  nodePort?: unknown;
}
interface ServiceItem {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; annotations?: Record<string, unknown> };
  spec?: { type?: unknown; clusterIP?: unknown; ports?: unknown };
  status?: { loadBalancer?: { ingress?: unknown } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const portNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536 ? value : undefined;

/** The `azureml-fe` Service among a List's items (any namespace field other than `azureml` is another Service). */
export function findRouterService(items: readonly unknown[]): ServiceItem | undefined {
  return items.find((item): item is ServiceItem => {
    if (!isRecord(item) || item.kind !== 'Service' || !isRecord(item.metadata)) return false;
    const { name, namespace } = item.metadata;
    return name === INFERENCE_ROUTER_SERVICE && (namespace === undefined || namespace === AZUREML_RELEASE_NAMESPACE);
  });
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IP literal (v4 dotted quad, or v6 with colons) rather than a host name. */
export function ipVersionOf(address: string): 4 | 6 | null {
  const v4 = IPV4.exec(address);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255) ? 4 : null;
  return /^[0-9a-f:.]+$/i.test(address) && address.includes(':') ? 6 : null;
}

/** RFC 1918, shared (100.64/10), loopback and link-local v4; unique-local and link-local v6: not internet-facing. */
function isPrivateAddress(address: string): boolean {
  const version = ipVersionOf(address);
  if (version === 4) {
    const [a, b] = address.split('.').map(Number);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  }
  if (version === 6) return /^(f[cd]|fe[89ab])/i.test(address) || address === '::1';
  return false;
}

function loadBalancerAddress(service: ServiceItem | undefined): string | null {
  const ingress = service?.status?.loadBalancer?.ingress;
  const first: unknown = Array.isArray(ingress) ? ingress[0] : undefined;
  if (!isRecord(first)) return null;
  return text(first.ip) ?? text(first.hostname) ?? null;
}

function servicePort(service: ServiceItem | undefined, scheme: EndpointScheme): ServicePort | undefined {
  const ports = Array.isArray(service?.spec?.ports) ? (service.spec.ports as unknown[]).filter(isRecord) : [];
  return ports.find((p) => p.name === scheme) ?? ports.find((p) => p.port === ROUTER_PORTS[scheme]) ?? ports[0];
}

function addressOf(type: KubeServiceType, service: ServiceItem | undefined): string | null {
  if (type === 'LoadBalancer') return loadBalancerAddress(service);
  if (type === 'ClusterIP') {
    const ip = text(service?.spec?.clusterIP);
    return ip && ip !== 'None' ? ip : null;
  }
  return null;
}

function reachabilityOf(type: KubeServiceType, address: string | null, internal: boolean): EndpointReachability {
  if (type === 'ClusterIP') return 'cluster-only';
  if (type === 'NodePort') return 'internal';
  if (address === null) return 'pending';
  return internal || isPrivateAddress(address) ? 'internal' : 'public';
}

function urlHost(host: string): string {
  return ipVersionOf(host) === 6 ? `[${host}]` : host;
}

/** `scheme://host[:port]/api/v1/endpoint/<endpoint-name>/score`, the port left out when it is the scheme's own. */
function scoringUrlOf(e: Omit<InferenceEndpoint, 'scoringUrl' | 'reachability' | 'dnsRecord'>): string {
  const host = e.sslCname ?? e.address ?? (e.serviceType === 'NodePort' ? NODE_ADDRESS_PLACEHOLDER : ADDRESS_PLACEHOLDER);
  const port =
    e.serviceType === 'NodePort' ? `:${e.nodePort ?? NODE_PORT_PLACEHOLDER}` : e.port === ROUTER_PORTS[e.scheme] ? '' : `:${e.port}`;
  return `${e.scheme}://${urlHost(host)}${port}${SCORING_PATH}`;
}

function dnsRecordOf(type: KubeServiceType, sslCname: string | undefined, address: string | null): DnsRecord | undefined {
  // NodePort and ClusterIP: the record points at the user's own load balancer, an address the cluster cannot tell.
  if (!sslCname || address === null || type !== 'LoadBalancer') return undefined;
  const version = ipVersionOf(address);
  return { name: sslCname, type: version === 4 ? 'A' : version === 6 ? 'AAAA' : 'CNAME', value: address };
}

/**
 * The inference router's endpoint from the namespace List's items and the extension's
 * `configurationSettings`; null when inference is off (no router is installed). The Service's
 * own `spec.type`, ports and load balancer status win over the settings; without the Service
 * (not created yet) type and scheme come from the settings and the address is unknown.
 */
export function inferenceEndpointOf(items: readonly unknown[], settings: Settings): InferenceEndpoint | null {
  if (!settingIsOn(settings, SETTING.enableInference)) return null;
  const service = findRouterService(items);
  const specType = KUBE_SERVICE_TYPES.find((t) => t === service?.spec?.type);
  const serviceType = specType ?? routerServiceTypeOf(settings);
  const scheme = routerSchemeOf(settings);
  const port = servicePort(service, scheme);
  const address = addressOf(serviceType, service);
  const sslCname = scheme === 'https' ? text(ownValue(settings, SETTING.sslCname)) : undefined;
  const nodePort = serviceType === 'NodePort' ? portNumber(port?.nodePort) : undefined;
  const internal = service?.metadata?.annotations?.[AZURE_INTERNAL_LB_ANNOTATION] === 'true' || routerIsInternal(settings);
  const base = {
    serviceType,
    serviceFound: service !== undefined,
    address,
    port: portNumber(port?.port) ?? ROUTER_PORTS[scheme],
    ...(nodePort !== undefined ? { nodePort } : {}),
    scheme,
    ...(sslCname ? { sslCname } : {}),
  };
  const dnsRecord = dnsRecordOf(serviceType, sslCname, address);
  return {
    ...base,
    scoringUrl: scoringUrlOf(base),
    reachability: reachabilityOf(serviceType, address, internal),
    ...(dnsRecord ? { dnsRecord } : {}),
  };
}
