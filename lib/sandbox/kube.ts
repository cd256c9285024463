/**
 * The simulated `azureml` namespace: which workloads an installed Azure ML extension runs, when
 * each pod becomes ready, and the `kubectl get ... -o json` List the portal reads via runCommand.
 * Readiness is computed from timestamps at read time (no timers), so it cannot drift or leak.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expectedComponents, type ComponentKind } from '@/lib/domain/expected-components';
import { AZUREML_NAMESPACE_COMMAND } from '@/lib/domain/namespace-read';
import { PREFLIGHT_NAMESPACE_COMMAND } from '@/lib/domain/preflight/legacy-azureml-fe';
import { AZUREML_EXTENSION_TYPE, AZUREML_RELEASE_NAMESPACE } from '@/lib/domain/settings-catalog';
import { routerService } from './kube-service';
import type { ClusterRecord, ExtensionRecord } from './state';

/** One workload in the namespace, with the instant each of its pods becomes ready. */
export interface ComponentRecord {
  name: string;
  kind: ComponentKind;
  replicas: number;
  createdAt: number;
  /** Epoch ms per pod; pods turn Ready one by one. */
  podReadyAt: number[];
  /** Stable random pod name suffixes. */
  podSuffixes: string[];
}

const NAMESPACE = AZUREML_RELEASE_NAMESPACE;

/** True for the Azure ML extension type (the one that gets a simulated namespace), compared case-insensitively like ARM does. */
export function isAzureMl(extensionType: string): boolean {
  return extensionType.toLowerCase() === AZUREML_EXTENSION_TYPE.toLowerCase();
}

/** Nodes the DaemonSets land on: AKS pools matching every `nodeSelector.<k>=<v>`; Arc: all nodes. */
export function schedulableNodeCount(cluster: ClusterRecord, settings: Record<string, string>): number {
  const seed = cluster.seed;
  if (seed.kind === 'connectedClusters') return seed.totalNodeCount;
  const selector = Object.entries(settings)
    .filter(([k]) => k.startsWith('nodeSelector.'))
    .map(([k, v]) => [k.slice('nodeSelector.'.length), v] as const);
  return seed.agentPools
    .filter((p) => selector.every(([k, v]) => p.nodeLabels?.[k] === v))
    .reduce((sum, p) => sum + p.count, 0);
}

/** Total nodes of a cluster, regardless of selectors. */
export function totalNodeCount(cluster: ClusterRecord): number {
  const seed = cluster.seed;
  return seed.kind === 'connectedClusters' ? seed.totalNodeCount : seed.agentPools.reduce((s, p) => s + p.count, 0);
}

/**
 * Plans the components of `ext` starting at `start`, spreading readiness over `spanMs` so they turn
 * Ready one by one. Components unchanged from `previous` (same name, kind, replicas) keep their
 * pods, which is what a Helm upgrade does.
 */
export function planComponents(
  ext: ExtensionRecord,
  start: number,
  spanMs: number,
  previous: ComponentRecord[],
): ComponentRecord[] {
  if (!isAzureMl(ext.extensionType)) return [];
  const expected = expectedComponents({
    extensionName: ext.name,
    clusterType: ext.cluster.seed.kind,
    settings: ext.settings,
    nodeCount: schedulableNodeCount(ext.cluster, ext.settings),
  });
  const changed = expected.filter(
    (e) => !previous.some((p) => p.name === e.name && p.kind === e.kind && p.replicas === e.replicas),
  );
  const slot = changed.length > 0 ? spanMs / changed.length : 0;
  return expected.map((e) => {
    const kept = previous.find((p) => p.name === e.name && p.kind === e.kind && p.replicas === e.replicas);
    if (kept) return kept;
    const i = changed.indexOf(e);
    const podReadyAt = Array.from({ length: e.replicas }, (_, j) => start + i * slot + ((j + 1) * slot) / e.replicas);
    const podSuffixes = Array.from({ length: e.replicas }, () => randomBytes(4).toString('hex').slice(0, 5));
    return { name: e.name, kind: e.kind, replicas: e.replicas, createdAt: start, podReadyAt, podSuffixes };
  });
}

/** The component that crash-loops under the `crash-looping-component` scenario. */
export function crashTarget(components: ComponentRecord[]): string | undefined {
  return (components.find((c) => c.name === 'azureml-fe-v2') ?? components.find((c) => c.name === 'gateway'))?.name;
}

/** What a kubectl command lists besides the workloads. */
export interface KubectlListing {
  pods: boolean;
  services: boolean;
}

