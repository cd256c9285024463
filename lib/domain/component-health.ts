/**
 * Health of the extension's components (DOMAIN.md section 7): what `kubectl get
 * deploy,ds,sts,pods -n azureml -o json` shows, compared with what {@link expectedComponents}
 * says should be there. Pure: the same rules serve the AKS (runCommand) and Arc (kubeconfig)
 * sources, the API and the page.
 */
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import type { ComponentKind, ExpectedComponent } from './expected-components';
import { isSettled, statusClassOf } from './status-vocabulary';

/** One state per component, classified in status-vocabulary.ts like every other state. */
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
  /**
   * Why it is not Ready, in the cluster's own words when it has some (`CrashLoopBackOff: ...`),
   * else in the reader's language (the `text` given to {@link assessComponents}).
   */
  reason?: string;
  /**
   * When the component last became fully ready (ISO 8601), as Kubernetes recorded it: see
   * {@link readySinceOf}. Null while it is not Ready, or when the cluster gave no time.
   */
  readySince: string | null;
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
/** A status condition (`Ready` of a Pod, `Available` of a Deployment). */
interface KubeCondition {
  type?: string;
  status?: string;
  lastTransitionTime?: string | null;
}
interface KubeItem {
  kind?: string;
  metadata?: KubeMeta;
  spec?: { replicas?: number };
  status?: {
    phase?: string;
    conditions?: KubeCondition[];
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

function summarisePods(pods: KubeItem[], text: DomainText): PodSummary {
  const summary: PodSummary = { restarts: 0 };
  for (const pod of pods) {
    if (pod.status?.phase === 'Failed' && !summary.failure) summary.failure = text('health.podFailed');
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

/** Epoch ms of a condition that is True, or undefined when absent, False or without a valid time. */
function trueSince(conditions: KubeCondition[] | undefined, type: string): number | undefined {
  const condition = conditions?.find((c) => c.type === type);
  if (condition?.status !== 'True' || !condition.lastTransitionTime) return undefined;
  const at = Date.parse(condition.lastTransitionTime);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * When a Ready workload became ready, from times Kubernetes itself recorded, so the answer is the
 * same whenever it is read (a page opened an hour after the install still knows when):
 *
 * 1. the latest `Ready` condition `lastTransitionTime` of its ready pods: the workload is fully
 *    ready from the moment its last pod is. The same for all three kinds, and DaemonSets and
 *    StatefulSets have no condition of their own that says it;
 * 2. for a Deployment read without pods, its `Available` condition's `lastTransitionTime`.
 *
 * Null when a ready pod carries no time (the caller may fall back to when it saw the change).
 * A pod that restarts later moves the time: it is "ready since", not "first ready".
 */
export function readySinceOf(item: KubeItem, pods: KubeItem[]): string | null {
  const readyPods = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  if (readyPods.length > 0) {
    const times = readyPods.map((p) => trueSince(p.status?.conditions, 'Ready'));
    if (times.some((t) => t === undefined)) return null;
    return new Date(Math.max(...(times as number[]))).toISOString();
  }
  const available = item.kind === 'Deployment' && pods.length === 0 ? trueSince(item.status?.conditions, 'Available') : undefined;
  return available === undefined ? null : new Date(available).toISOString();
}

function assessWorkload(item: KubeItem, pods: KubeItem[], now: number, text: DomainText): ComponentHealth {
  const desired = desiredOf(item);
  const ready = readyOf(item);
  const podSummary = summarisePods(pods, text);
  const base = {
    name: item.metadata?.name ?? '',
    kind: item.kind as ComponentKind,
    desired,
    ready,
    restarts: podSummary.restarts,
    ...(ageSeconds(item.metadata, now) !== undefined ? { ageSeconds: ageSeconds(item.metadata, now) } : {}),
    readySince: null,
  };
  // A stuck pod fails the component even when other replicas are ready: one router replica
  // crash-looping is what users need to see, not "2 of 3, still progressing".
  if (podSummary.failure) return { ...base, state: 'Failed', reason: podSummary.failure };
  if (ready >= desired) return { ...base, state: 'Ready', readySince: readySinceOf(item, pods) };
  if (podSummary.restarts >= RESTART_FAILURE_THRESHOLD) {
    return { ...base, state: 'Failed', reason: text('health.restartsNotReady', { restarts: podSummary.restarts }) };
  }
  const reason = podSummary.waiting
    ? text('health.readyOfWaiting', { ready, desired, waiting: podSummary.waiting })
    : text('health.readyOf', { ready, desired });
  return { ...base, state: 'Progressing', reason };
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
 * An expected component that is absent is `Missing` once provisioning is settled (Succeeded,
 * Failed or Canceled: nothing is going to create it any more) and `Progressing` while ARM still reports
 * Creating/Updating (Helm has not got to it yet). While Deleting, absent components are left out:
 * disappearing is what they are supposed to do.
 * Reasons the portal writes are in `text`'s language (English by default); the cluster's own stay as reported.
 */
export function assessComponents(input: AssessComponentsInput, text: DomainText = englishText): ComponentHealth[] {
  const items = input.items.filter(isRecord) as KubeItem[];
  const workloads = items.filter((i) => WORKLOAD_KINDS.includes(i.kind as ComponentKind) && i.metadata?.name);
  const pods = items.filter((i) => i.kind === 'Pod');
  const podsOf = (kind: string, name: string) =>
    pods.filter((p) => {
      const owner = podOwner(p);
      return owner?.kind === kind && owner.name === name;
    });
  const state = input.provisioningState.toLowerCase();
  // Succeeded, Failed or Canceled: no running operation will create what is absent.
  const settled = isSettled(input.provisioningState);

  const out: ComponentHealth[] = [];
  const used = new Set<KubeItem>();
  for (const expected of input.expected) {
    const found = workloads.find((w) => w.kind === expected.kind && w.metadata?.name === expected.name);
    if (found) {
      used.add(found);
      out.push(assessWorkload(found, podsOf(found.kind ?? '', expected.name), input.now, text));
      continue;
    }
    if (state === 'deleting') continue;
    out.push({
      name: expected.name,
      kind: expected.kind,
      desired: expected.replicas,
      ready: 0,
      restarts: 0,
      readySince: null,
      state: settled ? 'Missing' : 'Progressing',
      reason: settled ? text('health.notFound') : text('health.notCreatedYet'),
    });
  }
  const extra = workloads
    .filter((w) => !used.has(w))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const w of extra) out.push(assessWorkload(w, podsOf(w.kind ?? '', w.metadata?.name ?? ''), input.now, text));
  return out;
}

/** True when every component is Ready (an empty list is not "all ready": nothing was read). */
export function allComponentsReady(components: ReadonlyArray<Pick<ComponentHealth, 'state'>>): boolean {
  return components.length > 0 && components.every((c) => statusClassOf(c.state) === 'healthy');
}
