/**
 * The inference router's Service (`azureml-fe` in `azureml`) as AKS or an Arc cluster would show
 * it, built from the extension's settings with the same rules the portal reads it by
 * (lib/domain/inference-endpoint.ts): `spec.type` from `inferenceRouterServiceType`, port 80
 * (HTTP, `allowInsecureConnections=True`) or 443 (HTTPS), node ports, a cluster IP, and for a
 * LoadBalancer its address once the cloud has given one. Addresses are fake but stable per
 * cluster (a hash of its id), so a page, a test and a screenshot agree. No Service when inference
 * is off: the chart creates it with the router's Deployment.
 */
import { createHash } from 'node:crypto';

import {
  AZURE_INTERNAL_LB_ANNOTATION,
  INFERENCE_ROUTER_SERVICE,
  ROUTER_PORTS,
  routerIsInternal,
  routerSchemeOf,
  routerServiceTypeOf,
  type KubeServiceType,
} from '@/lib/domain/inference-endpoint';
import { SETTING, settingIsOn } from '@/lib/domain/settings-catalog';

import type { ClusterRecord, ExtensionRecord } from './state';

/** Kubernetes allocates node ports from 30000-32767 (`--service-node-port-range`). */
const NODE_PORT_MIN = 30000;
const NODE_PORT_COUNT = 2768;
/**
 * A cloud load balancer gets its address a while after the Service exists (Azure: tens of
 * seconds): one `provisioningMs` after the router's Deployment appears, about when its pods turn
 * Ready, so a fresh install shows "pending" first.
 */
export const LOAD_BALANCER_ADDRESS_DELAY_SHARE = 1;

const bytesOf = (seed: string): number[] => [...createHash('sha256').update(seed).digest()];

/** A stable public address in Azure's 20.0.0.0/8, per cluster. */
export function fakePublicIp(clusterId: string): string {
  const [a, b, c] = bytesOf(`public:${clusterId.toLowerCase()}`);
  return `20.${1 + (a % 254)}.${b}.${1 + (c % 254)}`;
}

/** A stable private address in AKS's default node subnet 10.224.0.0/16 (Azure reserves .0 to .3), per cluster. */
export function fakeInternalIp(clusterId: string): string {
  const [a, b] = bytesOf(`internal:${clusterId.toLowerCase()}`);
  return `10.224.${a}.${4 + (b % 250)}`;
}

/** The cluster IP, in each distribution's default service range: AKS 10.0/16, k3s 10.43/16, OpenShift 172.30/16, kubeadm 10.96/12. */
function fakeClusterIp(cluster: ClusterRecord): string {
  const [a, b] = bytesOf(`cluster-ip:${cluster.id.toLowerCase()}`);
  const seed = cluster.seed;
  const prefix =
    seed.kind === 'managedClusters' ? '10.0' : seed.distribution.toLowerCase() === 'k3s' ? '10.43' : seed.distribution.toLowerCase() === 'openshift' ? '172.30' : '10.96';
  return `${prefix}.${a}.${1 + (b % 254)}`;
}

function fakeNodePort(clusterId: string, port: number): number {
  const [a, b] = bytesOf(`node-port:${clusterId.toLowerCase()}:${port}`);
  return NODE_PORT_MIN + ((a * 256 + b) % NODE_PORT_COUNT);
}

/**
 * Where a LoadBalancer's address comes from: Azure's load balancer on AKS (public, or private
 * with the internal annotation); k3s's built-in ServiceLB on an Arc k3s cluster (a node's private
 * address); nothing on other Arc clusters, which mostly have no load balancer (DOMAIN.md section 6,
 * E40001): the Service then stays pending, as it would there.
 */
function loadBalancerIp(cluster: ClusterRecord, internal: boolean): string | null {
  const seed = cluster.seed;
  if (seed.kind === 'managedClusters') return internal ? fakeInternalIp(cluster.id) : fakePublicIp(cluster.id);
  if (seed.distribution.toLowerCase() !== 'k3s') return null;
  const [a, b] = bytesOf(`servicelb:${cluster.id.toLowerCase()}`);
  return `192.168.${a}.${1 + (b % 254)}`;
}

type Metadata = (name: string, created: number, extName: string, extra?: Record<string, unknown>) => Record<string, unknown>;

/**
 * `azureml-fe` for one extension, or null when it has no router (inference off, or nothing
 * installed yet). Zero values are left out as kubectl leaves them out: no node port on a
 * ClusterIP, an empty `status.loadBalancer` until there is an address.
 */
export function routerService(ext: ExtensionRecord, metadata: Metadata, opts: { now: number; provisioningMs: number }) {
  if (!settingIsOn(ext.settings, SETTING.enableInference)) return null;
  // The chart creates the Service with the router's Deployment (`azureml-fe-v2`).
  const router = ext.components.find((c) => c.kind === 'Deployment' && c.name.startsWith(`${INFERENCE_ROUTER_SERVICE}-`));
  if (!router) return null;
  const cluster = ext.cluster;
  const type: KubeServiceType = routerServiceTypeOf(ext.settings);
  const scheme = routerSchemeOf(ext.settings);
  const port = ROUTER_PORTS[scheme];
  const internal = type === 'LoadBalancer' && cluster.seed.kind === 'managedClusters' && routerIsInternal(ext.settings);
  const clusterIp = fakeClusterIp(cluster);
  const meta = metadata(INFERENCE_ROUTER_SERVICE, router.createdAt, ext.name);
  if (internal) meta.annotations = { ...(meta.annotations as Record<string, string>), [AZURE_INTERNAL_LB_ANNOTATION]: 'true' };
  const addressed = opts.now >= router.createdAt + opts.provisioningMs * LOAD_BALANCER_ADDRESS_DELAY_SHARE;
  const ip = type === 'LoadBalancer' && addressed ? loadBalancerIp(cluster, internal) : null;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta,
    spec: {
      type,
      clusterIP: clusterIp,
      clusterIPs: [clusterIp],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ...(type === 'ClusterIP' ? {} : { externalTrafficPolicy: 'Cluster' }),
      ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
      ports: [
        {
          name: scheme,
          protocol: 'TCP',
          port,
          targetPort: scheme,
          // LoadBalancer Services get node ports too (the load balancer forwards to them).
          ...(type === 'ClusterIP' ? {} : { nodePort: fakeNodePort(cluster.id, port) }),
        },
      ],
      selector: { app: router.name },
      sessionAffinity: 'None',
    },
    status: { loadBalancer: ip ? { ingress: [{ ip, ipMode: 'VIP' }] } : {} },
  };
}
