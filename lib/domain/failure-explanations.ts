/**
 * What a failure means and what to do about it (DOMAIN.md section 8), and what legacy setting
 * names on an existing extension mean (section 2). Pure: the status API attaches the result and
 * the page shows it; nothing here reads Azure.
 */

/** One recognised failure, in words a cluster admin can act on. */
export interface Explanation {
  /** The health-check code (`E40002`) or a stable name for non-coded signatures. */
  code: string;
  title: string;
  /** What went wrong, in plain words. */
  meaning: string;
  /** What to change so the next attempt succeeds. */
  fix: string;
}

/** What {@link explainFailure} reads; every field is as ARM or the component table reported it. */
export interface FailureInput {
  provisioningState: string;
  /** `errorInfo.message` of the extension, or an ARM error message of a failed write. */
  errorMessage?: string;
  statuses?: ReadonlyArray<{ code?: string | null; message?: string | null }>;
  components?: ReadonlyArray<{ name: string; state: string; reason?: string; restarts?: number }>;
}

type Entry = Omit<Explanation, 'code'>;

/** Health-check codes the extension's pre-install hook reports (section 8 table). */
export const HEALTH_CHECK_EXPLANATIONS: Readonly<Record<string, Entry>> = {
  E40001: {
    title: 'No load balancer',
    meaning: 'The inference router asked for a LoadBalancer service, but the cluster has no load balancer to give it one.',
    fix: 'Set inferenceRouterServiceType to nodePort or clusterIP (most on-premises clusters have no load balancer), then update the extension.',
  },
  E40002: {
    title: 'Not enough healthy nodes for a highly available router',
    meaning: 'inferenceRouterHA is on (the default), which runs 3 router replicas and needs at least 3 healthy nodes; fewer were found.',
    fix: 'Set inferenceRouterHA=False, or add healthy nodes. If you use a nodeSelector, only the nodes it selects count.',
  },
  E40003: {
    title: 'Internal load balancer not supported',
    meaning: 'internalLoadBalancerProvider is set, but an internal load balancer is only supported on AKS with the provider azure.',
    fix: 'On AKS set internalLoadBalancerProvider=azure; on Arc-enabled clusters remove internalLoadBalancerProvider.',
  },
  E40007: {
    title: 'Invalid SSL settings',
    meaning: 'The certificate or key could not be used: they do not parse, do not match, the key is passphrase-protected, or sslCname is not in the certificate.',
    fix: 'Upload a full-chain PEM certificate and its unencrypted key that match each other, with sslCname covered by the certificate (SAN or CN).',
  },
  E45002: {
    title: 'Prometheus operator conflict',
    meaning: 'A Prometheus operator already runs in the cluster, and the extension tried to install its own.',
    fix: 'Set installPromOp=False, and make sure the existing Prometheus operator watches the azureml namespace.',
  },
  E45003: {
    title: 'Network connectivity problem',
    meaning: 'The cluster could not reach the Azure endpoints the extension needs.',
    fix: 'Allow the outbound (egress) traffic Azure Machine Learning requires from the cluster, through any firewall or proxy.',
  },
  E45004: {
    title: 'Legacy azureml-fe role conflict',
    meaning: 'Resources of the legacy (v1) azureml-fe are still on the cluster and conflict with the new router.',
    fix: 'Delete the v1 azureml-fe resources (its ClusterRole and ClusterRoleBinding), then retry.',
  },
  E45005: {
    title: 'Legacy azureml-fe deployment conflict',
    meaning: 'A legacy (v1) azureml-fe deployment is still on the cluster and conflicts with the new router.',
    fix: 'Delete the v1 azureml-fe resources (its Deployment and Service), then retry.',
  },
  E45006: {
    title: 'Instance type validation failed',
    meaning: 'The instance types defined in the cluster did not pass validation.',
    fix: 'Check the instancetype custom resources (kubectl get instancetype) and fix or remove the invalid ones.',
  },
};

