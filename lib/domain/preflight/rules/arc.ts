/** Arc-only rules: the cluster must be reachable, and a LoadBalancer service needs a load balancer. Pure. */
import { clusterArgs, inferenceEnabled, type RuleContext } from '../context';
import type { Finding } from '../types';

/**
 * Protected settings (the Relay connection string, TLS key) are lost when an Arc cluster stays
 * offline longer than this (DOMAIN.md section 6).
 */
export const ARC_PROTECTED_SETTINGS_LOSS_HOURS = 48;

const MS_PER_HOUR = 3_600_000;

/** Hours since the agent last reported, rounded down; null when unknown or in the future. */
function hoursSince(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const elapsed = now.getTime() - Date.parse(iso);
  return Number.isFinite(elapsed) && elapsed >= 0 ? Math.floor(elapsed / MS_PER_HOUR) : null;
}

/**
 * Arc: the extension is installed by the cluster's agents, so a cluster that is not `Connected`
 * never installs it. Past 48 h offline, settings already protected on the cluster are lost too.
 */
export function connectedRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'connectedClusters') return null;
  const status = cluster.connectivityStatus ?? 'Unknown';
  if (status.toLowerCase() === 'connected') return null;
  const hours = hoursSince(cluster.lastConnectivityTime, context.now);
  const { text } = context;
  const seen =
    hours === null
      ? text('preflight.connected.seenNever')
      : text('preflight.connected.seenAgo', { hours, time: cluster.lastConnectivityTime ?? '' });
  const limit = ARC_PROTECTED_SETTINGS_LOSS_HOURS;
  const lost =
    hours !== null && hours > limit ? text('preflight.connected.settingsLost', { limit }) : text('preflight.connected.settingsAtRisk', { limit });
  return {
    code: 'cluster-not-connected',
    severity: 'error',
    message: `${text('preflight.connected.message', { cluster: cluster.summary.name, status, seen })} ${lost}`,
    fix: text('preflight.connected.fix', { clusterArgs: clusterArgs(cluster) }),
  };
}

/**
 * Arc distributions and infrastructures that come with a cloud load balancer. Everything else
 * (k3s, OpenShift on vSphere, bare metal, most on-premises clusters) has none unless the admin
 * installed one such as MetalLB.
 */
const LOAD_BALANCED_DISTRIBUTIONS = new Set(['aks', 'eks', 'gke']);
const LOAD_BALANCED_INFRASTRUCTURES = new Set(['azure', 'aws', 'gcp']);

/** True when an Arc cluster's distribution or infrastructure implies a cloud load balancer. */
export function hasCloudLoadBalancer(distribution: string | null, infrastructure: string | null): boolean {
  return LOAD_BALANCED_DISTRIBUTIONS.has((distribution ?? '').toLowerCase()) || LOAD_BALANCED_INFRASTRUCTURES.has((infrastructure ?? '').toLowerCase());
}

/**
 * Arc with inference exposed as `loadBalancer` on a cluster with no cloud load balancer: the
 * health check fails E40001. Warn (the admin may have MetalLB), and point to nodePort/clusterIP.
 */
export function loadBalancerRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'connectedClusters' || !inferenceEnabled(context.settings)) return null;
  const serviceType = context.settings.inferenceRouterServiceType ?? '';
  if (serviceType.toLowerCase() !== 'loadbalancer') return null;
  if (hasCloudLoadBalancer(cluster.distribution, cluster.infrastructure)) return null;
  const { text } = context;
  return {
    code: 'no-load-balancer',
    severity: 'warning',
    message: text('preflight.loadBalancer.message', {
      cluster: cluster.summary.name,
      distribution: cluster.distribution ?? text('preflight.loadBalancer.unknownDistribution'),
      infrastructure: cluster.infrastructure ?? text('preflight.loadBalancer.unknownInfrastructure'),
      serviceType,
    }),
    fix: text('preflight.loadBalancer.fix'),
  };
}
