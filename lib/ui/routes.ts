/**
 * Paths of the portal's pages, built in one place so links from the home page, the fleet, the
 * wizard and its findings all agree. Pure; safe in client components.
 */

/** `/resource/<extension ARM id without its leading slash>`: the status page of one extension. */
export function statusPagePath(extensionId: string): string {
  return `/resource/${extensionId.replace(/^\/+/, '')}`;
}

/** `/deploy`, with the cluster preselected when given. */
export function deployPagePath(clusterId?: string): string {
  return clusterId ? `/deploy?clusterId=${encodeURIComponent(clusterId)}` : '/deploy';
}

/** `/update?id=<extension ARM id>`: the update wizard; with `renew`, only a new certificate. */
export function updatePagePath(extensionId: string, options: { renew?: boolean } = {}): string {
  return `/update?id=${encodeURIComponent(extensionId)}${options.renew ? '&renew=1' : ''}`;
}

/** `/attach?clusterId=<cluster ARM id>`: attach the cluster to an Azure ML workspace as a Kubernetes compute. */
export function attachPagePath(clusterId: string): string {
  return `/attach?clusterId=${encodeURIComponent(clusterId)}`;
}

/** `/instance-types?clusterId=<cluster ARM id>`: the cluster's instance types (the InstanceType custom resources). */
export function instanceTypesPagePath(clusterId: string): string {
  return `/instance-types?clusterId=${encodeURIComponent(clusterId)}`;
}
