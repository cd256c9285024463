import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import {
  allComponentsReady,
  assessComponents,
  parseKubeList,
  podOwner,
  readySinceOf,
  RESTART_FAILURE_THRESHOLD,
} from './component-health';
import type { ExpectedComponent } from './expected-components';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const CREATED = '2025-06-01T11:58:00Z'; // 120 s before NOW

const expected = (name: string, kind: ExpectedComponent['kind'], replicas = 1): ExpectedComponent => ({ name, kind, replicas, why: '' });

/** A Deployment as kubectl prints it: zero counters are absent. */
function deployment(name: string, replicas: number, ready: number) {
  return {
    kind: 'Deployment',
    metadata: { name, creationTimestamp: CREATED },
    spec: { replicas },
    status: { replicas, ...(ready > 0 ? { readyReplicas: ready } : {}) },
  };
}

function daemonSet(name: string, desired: number, ready: number) {
  return { kind: 'DaemonSet', metadata: { name, creationTimestamp: CREATED }, status: { desiredNumberScheduled: desired, numberReady: ready } };
}

function statefulSet(name: string, replicas: number, ready: number) {
  return { kind: 'StatefulSet', metadata: { name, creationTimestamp: CREATED }, spec: { replicas }, status: ready > 0 ? { readyReplicas: ready } : {} };
}

function pod(owner: { kind: string; name: string }, container: Record<string, unknown>) {
  return {
    kind: 'Pod',
    metadata: { name: `${owner.name}-x1`, ownerReferences: [owner] },
    status: { phase: 'Running', containerStatuses: [container] },
  };
}

describe('parseKubeList', () => {
  it('reads the items of a kubectl List from text or an object', () => {
    expect(parseKubeList('{"kind":"List","items":[{"kind":"Pod"}]}')).toEqual([{ kind: 'Pod' }]);
    expect(parseKubeList({ kind: 'List', items: [] })).toEqual([]);
  });

  it('refuses anything that is not a List', () => {
    expect(() => parseKubeList('{"kind":"Pod"}')).toThrow(/not a Kubernetes List/i);
    expect(() => parseKubeList('not json')).toThrow();
  });
});

describe('podOwner', () => {
  it('maps a ReplicaSet owner to its Deployment by cutting the template hash', () => {
    expect(podOwner(pod({ kind: 'ReplicaSet', name: 'azureml-fe-v2-5d8f9c7b6' }, {}))).toEqual({ kind: 'Deployment', name: 'azureml-fe-v2' });
  });

  it('keeps DaemonSet and StatefulSet owners as they are, ignores others', () => {
    expect(podOwner(pod({ kind: 'DaemonSet', name: 'fluent-bit' }, {}))).toEqual({ kind: 'DaemonSet', name: 'fluent-bit' });
    expect(podOwner(pod({ kind: 'Job', name: 'healthcheck' }, {}))).toBeUndefined();
  });
});