/**
 * Which kubectl invocations the sandbox answers, after collapsing whitespace: the status read's
 * (pods and Services), preflight's (pods), and the workloads alone (contract tests).
 */
const KUBECTL_COMMANDS: Readonly<Record<string, KubectlListing>> = {
  [AZUREML_NAMESPACE_COMMAND]: { pods: true, services: true },
  [PREFLIGHT_NAMESPACE_COMMAND]: { pods: true, services: false },
  'kubectl get deploy,ds,sts -n azureml -o json': { pods: false, services: false },
};

/** Recognises the portal's kubectl commands; null for anything else. */
export function parseKubectl(command: string): KubectlListing | null {
  const known = command.replace(/\s+/g, ' ').trim();
  return Object.hasOwn(KUBECTL_COMMANDS, known) ? KUBECTL_COMMANDS[known] : null;
}

/** The supported commands, for error messages. */
export const SUPPORTED_KUBECTL = Object.keys(KUBECTL_COMMANDS);

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface PodView {
  name: string;
  ready: boolean;
  crash: boolean;
  readyAt: number;
  node: string;
}

function nodeName(cluster: ClusterRecord, i: number): string {
  const n = Math.max(1, totalNodeCount(cluster));
  return cluster.seed.kind === 'managedClusters'
    ? `aks-nodepool1-${hash(cluster.id).slice(0, 8)}-vmss00000${i % n}`
    : `${cluster.seed.name}-node-${(i % n) + 1}`;
}

function podsOf(c: ComponentRecord, cluster: ClusterRecord, crash: boolean, now: number): PodView[] {
  return c.podReadyAt.map((readyAt, j) => {
    const suffix = c.podSuffixes[j];
    const name =
      c.kind === 'Deployment' ? `${c.name}-${hash(c.name + c.createdAt)}-${suffix}` : c.kind === 'StatefulSet' ? `${c.name}-${j}` : `${c.name}-${suffix}`;
    return { name, ready: !crash && now >= readyAt, crash, readyAt, node: nodeName(cluster, j) };
  });
}

/** Object metadata as Helm leaves it on what the release created. */
export function metadata(name: string, created: number, extName: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    namespace: NAMESPACE,
    uid: `${hash(name + created)}-0000-4000-8000-${hash(name).slice(0, 10)}00`,
    creationTimestamp: iso(created),
    labels: { app: name, 'app.kubernetes.io/managed-by': 'Helm' },
    annotations: { 'meta.helm.sh/release-name': extName, 'meta.helm.sh/release-namespace': NAMESPACE },
    ...extra,
  };
}

/** kubectl omits zero counters; so does the sandbox, so the portal copes with absent fields. */
const nz = (key: string, n: number) => (n > 0 ? { [key]: n } : {});

function workload(c: ComponentRecord, pods: PodView[], extName: string) {
  const ready = pods.filter((p) => p.ready).length;
  const meta = metadata(c.name, c.createdAt, extName, { generation: 1 });
  if (c.kind === 'DaemonSet') {
    return {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta,
      spec: { selector: { matchLabels: { app: c.name } } },
      status: {
        desiredNumberScheduled: c.replicas, currentNumberScheduled: c.replicas, numberMisscheduled: 0,
        numberReady: ready, updatedNumberScheduled: c.replicas, ...nz('numberAvailable', ready),
        ...nz('numberUnavailable', c.replicas - ready), observedGeneration: 1,
      },
    };
  }
  if (c.kind === 'StatefulSet') {
    return {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta,
      spec: { replicas: c.replicas, serviceName: c.name, selector: { matchLabels: { app: c.name } } },
      status: {
        replicas: c.replicas, currentReplicas: c.replicas, updatedReplicas: c.replicas,
        ...nz('readyReplicas', ready), ...nz('availableReplicas', ready), observedGeneration: 1,
      },
    };
  }
  const available = ready >= c.replicas;
  const lastReady = Math.max(...pods.map((p) => p.readyAt));
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta,
    spec: { replicas: c.replicas, selector: { matchLabels: { app: c.name } } },
    status: {
      observedGeneration: 1, replicas: c.replicas, updatedReplicas: c.replicas,
      ...nz('readyReplicas', ready), ...nz('availableReplicas', ready), ...nz('unavailableReplicas', c.replicas - ready),
      conditions: [
        {
          type: 'Available', status: available ? 'True' : 'False',
          reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message: available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
          lastUpdateTime: iso(available ? lastReady : c.createdAt), lastTransitionTime: iso(available ? lastReady : c.createdAt),
        },
        {
          type: 'Progressing', status: 'True',
          reason: available ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          message: `ReplicaSet "${c.name}-${hash(c.name + c.createdAt)}" ${available ? 'has successfully progressed.' : 'is progressing.'}`,
          lastUpdateTime: iso(c.createdAt), lastTransitionTime: iso(c.createdAt),
        },
      ],
    },
  };
}

