/**
 * Detecting the legacy v1 inference router in `kubectl get deploy,ds,sts,pods -n azureml -o json`
 * output. Pure: lib/azure/preflight-facts.ts runs the command, this reads its answer.
 */

/** The one command preflight runs in an AKS cluster (the sandbox answers exactly this). */
export const PREFLIGHT_NAMESPACE_COMMAND = 'kubectl get deploy,ds,sts,pods -n azureml -o json';

/** The v1 router's Deployment name; the extension's own router is `azureml-fe-v2`. */
export const LEGACY_AZUREML_FE_DEPLOYMENT = 'azureml-fe';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * True when the List holds a Deployment named exactly `azureml-fe`; false when it does not;
 * undefined when the text is not a Kubernetes List (so the caller reports "not inspected"
 * instead of a false all-clear).
 */
export function detectLegacyAzuremlFe(kubectlOutput: string): boolean | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(kubectlOutput);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.items)) return undefined;
  return parsed.items.some(
    (item) =>
      isRecord(item) &&
      item.kind === 'Deployment' &&
      isRecord(item.metadata) &&
      item.metadata.name === LEGACY_AZUREML_FE_DEPLOYMENT,
  );
}