describe('assessComponents', () => {
  it('is Ready when ready reaches desired, for each workload kind, with age', () => {
    const rows = assessComponents({
      items: [deployment('gateway', 1, 1), daemonSet('fluent-bit', 3, 3), statefulSet('prometheus-prom-prometheus', 1, 1)],
      expected: [expected('gateway', 'Deployment'), expected('fluent-bit', 'DaemonSet', 3), expected('prometheus-prom-prometheus', 'StatefulSet')],
      provisioningState: 'Succeeded',
      now: NOW,
    });
    expect(rows.map((r) => [r.name, r.state, r.desired, r.ready])).toEqual([
      ['gateway', 'Ready', 1, 1],
      ['fluent-bit', 'Ready', 3, 3],
      ['prometheus-prom-prometheus', 'Ready', 1, 1],
    ]);
    expect(rows[0].ageSeconds).toBe(120);
    expect(allComponentsReady(rows)).toBe(true);
  });

  it('treats absent counters as zero (kubectl omits them) and says what the pod waits for', () => {
    const [row] = assessComponents({
      items: [
        deployment('azureml-fe-v2', 3, 0),
        pod({ kind: 'ReplicaSet', name: 'azureml-fe-v2-abc12' }, { restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }),
      ],
      expected: [expected('azureml-fe-v2', 'Deployment', 3)],
      provisioningState: 'Succeeded',
      now: NOW,
    });
    expect(row).toMatchObject({ state: 'Progressing', desired: 3, ready: 0, reason: '0 of 3 ready (ContainerCreating)' });
    expect(allComponentsReady([row])).toBe(false);
  });

  it('is Failed when a pod crash-loops, even if other replicas are ready, and sums restarts', () => {
    const owner = { kind: 'ReplicaSet', name: 'azureml-fe-v2-abc12' };
    const [row] = assessComponents({
      items: [
        deployment('azureml-fe-v2', 3, 2),
        pod(owner, { restartCount: 2, state: { running: {} } }),
        pod(owner, { restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } } }),
      ],
      expected: [expected('azureml-fe-v2', 'Deployment', 3)],
      provisioningState: 'Succeeded',
      now: NOW,
    });
    expect(row).toMatchObject({ state: 'Failed', restarts: 6, reason: 'CrashLoopBackOff: back-off 5m0s' });
  });

  it('is Failed for ImagePullBackOff and for too many restarts without a stuck reason', () => {
    const rows = assessComponents({
      items: [
        deployment('gateway', 1, 0),
        pod({ kind: 'ReplicaSet', name: 'gateway-1a' }, { state: { waiting: { reason: 'ImagePullBackOff' } } }),
        deployment('aml-operator', 1, 0),
        pod({ kind: 'ReplicaSet', name: 'aml-operator-2b' }, { restartCount: RESTART_FAILURE_THRESHOLD, state: { running: {} } }),
      ],
      expected: [expected('gateway', 'Deployment'), expected('aml-operator', 'Deployment')],
      provisioningState: 'Succeeded',
      now: NOW,
    });
    expect(rows.map((r) => r.state)).toEqual(['Failed', 'Failed']);
    expect(rows[0].reason).toBe('ImagePullBackOff');
    expect(rows[1].reason).toMatch(/restarts/);
  });

  it('does not fail a Ready component for old restarts', () => {
    const [row] = assessComponents({
      items: [deployment('gateway', 1, 1), pod({ kind: 'ReplicaSet', name: 'gateway-1a' }, { restartCount: 9, state: { running: {} } })],
      expected: [expected('gateway', 'Deployment')],
      provisioningState: 'Succeeded',
      now: NOW,
    });
    expect(row).toMatchObject({ state: 'Ready', restarts: 9 });
  });

  it('absent and expected: Missing once provisioning is over, Progressing while it runs, hidden while deleting', () => {
    const input = { items: [], expected: [expected('gateway', 'Deployment')], now: NOW };
    expect(assessComponents({ ...input, provisioningState: 'Succeeded' })[0]).toMatchObject({ state: 'Missing', ready: 0, desired: 1 });
    expect(assessComponents({ ...input, provisioningState: 'Failed' })[0].state).toBe('Missing');
    // A canceled install creates nothing more either (it said "not created yet" for ever).
    expect(assessComponents({ ...input, provisioningState: 'Canceled' })[0].state).toBe('Missing');
    expect(assessComponents({ ...input, provisioningState: 'Creating' })[0]).toMatchObject({ state: 'Progressing', reason: 'Not created yet' });
    expect(assessComponents({ ...input, provisioningState: 'Deleting' })).toEqual([]);
  });

  it('keeps the expected order, then lists unexpected workloads by name', () => {
    const rows = assessComponents({
      items: [deployment('zz-extra', 1, 1), deployment('b', 1, 1), deployment('a-extra', 1, 1), deployment('a', 1, 1)],
      expected: [expected('b', 'Deployment'), expected('a', 'Deployment')],
      provisioningState: 'Succeeded',
      now: NOW,
    });
    expect(rows.map((r) => r.name)).toEqual(['b', 'a', 'a-extra', 'zz-extra']);
  });

  it('an empty table is not "all ready"', () => {
    expect(allComponentsReady([])).toBe(false);
  });
});

/** A pod with the kubelet's `Ready` condition (time absent when `at` is undefined). */
function readyPod(owner: { kind: string; name: string }, ready: boolean, at?: string) {
  return {
    kind: 'Pod',
    metadata: { name: `${owner.name}-${at ?? 'x'}`, ownerReferences: [owner] },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: CREATED },
        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, ...(at ? { lastTransitionTime: at } : {}) },
      ],
      containerStatuses: [{ ready, restartCount: 0, state: ready ? { running: {} } : { waiting: { reason: 'ContainerCreating' } } }],
    },
  };
}

