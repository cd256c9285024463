/** Microsoft Learn pages the portal links to, each once. */
export const DOCS = {
  /** Deploy the Azure Machine Learning extension on AKS or Arc Kubernetes. */
  deployExtension: 'https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension',
  /** Attach a Kubernetes cluster to an Azure Machine Learning workspace (DOMAIN.md section 10). */
  attachCluster: 'https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace',
} as const;
