/**
 * An emulated Kubernetes API server per Arc cluster, at `/_kube/{clusterName}`, so the portal's
 * kubeconfig path (@kubernetes/client-node) runs against something real in the sandbox. It serves
 * only the five lists the portal reads, from the same simulated `azureml` namespace runCommand
 * answers from (kube.ts), and only with the bearer token written into the sandbox's kubeconfigs
 * (kubeconfigs.ts): a Kubernetes API does not accept ARM tokens.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApiResponse, RequestContext } from '../http';
import { kubectlList } from '../kube';
import type { Router } from '../router';

/** Path prefix of the emulated Kubernetes API servers. */
export const KUBE_API_PREFIX = '/_kube/';

/** The namespace the extension installs into; other namespaces answer an empty list. */
const NAMESPACE = 'azureml';

/** Kubernetes' own error shape (`Status`), not ARM's. */
function kubeStatus(code: number, reason: string, message: string): ApiResponse {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } };
}

function tokenMatches(header: string | undefined, expected: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  // Constant-time compare, as a real API server would: the token is the only credential.
  return a.length === b.length && timingSafeEqual(a, b);
}

type ListKind = { kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'Pod' | 'Service'; listKind: string; apiVersion: string };

const LISTS: Record<string, ListKind> = {
  deployments: { kind: 'Deployment', listKind: 'DeploymentList', apiVersion: 'apps/v1' },
  daemonsets: { kind: 'DaemonSet', listKind: 'DaemonSetList', apiVersion: 'apps/v1' },
  statefulsets: { kind: 'StatefulSet', listKind: 'StatefulSetList', apiVersion: 'apps/v1' },
  pods: { kind: 'Pod', listKind: 'PodList', apiVersion: 'v1' },
  services: { kind: 'Service', listKind: 'ServiceList', apiVersion: 'v1' },
};

function list(ctx: RequestContext, token: string, resource: string): ApiResponse {
  if (!tokenMatches(ctx.headers.authorization, token)) return kubeStatus(401, 'Unauthorized', 'Unauthorized');
  const cluster = ctx.state.clusterByName(ctx.params.cluster);
  // Only Arc clusters get an API server here: AKS components are read through runCommand.
  if (!cluster || cluster.seed.kind !== 'connectedClusters') {
    return kubeStatus(404, 'NotFound', `the sandbox has no Kubernetes API for cluster "${ctx.params.cluster}"`);
  }
  const spec = LISTS[resource];
  const items =
    ctx.params.ns === NAMESPACE
      ? (kubectlList(cluster, ctx.state.extensionsOn(cluster), {
          pods: spec.kind === 'Pod',
          services: spec.kind === 'Service',
          now: Date.now(),
          provisioningMs: ctx.provisioningMs,
        }).items as Array<{ kind: string }>).filter((item) => item.kind === spec.kind)
      : [];
  return { status: 200, body: { kind: spec.listKind, apiVersion: spec.apiVersion, metadata: { resourceVersion: '1' }, items } };
}

/**
 * `GET /_kube/{cluster}/apis/apps/v1/namespaces/{ns}/{deployments|daemonsets|statefulsets}` and
 * `GET /_kube/{cluster}/api/v1/namespaces/{ns}/{pods|services}`, as Kubernetes Lists.
 */
export function registerKubeApiRoutes(router: Router, token: string): void {
  for (const resource of ['deployments', 'daemonsets', 'statefulsets']) {
    router.add('GET', `/_kube/{cluster}/apis/apps/v1/namespaces/{ns}/${resource}`, (ctx) => list(ctx, token, resource));
  }
  for (const resource of ['pods', 'services']) {
    router.add('GET', `/_kube/{cluster}/api/v1/namespaces/{ns}/${resource}`, (ctx) => list(ctx, token, resource));
  }
}
