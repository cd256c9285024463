'use client';

import {
  Caption1,
  createTableColumn,
  Text,
  type TableColumnDefinition,
} from '@fluentui/react-components';
import NextLink from 'next/link';
import { ClusterFilterBar, useClusterFilter } from './cluster-filter';
import { SortableGrid } from './sortable-grid';
import { parseClusterId, type ClusterSummary } from '@/lib/domain/cluster';
import { formatExtensionId } from '@/lib/domain/extension-id';
import { deployPagePath, statusPagePath } from '@/lib/ui/routes';
import { StatusBadge } from './status-badge';

/** One row of the home page: a cluster, its subscription's name and its AzureML extension, if any. */
export interface ClusterRow extends ClusterSummary {
  subscriptionName?: string;
  azureMl?: { name: string; provisioningState: string; version?: string | null };
}


function typeLabel(row: ClusterSummary): string {
  if (row.type === 'managedClusters') return 'AKS';
  return row.distribution ? `Arc (${row.distribution})` : 'Arc';
}

/** Arc clusters report connectivity; that, not ARM provisioning, is what decides a deploy. */
function clusterState(row: ClusterSummary): string {
  return row.type === 'connectedClusters' && row.connectivityStatus ? row.connectivityStatus : row.provisioningState;
}

const columns: TableColumnDefinition<ClusterRow>[] = [
  createTableColumn<ClusterRow>({
    columnId: 'name',
    compare: (a, b) => a.name.localeCompare(b.name),
    renderHeaderCell: () => 'Cluster',
    renderCell: (row) => (
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        <Text weight="semibold">{row.name}</Text>
        <Caption1>{row.resourceGroup}</Caption1>
      </div>
    ),
  }),
  createTableColumn<ClusterRow>({
    columnId: 'type',
    compare: (a, b) => typeLabel(a).localeCompare(typeLabel(b)),
    renderHeaderCell: () => 'Type',
    renderCell: (row) => typeLabel(row),
  }),
  createTableColumn<ClusterRow>({
    columnId: 'subscription',
    compare: (a, b) => (a.subscriptionName ?? a.subscriptionId).localeCompare(b.subscriptionName ?? b.subscriptionId),
    renderHeaderCell: () => 'Subscription',
    renderCell: (row) => row.subscriptionName ?? row.subscriptionId,
  }),
  createTableColumn<ClusterRow>({
    columnId: 'location',
    compare: (a, b) => a.location.localeCompare(b.location),
    renderHeaderCell: () => 'Location',
    renderCell: (row) => row.location,
  }),
  createTableColumn<ClusterRow>({
    columnId: 'nodes',
    compare: (a, b) => a.nodeCount - b.nodeCount,
    renderHeaderCell: () => 'Nodes',
    renderCell: (row) => row.nodeCount,
  }),
  createTableColumn<ClusterRow>({
    columnId: 'version',
    compare: (a, b) => a.kubernetesVersion.localeCompare(b.kubernetesVersion, undefined, { numeric: true }),
    renderHeaderCell: () => 'Kubernetes',
    renderCell: (row) => row.kubernetesVersion,
  }),
  createTableColumn<ClusterRow>({
    columnId: 'state',
    compare: (a, b) => clusterState(a).localeCompare(clusterState(b)),
    renderHeaderCell: () => 'State',
    renderCell: (row) => <StatusBadge state={clusterState(row)} />,
  }),
  createTableColumn<ClusterRow>({
    columnId: 'azureml',
    compare: (a, b) => (a.azureMl?.provisioningState ?? '').localeCompare(b.azureMl?.provisioningState ?? ''),
    renderHeaderCell: () => 'AzureML extension',
    renderCell: (row) => <AzureMlCell row={row} />,
  }),
];

/** The extension's state linking to its status page, or a link to deploy one. */
function AzureMlCell({ row }: { row: ClusterRow }) {
  const cluster = parseClusterId(row.id);
  if (!row.azureMl || !cluster) {
    return (
      <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Caption1>Not installed</Caption1>
        <NextLink href={deployPagePath(row.id)} aria-label={`Deploy the AzureML extension to ${row.name}`}>
          Deploy
        </NextLink>
      </span>
    );
  }
  return (
    <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <StatusBadge state={row.azureMl.provisioningState} size="small" />
      <NextLink href={statusPagePath(formatExtensionId(cluster, row.azureMl.name))} aria-label={`Status of ${row.azureMl.name} on ${row.name}`}>
        {row.azureMl.name}
        {row.azureMl.version ? ` v${row.azureMl.version}` : ''}
      </NextLink>
    </span>
  );
}

/** Names are long and kebab-cased: give them room so they do not wrap mid-word. */
const COLUMN_SIZES = {
  name: { idealWidth: 260, minWidth: 200 },
  type: { idealWidth: 120, minWidth: 80 },
  nodes: { idealWidth: 70, minWidth: 60 },
  azureml: { idealWidth: 220, minWidth: 160 },
};

/** Every cluster the user can see, searchable by name, resource group, location or subscription. */
export function ClusterTable({ rows }: { rows: ClusterRow[] }) {
  const filter = useClusterFilter(rows);

  return (
    <>
      <ClusterFilterBar filter={filter} />
      <SortableGrid items={filter.visible} columns={columns} sortColumn="name" columnSizingOptions={COLUMN_SIZES} label="Clusters" />
    </>
  );
}
