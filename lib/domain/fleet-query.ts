/**
 * The one Azure Resource Graph query the portal sends to list every Azure ML extension the user
 * can see, across subscriptions. Pure constant: the Azure seam sends it, the sandbox recognises it.
 */
import type { CertificateNotice } from './certificate-expiry';
import type { HealthSummary } from './health-summary';
import { AZUREML_EXTENSION_TYPE } from './settings-catalog';

/**
 * KQL over `kubernetesconfigurationresources` (where extension resources live in Resource Graph;
 * their `properties` keys are PascalCase there). `clusterId` is the extension id cut before
 * `/providers/Microsoft.KubernetesConfiguration`; `clusterType` is segment 7 of that id
 * (`managedClusters` or `connectedClusters`). Extension resources carry no location of their own,
 * so the query joins each one to its cluster in `resources` for the region: one query answers the
 * whole fleet instead of a cluster list per subscription. Sorted by id because Resource Graph
 * pages are only stable when sorted.
 */
export const AZUREML_EXTENSIONS_QUERY = `kubernetesconfigurationresources
| where type =~ 'microsoft.kubernetesconfiguration/extensions'
| where properties.ExtensionType =~ '${AZUREML_EXTENSION_TYPE}'
| extend clusterId = tostring(split(id, '/providers/Microsoft.KubernetesConfiguration/')[0])
| extend clusterKey = tolower(clusterId)
| join kind=leftouter (resources
    | where type in~ ('microsoft.containerservice/managedclusters', 'microsoft.kubernetes/connectedclusters')
    | project clusterKey = tolower(id), clusterLocation = location) on clusterKey
| extend clusterType = tostring(split(clusterId, '/')[7]), clusterName = tostring(split(clusterId, '/')[8])
| extend version = tostring(coalesce(properties.InstalledVersion, properties.Version)), provisioningState = tostring(properties.ProvisioningState)
| project id, name, subscriptionId, resourceGroup, location = clusterLocation, clusterId, clusterName, clusterType, version, provisioningState
| order by id asc`;

/** Column names the query projects, in order. */
export const FLEET_QUERY_COLUMNS = [
  'id',
  'name',
  'subscriptionId',
  'resourceGroup',
  'location',
  'clusterId',
  'clusterName',
  'clusterType',
  'version',
  'provisioningState',
] as const;

/** One row of {@link AZUREML_EXTENSIONS_QUERY} (Resource Graph `objectArray` result format). */
export interface FleetRow {
  /** Extension resource id. */
  id: string;
  /** Extension name. */
  name: string;
  subscriptionId: string;
  /** Resource group as Resource Graph reports it (lower-case in real Azure). */
  resourceGroup: string;
  /** The cluster's region (joined from `resources`); empty when the cluster is not visible. */
  location: string;
  /** The cluster's resource id. */
  clusterId: string;
  clusterName: string;
  /** `managedClusters` (AKS) or `connectedClusters` (Arc), as spelled in the id. */
  clusterType: string;
  /** Installed version when known, else the pinned version, else empty. */
  version: string;
  /** `Succeeded`, `Creating`, `Updating`, `Deleting`, `Failed`... */
  provisioningState: string;
}

/**
 * A fleet row's health: the summary the portal remembers (lib/store/health-summaries.ts) with
 * when the cluster was read (ISO 8601), or `checking` while a background read looks
 * (lib/deploy/fleet-health.ts: none remembered, or older than five minutes).
 */
export type FleetHealth =
  /** `refreshing`: the summary is older than the fleet's window and is being read again; still shown, so rows do not flip to "checking" every few minutes. */
  | { state: 'known'; summary: HealthSummary; checkedAt: string; refreshing?: true }
  | { state: 'checking' };

/**
 * One extension of the fleet, as `GET /api/v1/extensions` (no clusterId) and `/fleet` show it: a
 * {@link FleetRow} without the parts the page reads from `clusterId`. Here, not in lib/api, so the
 * fleet page's client code and the API share the one type.
 */
export type FleetItem = Omit<FleetRow, 'resourceGroup' | 'clusterName'> & {
  /** The HTTPS certificate the portal sent, when it remembers one (lib/store/certificates.ts): its end and state. */
  certificate?: Pick<CertificateNotice, 'state' | 'daysLeft' | 'notAfter' | 'host'>;
  health: FleetHealth;
};

/** Column name type derived from {@link FLEET_QUERY_COLUMNS}. */
export type FleetColumn = (typeof FLEET_QUERY_COLUMNS)[number];

/** Collapses whitespace so a query survives reformatting; used to recognise the portal's query. */
export function normaliseKql(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