/**
 * The pod's conditions as the kubelet reports them (Kubernetes 1.29+, `PodReadyToStartContainers`
 * included), each with its `lastTransitionTime`: `Ready` and `ContainersReady` turn True at the
 * instant the pod becomes ready, which is what the portal reads as "ready since". A crash-looping
 * pod last turned unready when its container last died.
 */
function podConditions(c: ComponentRecord, p: PodView, now: number) {
  const since = (ms: number) => ({ lastProbeTime: null, lastTransitionTime: iso(ms) });
  const scheduled = { status: 'True', ...since(c.createdAt) };
  const readiness = p.ready
    ? { status: 'True', ...since(p.readyAt) }
    : {
        status: 'False',
        ...since(p.crash ? now - 1000 : c.createdAt),
        reason: 'ContainersNotReady',
        message: `containers with unready status: [${c.name}]`,
      };
  return [
    { type: 'PodReadyToStartContainers', ...scheduled },
    { type: 'Initialized', ...scheduled },
    { type: 'Ready', ...readiness },
    { type: 'ContainersReady', ...readiness },
    { type: 'PodScheduled', ...scheduled },
  ];
}

function pod(c: ComponentRecord, p: PodView, extName: string, now: number, restartEveryMs: number) {
  const owner =
    c.kind === 'Deployment' ? { kind: 'ReplicaSet', name: `${c.name}-${hash(c.name + c.createdAt)}` } : { kind: c.kind, name: c.name };
  const restarts = p.crash ? 1 + Math.floor(Math.max(0, now - c.createdAt) / restartEveryMs) : 0;
  const image = `mcr.microsoft.com/azureml/amlarc/${c.name.replace(/^.*?-(?=prometheus|kube-state|dcgm)/, '')}:1.1.64`;
  const state = p.crash
    ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${c.name} pod=${p.name}` } }
    : p.ready
      ? { running: { startedAt: iso(p.readyAt) } }
      : { waiting: { reason: 'ContainerCreating' } };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: metadata(p.name, c.createdAt, extName, {
      labels: { app: c.name },
      ownerReferences: [{ apiVersion: 'apps/v1', ...owner, controller: true, blockOwnerDeletion: true }],
    }),
    spec: { nodeName: p.node, containers: [{ name: c.name, image }] },
    status: {
      phase: p.ready || p.crash ? 'Running' : 'Pending',
      conditions: podConditions(c, p, now),
      startTime: iso(c.createdAt),
      containerStatuses: [
        {
          name: c.name, image, ready: p.ready, started: p.ready, restartCount: restarts, state,
          ...(p.crash ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(now - 1000) } } } : {}),
        },
      ],
    },
  };
}

/**
 * `kubectl get deploy,ds,sts[,pods][,svc] -n azureml -o json` for a cluster: every Azure ML
 * extension's components (and, with `services`, the inference router's Service, kube-service.ts),
 * as a Kubernetes `List`. Empty list when nothing is installed.
 */
export function kubectlList(
  cluster: ClusterRecord,
  extensions: ExtensionRecord[],
  opts: { pods: boolean; services?: boolean; now: number; provisioningMs: number },
) {
  const workloads: unknown[] = [];
  const pods: unknown[] = [];
  const services: unknown[] = [];
  const restartEveryMs = Math.max(1000, opts.provisioningMs / 4);
  for (const ext of extensions) {
    if (!isAzureMl(ext.extensionType)) continue;
    const target = cluster.scenario === 'crash-looping-component' ? crashTarget(ext.components) : undefined;
    for (const c of ext.components) {
      const views = podsOf(c, cluster, c.name === target, opts.now);
      workloads.push(workload(c, views, ext.name));
      if (opts.pods) for (const p of views) pods.push(pod(c, p, ext.name, opts.now, restartEveryMs));
    }
    const service = opts.services ? routerService(ext, metadata, opts) : null;
    if (service) services.push(service);
  }
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [...workloads, ...pods, ...services] };
}
