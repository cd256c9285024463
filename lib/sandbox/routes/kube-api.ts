/**
 * An emulated Kubernetes API server per Arc cluster, at `/_kube/{clusterName}`, so the portal's
 * kubeconfig path (@kubernetes/client-node) runs against something real in the sandbox. It serves
 * only the five lists the portal reads, from the same simulated `azureml` namespace runCommand
 * answers from (kube.ts), a namespace's GET, and the cluster-scoped InstanceType custom objects
 * (instance-types.ts: list, get, create, replace, delete), and only with the bearer token written
 * into the sandbox's kubeconfigs (kubeconfigs.ts): a Kubernetes API does not accept ARM tokens.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApiResponse, RequestContext } from '../http';
import { instanceTypeStore, invalidMessage, listInstanceTypes, namespacesOf, newInstanceType, replacedInstanceType, validateInstanceType, INSTANCE_TYPE_GROUP, INSTANCE_TYPE_PLURAL } from '../instance-types';
import { kubectlList } from '../kube';
import type { ClusterRecord } from '../state';
import type { Router } from '../router';

/** Path prefix of the emulated Kubernetes API servers. */
export const KUBE_API_PREFIX = '/_kube/';

/** The namespace the extension installs into; other namespaces answer an empty list. */
const NAMESPACE = 'azureml';

/** Kubernetes' own error shape (`Status`), not ARM's. */
function kubeStatus(code: number, reason: string, message: string, details?: Record<string, unknown>): ApiResponse {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code } };
}

/** What the API server answers for a path it serves nothing at (here: the CRD is not installed). */
const NO_RESOURCE = () => kubeStatus(404, 'NotFound', 'the server could not find the requested resource', {});

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

/** The Arc cluster behind the path, or the Status to answer (bad token, no such API server). */
function clusterOf(ctx: RequestContext, token: string): ClusterRecord | ApiResponse {
  if (!tokenMatches(ctx.headers.authorization, token)) return kubeStatus(401, 'Unauthorized', 'Unauthorized');
  const cluster = ctx.state.clusterByName(ctx.params.cluster);
  // Only Arc clusters get an API server here: AKS clusters are read through runCommand.
  if (!cluster || cluster.seed.kind !== 'connectedClusters') {
    return kubeStatus(404, 'NotFound', `the sandbox has no Kubernetes API for cluster "${ctx.params.cluster}"`);
  }
  return cluster;
}

const isResponse = (value: ClusterRecord | ApiResponse): value is ApiResponse => 'status' in value && !('seed' in value);

function list(ctx: RequestContext, token: string, resource: string): ApiResponse {
  const cluster = clusterOf(ctx, token);
  if (isResponse(cluster)) return cluster;
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

function namespace(ctx: RequestContext, token: string): ApiResponse {
  const cluster = clusterOf(ctx, token);
  if (isResponse(cluster)) return cluster;
  const name = ctx.params.ns;
  if (!namespacesOf(ctx.state, cluster).includes(name)) {
    return kubeStatus(404, 'NotFound', `namespaces "${name}" not found`, { name, kind: 'namespaces' });
  }
  return {
    status: 200,
    body: {
      kind: 'Namespace', apiVersion: 'v1',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name }, resourceVersion: '1' },
      spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
    },
  };
}

const notFound = (name: string) => kubeStatus(404, 'NotFound', `${INSTANCE_TYPE_PLURAL}.${INSTANCE_TYPE_GROUP} "${name}" not found`, { name, group: INSTANCE_TYPE_GROUP, kind: INSTANCE_TYPE_PLURAL });
const invalid = (name: string, causes: Parameters<typeof invalidMessage>[1]) =>
  kubeStatus(422, 'Invalid', invalidMessage(name, causes), { name, group: INSTANCE_TYPE_GROUP, kind: 'InstanceType', causes });

/** The InstanceType custom objects: cluster-scoped, only while the Azure ML extension (its CRD) is installed. */
function instanceTypes(ctx: RequestContext, token: string): ApiResponse {
  const cluster = clusterOf(ctx, token);
  if (isResponse(cluster)) return cluster;
  const store = instanceTypeStore(ctx.state, cluster);
  if (!store) return NO_RESOURCE();
  const name = ctx.params.name;
  if (ctx.method === 'GET' && name === undefined) {
    return { status: 200, body: { apiVersion: 'amlarc.azureml.com/v1alpha1', kind: 'InstanceTypeList', metadata: { resourceVersion: '1' }, items: listInstanceTypes(store) } };
  }
  if (ctx.method === 'GET') {
    const found = store.objects.get(name);
    return found ? { status: 200, body: found } : notFound(name);
  }
  if (ctx.method === 'DELETE') {
    const found = store.objects.get(name);
    if (!found) return notFound(name);
    store.objects.delete(name);
    return { status: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: INSTANCE_TYPE_GROUP, kind: INSTANCE_TYPE_PLURAL, uid: found.metadata.uid } } };
  }
  const checked = validateInstanceType(ctx.body);
  if (!checked.ok) return invalid(checked.name, checked.causes);
  if (ctx.method === 'POST') {
    if (store.objects.has(checked.name)) {
      return kubeStatus(409, 'AlreadyExists', `${INSTANCE_TYPE_PLURAL}.${INSTANCE_TYPE_GROUP} "${checked.name}" already exists`, { name: checked.name, group: INSTANCE_TYPE_GROUP, kind: INSTANCE_TYPE_PLURAL });
    }
    const created = newInstanceType(checked.name, checked.spec);
    store.objects.set(checked.name, created);
    return { status: 201, body: created };
  }
  // PUT: the name in the path and the body agree, the object exists, and its resourceVersion (when sent) is current.
  if (checked.name !== name) {
    return kubeStatus(400, 'BadRequest', `the name of the object (${checked.name}) does not match the name on the URL (${name})`);
  }
  const old = store.objects.get(name);
  if (!old) return notFound(name);
  const sent = (ctx.body as { metadata?: { resourceVersion?: unknown } }).metadata?.resourceVersion;
  if (sent !== undefined && sent !== old.metadata.resourceVersion) {
    return kubeStatus(409, 'Conflict', `Operation cannot be fulfilled on ${INSTANCE_TYPE_PLURAL}.${INSTANCE_TYPE_GROUP} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: INSTANCE_TYPE_GROUP, kind: INSTANCE_TYPE_PLURAL });
  }
  const replaced = replacedInstanceType(old, checked.spec);
  store.objects.set(name, replaced);
  return { status: 200, body: replaced };
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
  router.add('GET', '/_kube/{cluster}/api/v1/namespaces/{ns}', (ctx) => namespace(ctx, token));
  const base = `/_kube/{cluster}/apis/${INSTANCE_TYPE_GROUP}/v1alpha1/${INSTANCE_TYPE_PLURAL}`;
  router.add('GET', base, (ctx) => instanceTypes(ctx, token));
  router.add('POST', base, (ctx) => instanceTypes(ctx, token));
  for (const method of ['GET', 'PUT', 'DELETE']) router.add(method, `${base}/{name}`, (ctx) => instanceTypes(ctx, token));
}
