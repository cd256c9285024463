/**
 * Health of the extension's components (DOMAIN.md section 7): what `kubectl get
 * deploy,ds,sts,pods -n azureml -o json` shows, compared with what {@link expectedComponents}
 * says should be there. Pure: the same rules serve the AKS (runCommand) and Arc (kubeconfig)
 * sources, the API and the page.
 */
import type { ComponentKind, ExpectedComponent } from './expected-components';

/** One state per component; the badge colours them (components/status-badge.tsx). */
export type ComponentState = 'Ready' | 'Progressing' | 'Failed' | 'Missing';

/** One row of the component health table. */
export interface ComponentHealth {
  name: string;
  kind: ComponentKind;
  /** Replicas wanted (DaemonSets: nodes it should run on). */
  desired: number;
  ready: number;
  state: ComponentState;
  /** Container restarts summed over the component's pods. */
  restarts: number;
  /** Seconds since the workload was created; absent when it does not exist. */
  ageSeconds?: number;
  /** Why it is not Ready, in the cluster's own words when it has some (`CrashLoopBackOff: ...`). */
  reason?: string;
}

/**
 * Container waiting/terminated reasons that mean "this will not fix itself": the pod is stuck,
 * so waiting longer is pointless and the component is Failed, not Progressing.
 */
export const FAILING_CONTAINER_REASONS: readonly string[] = [
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'Error',
  'CreateContainerConfigError',
  'InvalidImageName',
];

/**
 * Restarts past which a component that is still not fully ready counts as Failed even before
 * Kubernetes says CrashLoopBackOff (a pod between back-offs reads `Running`).
 */
export const RESTART_FAILURE_THRESHOLD = 5;

/** The kinds the table shows; anything else in the List (ReplicaSets, Services) is ignored. */
const WORKLOAD_KINDS: readonly ComponentKind[] = ['Deployment', 'DaemonSet', 'StatefulSet'];

