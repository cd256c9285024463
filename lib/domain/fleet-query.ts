/**
 * The one Azure Resource Graph query the portal sends to list every Azure ML extension the user
 * can see, across subscriptions. Pure constant: the Azure seam sends it, the sandbox recognises it.
 */
import type { CertificateNotice } from './certificate-expiry';
import { parseExtensionId } from './extension-id';
import type { HealthSummary } from './health-summary';
import { AZUREML_EXTENSION_TYPE } from './settings-catalog';

/**
 * Where the names come from. Documented: the table `kubernetesconfigurationresources`, the type
 * `microsoft.kubernetesconfiguration/extensions`, `properties.ExtensionType` and cutting the id
 * before `/providers/Microsoft.KubernetesConfiguration` to get the cluster (Microsoft Learn,
 * "Azure Resource Graph sample queries for Azure Arc-enabled Kubernetes",
 * https://learn.microsoft.com/azure/azure-arc/kubernetes/resource-graph-samples, source
 * MicrosoftDocs/azure-management-docs articles/azure-arc/kubernetes/resource-graph-samples.md);
 * `resources` with `location` for the cluster (the same page's connectedClusters samples).
 * Not documented by any Learn sample: `properties.ProvisioningState`, `properties.InstalledVersion`
 * and `properties.Version` are the PascalCase spelling Resource Graph gives the extension's ARM
 * properties (`provisioningState`, `version` in Microsoft.KubernetesConfiguration 2023-05-01, whose
 * installed version is `currentVersion`: `InstalledVersion` is not in that spec, and Resource
 * Graph's `data` is untyped). Because a column can come back missing or of another type, rows are
 * read by {@link fleetRowOf}: a blank cell, never a dropped row, unless the row has no `id`.
 *
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

/** A cell as the fleet shows it: the string Resource Graph sent, else blank (missing, null, a number, an object). */
function cell(record: Readonly<Record<string, unknown>>, column: FleetColumn): string {
  const value = record[column];
  return typeof value === 'string' ? value : '';
}

/**
 * One Resource Graph row as a {@link FleetRow}, or null when it has no `id` (nothing to link to,
 * key or read). Any other column that is missing or not a string reads as blank, so one odd row
 * or a renamed property blanks a cell instead of emptying the fleet. The columns the query
 * derives from the id itself (name, subscription, resource group, cluster id, name and type) are
 * derived the same way here when they are blank and the id is an extension id.
 */
export function fleetRowOf(value: unknown): FleetRow | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Readonly<Record<string, unknown>>;
  const id = cell(record, 'id').trim();
  if (!id) return null;
  const row = Object.fromEntries(FLEET_QUERY_COLUMNS.map((column) => [column, cell(record, column)])) as Record<FleetColumn, string>;
  row.id = id;
  const parsed = parseExtensionId(id);
  if (parsed) {
    const fromId: Partial<Record<FleetColumn, string>> = {
      name: parsed.extensionName,
      subscriptionId: parsed.cluster.subscriptionId,
      // As Resource Graph reports resource groups.
      resourceGroup: parsed.cluster.resourceGroup.toLowerCase(),
      clusterId: parsed.clusterId,
      clusterName: parsed.cluster.name,
      clusterType: parsed.cluster.type,
    };
    for (const [column, derived] of Object.entries(fromId) as Array<[FleetColumn, string]>) {
      if (!row[column]) row[column] = derived;
    }
  }
  return row;
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
