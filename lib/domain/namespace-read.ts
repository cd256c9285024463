/**
 * The status page's look into the cluster: one kubectl command over the `azureml` namespace.
 * Here, in `domain/`, because two sides must agree on its exact text: the portal runs it through
 * AKS runCommand (lib/azure/components.ts) and the emulator answers exactly it (lib/sandbox/kube.ts),
 * and the emulator may import nothing but `domain/`. Pure, browser-safe.
 */

/**
 * Workloads and pods (component health, DOMAIN.md section 7) and Services (the inference router's
 * `azureml-fe`: its type, address and ports, lib/domain/inference-endpoint.ts), as one Kubernetes
 * `List`: one runCommand per read, not two.
 */
export const AZUREML_NAMESPACE_COMMAND = 'kubectl get deploy,ds,sts,pods,svc -n azureml -o json';