/** Signatures without a health-check code, matched on the message text (case-insensitive). */
const MESSAGE_SIGNATURES: ReadonlyArray<{ pattern: RegExp; code: string } & Entry> = [
  {
    pattern: /cannot re-?use a name that is still in use/i,
    code: 'NameStillInUse',
    title: 'Release name still in use',
    meaning: 'A Helm release with this name is still on the cluster, usually from an uninstall that has not finished.',
    fix: 'Wait for the previous uninstall to finish and retry, or choose another extension name.',
  },
  {
    pattern: /another operation is in progress/i,
    code: 'OperationInProgress',
    title: 'Another operation is in progress',
    meaning: 'The extension is being installed, updated or deleted already.',
    fix: 'Wait for that operation to finish, then try again.',
  },
  {
    pattern: /namespace\W+azureml\W[^.]*terminat|azureml\W+(?:namespace\W+)?is being terminated/i,
    code: 'NamespaceTerminating',
    title: 'The azureml namespace is being deleted',
    meaning: 'A previous uninstall is still removing the azureml namespace.',
    fix: 'Wait until the azureml namespace is gone (kubectl get ns azureml), then install again.',
  },
  {
    pattern: /invalid ownership metadata[\s\S]*jobs\.batch\.volcano\.sh|jobs\.batch\.volcano\.sh[\s\S]*invalid ownership metadata/i,
    code: 'VolcanoConflict',
    title: 'Volcano is already installed',
    meaning: 'The cluster already has a Volcano scheduler (jobs.batch.volcano.sh) that belongs to another Helm release.',
    fix: 'Set installVolcano=False to reuse the existing Volcano scheduler.',
  },
];

const HEALTH_CODE = /\bE4\d{4}\b/;

function explainCode(code: string): Explanation | undefined {
  const entry = HEALTH_CHECK_EXPLANATIONS[code];
  return entry ? { code, ...entry } : undefined;
}

/**
 * The explanation for what ARM and the cluster report, or undefined when nothing is recognised
 * (the page then shows ARM's own message). Priority, so the panel does not flicker between
 * causes: a health-check code in `statuses` (ARM's structured answer), then one in the error
 * message, then the known message signatures, then a crash-looping component (which happens
 * after a Succeeded install, so it is checked whatever the provisioning state).
 */
export function explainFailure(input: FailureInput): Explanation | undefined {
  for (const status of input.statuses ?? []) {
    const coded = status.code ? explainCode(status.code.trim()) : undefined;
    if (coded) return coded;
  }
  const texts = [input.errorMessage ?? '', ...(input.statuses ?? []).map((s) => s.message ?? '')].filter(Boolean);
  for (const text of texts) {
    const code = HEALTH_CODE.exec(text)?.[0];
    const coded = code ? explainCode(code) : undefined;
    if (coded) return coded;
  }
  for (const text of texts) {
    const signature = MESSAGE_SIGNATURES.find((s) => s.pattern.test(text));
    if (signature) {
      const { code, title, meaning, fix } = signature;
      return { code, title, meaning, fix };
    }
  }
  const crashing = (input.components ?? []).find((c) => c.state === 'Failed');
  if (crashing) {
    const why = crashing.reason ? ` (${crashing.reason})` : '';
    return {
      code: 'ComponentCrashLooping',
      title: `${crashing.name} keeps failing`,
      meaning: `The component ${crashing.name} is not starting${why}: its pods crash and Kubernetes keeps restarting them.`,
      fix: `Read its logs (kubectl logs -n azureml deploy/${crashing.name} --previous) and the health-check report (kubectl get configmap arcml-healthcheck -n azureml -o yaml); fix the cause, then update the extension to roll it out again.`,
    };
  }
  return undefined;
}

/** Legacy setting names the extension still accepts, and what replaced them (section 2). */
export const LEGACY_SETTINGS: Readonly<Record<string, Entry>> = {
  inferenceLoadBalancerHA: {
    title: 'Legacy setting inferenceLoadBalancerHA',
    meaning: 'inferenceLoadBalancerHA is the old name of inferenceRouterHA.',
    fix: 'Use inferenceRouterHA with the same value on your next update.',
  },
  privateEndpointILB: {
    title: 'Legacy setting privateEndpointILB',
    meaning: 'privateEndpointILB is the old way to put the router behind an internal load balancer.',
    fix: 'Use inferenceRouterServiceType=loadBalancer with internalLoadBalancerProvider=azure (AKS only).',
  },
  privateEndpointNodeport: {
    title: 'Legacy setting privateEndpointNodeport',
    meaning: 'privateEndpointNodeport is the old way to expose the router on a node port.',
    fix: 'Use inferenceRouterServiceType=nodePort.',
  },
};

/** One explanation per legacy key present in the settings (keys are case-sensitive). */
export function explainLegacySettings(settings: Readonly<Record<string, string>>): Explanation[] {
  return Object.keys(LEGACY_SETTINGS)
    .filter((key) => Object.prototype.hasOwnProperty.call(settings, key))
    .map((key) => ({ code: key, ...LEGACY_SETTINGS[key] }));
}