describe('readySince', () => {
  const rs = { kind: 'ReplicaSet', name: 'azureml-fe-v2-abc12' };

  it('is when the last pod of a Ready workload became Ready, from the pods\' Ready condition', () => {
    const [fe, fluent] = assessComponents({
      items: [
        deployment('azureml-fe-v2', 2, 2),
        readyPod(rs, true, '2025-06-01T11:58:40Z'),
        readyPod(rs, true, '2025-06-01T11:59:05Z'),
        daemonSet('fluent-bit', 1, 1),
        readyPod({ kind: 'DaemonSet', name: 'fluent-bit' }, true, '2025-06-01T11:58:20Z'),
      ],
      expected: [expected('azureml-fe-v2', 'Deployment', 2), expected('fluent-bit', 'DaemonSet')],
      provisioningState: 'Succeeded',
      now: NOW,
    });
    expect(fe).toMatchObject({ state: 'Ready', readySince: '2025-06-01T11:59:05.000Z' });
    expect(fluent.readySince).toBe('2025-06-01T11:58:20.000Z');
  });

  it('is null while the workload is not Ready, and for an absent one', () => {
    const rows = assessComponents({
      items: [deployment('azureml-fe-v2', 2, 1), readyPod(rs, true, '2025-06-01T11:58:40Z'), readyPod(rs, false, CREATED)],
      expected: [expected('azureml-fe-v2', 'Deployment', 2), expected('gateway', 'Deployment')],
      provisioningState: 'Creating',
      now: NOW,
    });
    expect(rows.map((r) => [r.state, r.readySince])).toEqual([
      ['Progressing', null],
      ['Progressing', null],
    ]);
  });

  it('ignores unready pods (a surge pod of a rollout) when the workload counts as Ready', () => {
    const item = { ...deployment('gateway', 1, 1), kind: 'Deployment' };
    const owner = { kind: 'ReplicaSet', name: 'gateway-1a' };
    expect(readySinceOf(item, [readyPod(owner, true, '2025-06-01T11:58:30Z'), readyPod(owner, false, '2025-06-01T11:59:50Z')])).toBe(
      '2025-06-01T11:58:30.000Z',
    );
  });

  it('falls back to a Deployment\'s Available condition when no pods were read', () => {
    const item = {
      ...deployment('gateway', 1, 1),
      status: { replicas: 1, readyReplicas: 1, conditions: [{ type: 'Available', status: 'True', lastTransitionTime: '2025-06-01T11:58:50Z' }] },
    };
    expect(readySinceOf(item, [])).toBe('2025-06-01T11:58:50.000Z');
    const unavailable = { ...item, status: { ...item.status, conditions: [{ type: 'Available', status: 'False', lastTransitionTime: CREATED }] } };
    expect(readySinceOf(unavailable, [])).toBeNull();
  });

  it('is null rather than a guess when a ready pod carries no time', () => {
    const owner = { kind: 'DaemonSet', name: 'fluent-bit' };
    expect(readySinceOf(daemonSet('fluent-bit', 2, 2), [readyPod(owner, true, '2025-06-01T11:58:30Z'), readyPod(owner, true)])).toBeNull();
    expect(readySinceOf(daemonSet('fluent-bit', 1, 1), [readyPod(owner, true, 'not a time')])).toBeNull();
    // Pods without conditions at all (older fixtures, trimmed output): nothing to read.
    expect(readySinceOf(deployment('gateway', 1, 1), [pod({ kind: 'ReplicaSet', name: 'gateway-1a' }, { ready: true })])).toBeNull();
  });
});

describe('assessComponents in Brazilian Portuguese', () => {
  it('writes the portal reasons in the reader language and keeps the cluster words as reported', () => {
    const rows = assessComponents(
      {
        items: [
          deployment('azureml-fe-v2', 3, 1),
          pod({ kind: 'ReplicaSet', name: 'azureml-fe-v2-abc12' }, { restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }),
          deployment('gateway', 1, 0),
          pod({ kind: 'ReplicaSet', name: 'gateway-1a' }, { restartCount: RESTART_FAILURE_THRESHOLD + 1, state: { running: {} } }),
          deployment('metrics-controller-manager', 1, 0),
          pod({ kind: 'ReplicaSet', name: 'metrics-controller-manager-9z' }, { restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } } }),
        ],
        expected: [expected('azureml-fe-v2', 'Deployment', 3), expected('gateway', 'Deployment'), expected('metrics-controller-manager', 'Deployment'), expected('fluent-bit', 'DaemonSet')],
        provisioningState: 'Succeeded',
        now: NOW,
      },
      portugueseText,
    );
    expect(rows.map((r) => r.reason)).toEqual([
      '1 de 3 prontos (ContainerCreating)',
      `${RESTART_FAILURE_THRESHOLD + 1} reinicializações e ainda não está pronto`,
      'CrashLoopBackOff: back-off 40s',
      'Esperado para esta configuração, mas não encontrado em azureml',
    ]);
    const creating = assessComponents({ items: [], expected: [expected('gateway', 'Deployment')], provisioningState: 'Creating', now: NOW }, portugueseText);
    expect(creating[0].reason).toBe('Ainda não criado');
  });
});