interface KubeMeta {
  name?: string;
  creationTimestamp?: string;
  ownerReferences?: Array<{ kind?: string; name?: string }>;
}
interface ContainerState {
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; message?: string };
}
interface KubeItem {
  kind?: string;
  metadata?: KubeMeta;
  spec?: { replicas?: number };
  status?: {
    phase?: string;
    readyReplicas?: number;
    numberReady?: number;
    desiredNumberScheduled?: number;
    containerStatuses?: Array<{ restartCount?: number; ready?: boolean; state?: ContainerState }>;
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The items of a kubectl `List` (a JSON string or an already parsed object). Throws a plain
 * Error when the text is not a List: the caller decides how to tell the user.
 */
export function parseKubeList(input: string | unknown): unknown[] {
  const value: unknown = typeof input === 'string' ? JSON.parse(input) : input;
  if (!isRecord(value) || !Array.isArray(value.items)) throw new Error('Not a Kubernetes List: no items array.');
  return value.items;
}

/** kubectl omits zero counters (`readyReplicas` of a fresh Deployment), so absent means 0. */
const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

function desiredOf(item: KubeItem): number {
  if (item.kind === 'DaemonSet') return count(item.status?.desiredNumberScheduled);
  // Deployments and StatefulSets default to one replica when spec.replicas is unset.
  return item.spec?.replicas === undefined ? 1 : count(item.spec.replicas);
}

function readyOf(item: KubeItem): number {
  return item.kind === 'DaemonSet' ? count(item.status?.numberReady) : count(item.status?.readyReplicas);
}

/**
 * The workload that owns a pod. Deployment pods belong to a ReplicaSet named
 * `<deployment>-<pod-template-hash>`, so the hash is cut off; DaemonSet and StatefulSet pods name
 * their owner directly.
 */
export function podOwner(pod: KubeItem): { kind: ComponentKind; name: string } | undefined {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.kind && o.name);
  if (!owner?.kind || !owner.name) return undefined;
  if (owner.kind === 'ReplicaSet') return { kind: 'Deployment', name: owner.name.replace(/-[^-]+$/, '') };
  if (owner.kind === 'DaemonSet' || owner.kind === 'StatefulSet') return { kind: owner.kind, name: owner.name };
  return undefined;
}

interface PodSummary {
  restarts: number;
  /** First stuck reason found, with Kubernetes' message. */
  failure?: string;
  /** First non-failing waiting reason (ContainerCreating, PodInitializing). */
  waiting?: string;
}

function summarisePods(pods: KubeItem[]): PodSummary {
  const summary: PodSummary = { restarts: 0 };
  for (const pod of pods) {
    if (pod.status?.phase === 'Failed' && !summary.failure) summary.failure = 'Pod failed';
    for (const container of pod.status?.containerStatuses ?? []) {
      summary.restarts += count(container.restartCount);
      const stuck = [container.state?.waiting, container.state?.terminated].find(
        (s) => s?.reason && FAILING_CONTAINER_REASONS.includes(s.reason),
      );
      if (stuck && !summary.failure) summary.failure = stuck.message ? `${stuck.reason}: ${stuck.message}` : stuck.reason;
      const waiting = container.state?.waiting?.reason;
      if (waiting && !stuck && !summary.waiting) summary.waiting = waiting;
    }
  }
  return summary;
}

function ageSeconds(meta: KubeMeta | undefined, now: number): number | undefined {
  const created = meta?.creationTimestamp ? Date.parse(meta.creationTimestamp) : NaN;
  return Number.isNaN(created) ? undefined : Math.max(0, Math.floor((now - created) / 1000));
}

function assessWorkload(item: KubeItem, pods: KubeItem[], now: number): ComponentHealth {
  const desired = desiredOf(item);
  const ready = readyOf(item);
  const podSummary = summarisePods(pods);
  const base = {
    name: item.metadata?.name ?? '',
    kind: item.kind as ComponentKind,
    desired,
    ready,
    restarts: podSummary.restarts,
    ...(ageSeconds(item.metadata, now) !== undefined ? { ageSeconds: ageSeconds(item.metadata, now) } : {}),
  };
  // A stuck pod fails the component even when other replicas are ready: one router replica
  // crash-looping is what users need to see, not "2 of 3, still progressing".
  if (podSummary.failure) return { ...base, state: 'Failed', reason: podSummary.failure };
  if (ready >= desired) return { ...base, state: 'Ready' };
  if (podSummary.restarts >= RESTART_FAILURE_THRESHOLD) {
    return { ...base, state: 'Failed', reason: `${podSummary.restarts} restarts and still not ready` };
  }
  const detail = podSummary.waiting ? ` (${podSummary.waiting})` : '';
  return { ...base, state: 'Progressing', reason: `${ready} of ${desired} ready${detail}` };
}

/** What {@link assessComponents} compares. */
export interface AssessComponentsInput {
  /** Items of the kubectl List (workloads and pods, any order). */
  items: unknown[];
  /** From `expectedComponents(...)` for the extension's current settings. */
  expected: ExpectedComponent[];
  /** The extension's ARM provisioning state. */
  provisioningState: string;
  /** Epoch ms, for ages. */
  now: number;
}

/**
 * One {@link ComponentHealth} per expected component, in the expected order (so rows do not move
 * between polls), then any other workload found in the namespace, by name.
 *
 * An expected component that is absent is `Missing` once provisioning is over (Succeeded or
 * Failed: nothing is going to create it any more) and `Progressing` while ARM still reports
 * Creating/Updating (Helm has not got to it yet). While Deleting, absent components are left out:
 * disappearing is what they are supposed to do.
 */
export function assessComponents(input: AssessComponentsInput): ComponentHealth[] {
  const items = input.items.filter(isRecord) as KubeItem[];
  const workloads = items.filter((i) => WORKLOAD_KINDS.includes(i.kind as ComponentKind) && i.metadata?.name);
  const pods = items.filter((i) => i.kind === 'Pod');
  const podsOf = (kind: string, name: string) =>
    pods.filter((p) => {
      const owner = podOwner(p);
      return owner?.kind === kind && owner.name === name;
    });
  const state = input.provisioningState.toLowerCase();
  const settled = state === 'succeeded' || state === 'failed';

  const out: ComponentHealth[] = [];
  const used = new Set<KubeItem>();
  for (const expected of input.expected) {
    const found = workloads.find((w) => w.kind === expected.kind && w.metadata?.name === expected.name);
    if (found) {
      used.add(found);
      out.push(assessWorkload(found, podsOf(found.kind ?? '', expected.name), input.now));
      continue;
    }
    if (state === 'deleting') continue;
    out.push({
      name: expected.name,
      kind: expected.kind,
      desired: expected.replicas,
      ready: 0,
      restarts: 0,
      state: settled ? 'Missing' : 'Progressing',
      reason: settled ? `Expected for this configuration but not found in azureml` : 'Not created yet',
    });
  }
  const extra = workloads
    .filter((w) => !used.has(w))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const w of extra) out.push(assessWorkload(w, podsOf(w.kind ?? '', w.metadata?.name ?? ''), input.now));
  return out;
}

/** True when every component is Ready (an empty list is not "all ready": nothing was read). */
export function allComponentsReady(components: ReadonlyArray<Pick<ComponentHealth, 'state'>>): boolean {
  return components.length > 0 && components.every((c) => c.state === 'Ready');
}
