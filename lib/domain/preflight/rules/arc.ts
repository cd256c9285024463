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
  const seen = hours === null ? 'its agents have not reported a last connection' : `its agents last connected ${hours} h ago (${cluster.lastConnectivityTime})`;
  const lost =
    hours !== null && hours > ARC_PROTECTED_SETTINGS_LOSS_HOURS
      ? ` That is over ${ARC_PROTECTED_SETTINGS_LOSS_HOURS} h: protected settings of extensions on this cluster are lost and must be sent again once it reconnects.`
      : ` Staying offline over ${ARC_PROTECTED_SETTINGS_LOSS_HOURS} h loses the protected settings of its extensions.`;
  return {
    code: 'cluster-not-connected',
    severity: 'error',
    message: `${cluster.summary.name} is ${status}: ${seen}. Extensions are installed by those agents, so nothing can be installed until it is Connected.${lost}`,
    fix: `Bring the Arc agents back: check the pods in the azure-arc namespace and the cluster's outbound access to Azure, wait until \`az connectedk8s show ${clusterArgs(cluster)} --query connectivityStatus\` says Connected, then run preflight again.`,
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
  return {
    code: 'no-load-balancer',
    severity: 'warning',
    message: `${cluster.summary.name} is ${cluster.distribution ?? 'an unknown distribution'} on ${cluster.infrastructure ?? 'unknown infrastructure'}, which has no cloud load balancer, but inferenceRouterServiceType is ${serviceType}. Unless the cluster runs its own load balancer (such as MetalLB), the install fails its health check with E40001.`,
    fix: 'Set inferenceRouterServiceType to nodePort (or clusterIP behind your own ingress); keep loadBalancer only if the cluster has a load balancer implementation.',
  };
}
