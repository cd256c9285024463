/**
 * Which Kubernetes workloads the Azure Machine Learning extension installs into the `azureml`
 * namespace for a given configuration (DOMAIN.md section 7, `kubectl get deploy,ds,sts -n azureml`).
 *
 * Pure: no I/O. The portal's health table and the sandbox's simulated namespace both use it, so
 * "what should be there" is decided in exactly one place.
 */
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { CLI_SETTING, HA_MIN_NODES, SETTING, readBooleanSetting, settingIsOn } from './settings-catalog';

/** The workload kinds the extension's Helm chart creates. */
export type ComponentKind = 'Deployment' | 'DaemonSet' | 'StatefulSet';

/** One workload the extension is expected to run. */
export interface ExpectedComponent {
  /** Kubernetes object name in the `azureml` namespace (`{ext}` already substituted). */
  name: string;
  kind: ComponentKind;
  /** Desired replicas; for DaemonSets the number of nodes it should run on (at least 1). */
  replicas: number;
  /** Plain words, in the reader's language: why this component is installed, for the health table's tooltip. */
  why: string;
}

/** What {@link expectedComponents} needs to know about the extension and its cluster. */
export interface ExpectedComponentsInput {
  /** The extension resource name; some components are prefixed with it (`{ext}-kube-state-metrics`). */
  extensionName: string;
  /** AKS (`managedClusters`) or Arc-enabled Kubernetes (`connectedClusters`). */
  clusterType: 'managedClusters' | 'connectedClusters';
  /** The extension's `configurationSettings` (keys are case-sensitive, boolean values are not). */
  settings: Record<string, string>;
  /** Nodes the DaemonSets will run on (after any `nodeSelector`). */
  nodeCount: number;
}

/** Router replicas with `inferenceRouterHA` on (the default: one per node, hence the HA node minimum) and off. */
export const ROUTER_REPLICAS_HA = HA_MIN_NODES;
export const ROUTER_REPLICAS_SINGLE = 1;

/** The one boolean reader lives in the settings catalog; re-exported for the callers that import it from here. */
export { readBooleanSetting };

/**
 * Lists the components the extension should run for a configuration, in a stable order
 * (the order of DOMAIN.md section 7), so tables and simulations do not reshuffle between polls.
 *
 * Absent settings take their default from the settings catalog (`installPromOp`, `installVolcano`,
 * `inferenceRouterHA` True; `nginxIngress.enabled` true on AKS and false on Arc; the rest False).
 * The `why` of each is in `text`'s language (English by default).
 */
export function expectedComponents(input: ExpectedComponentsInput, text: DomainText = englishText): ExpectedComponent[] {
  const { extensionName: ext, clusterType, settings } = input;
  const isArc = clusterType === 'connectedClusters';
  // Each reads as the chart does, its catalog default applying when absent.
  const on = (key: string) => settingIsOn(settings, key, clusterType);
  const training = on(SETTING.enableTraining);
  const inference = on(SETTING.enableInference);
  const promOp = on(SETTING.installPromOp);
  const volcano = on(SETTING.installVolcano);
  const routerHA = on(SETTING.inferenceRouterHA);
  const nginx = on(CLI_SETTING.nginxIngressEnabled);
  const dcgm = on(SETTING.installDcgmExporter);
  const nvidia = on(SETTING.installNvidiaDevicePlugin);
  // A DaemonSet with no eligible node still counts as one expected workload, so it is never hidden.
  const perNode = Math.max(1, Math.floor(input.nodeCount));

  const out: ExpectedComponent[] = [];
  const add = (name: string, kind: ComponentKind, replicas: number, why: string) =>
    out.push({ name, kind, replicas, why });

  if (isArc) {
    add('relayserver', 'Deployment', 1, text('health.why.relayserver'));
  }
  add('gateway', 'Deployment', 1, text('health.why.gateway'));
  if (training) {
    add('aml-operator', 'Deployment', 1, text('health.why.amlOperator'));
  }
  add('metrics-controller-manager', 'Deployment', 1, text('health.why.metricsController'));
  add(`${ext}-kube-state-metrics`, 'Deployment', 1, text('health.why.kubeStateMetrics'));
  if (promOp) {
    add(`${ext}-prometheus-operator`, 'Deployment', 1, text('health.why.prometheusOperator'));
  }
  if (inference) {
    add('amlarc-identity-controller', 'Deployment', 1, text('health.why.identityController'));
    add('amlarc-identity-proxy', 'Deployment', 1, text('health.why.identityProxy'));
    const replicas = routerHA ? ROUTER_REPLICAS_HA : ROUTER_REPLICAS_SINGLE;
    add('azureml-fe-v2', 'Deployment', replicas, text(routerHA ? 'health.why.routerHA' : 'health.why.routerSingle', { replicas }));
    add('inference-operator-controller-manager', 'Deployment', 1, text('health.why.inferenceOperator'));
    if (nginx) {
      add('azureml-ingress-nginx-controller', 'Deployment', 1, text('health.why.ingress'));
    }
  }
  if (training && volcano) {
    const why = text('health.why.volcano');
    add('volcano-admission', 'Deployment', 1, why);
    add('volcano-controllers', 'Deployment', 1, why);
    add('volcano-scheduler', 'Deployment', 1, why);
  }
  add('fluent-bit', 'DaemonSet', perNode, text('health.why.fluentBit'));
  if (dcgm) {
    add(`${ext}-dcgm-exporter`, 'DaemonSet', perNode, text('health.why.dcgmExporter'));
  }
  if (nvidia) {
    add('nvidia-device-plugin-daemonset', 'DaemonSet', perNode, text('health.why.nvidiaDevicePlugin'));
  }
  add('prometheus-prom-prometheus', 'StatefulSet', 1, text('health.why.prometheus'));
  return out;
}
