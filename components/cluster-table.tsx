'use client';

import {
  Caption1,
  createTableColumn,
  Text,
  type TableColumnDefinition,
} from '@fluentui/react-components';
import NextLink from 'next/link';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { ClusterFilterBar, useClusterFilter } from './cluster-filter';
import { SortableGrid } from './sortable-grid';
import { parseClusterId, type ClusterSummary } from '@/lib/domain/cluster';
import { clusterKindLabel, type DeployCluster } from './deploy/deploy-types';
import { formatExtensionId } from '@/lib/domain/extension-id';
import { deployPagePath, statusPagePath } from '@/lib/ui/routes';
import { StatusBadge } from './status-badge';

/** One row of the home page: a cluster, its subscription's name and its AzureML extension, if any (the wizard's cluster). */
type ClusterRow = DeployCluster;

type TableText = ReturnType<typeof useTranslations<'home.table'>>;

/** Arc clusters report connectivity; that, not ARM provisioning, is what decides a deploy. */
function clusterState(row: ClusterSummary): string {
  return row.type === 'connectedClusters' && row.connectivityStatus ? row.connectivityStatus : row.provisioningState;
}

/** The home page's columns, with headers in the reader's language. */
function columnsFor(t: TableText): TableColumnDefinition<ClusterRow>[] {
  return [
    createTableColumn<ClusterRow>({
      columnId: 'name',
      compare: (a, b) => a.name.localeCompare(b.name),
      renderHeaderCell: () => t('cluster'),
      renderCell: (row) => (
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <Text weight="semibold">{row.name}</Text>
          <Caption1>{row.resourceGroup}</Caption1>
        </div>
      ),
    }),
    createTableColumn<ClusterRow>({
      columnId: 'type',
      compare: (a, b) => clusterKindLabel(a).localeCompare(clusterKindLabel(b)),
      renderHeaderCell: () => t('type'),
      renderCell: (row) => clusterKindLabel(row),
    }),
    createTableColumn<ClusterRow>({
      columnId: 'subscription',
      compare: (a, b) => (a.subscriptionName ?? a.subscriptionId).localeCompare(b.subscriptionName ?? b.subscriptionId),
      renderHeaderCell: () => t('subscription'),
      renderCell: (row) => row.subscriptionName ?? row.subscriptionId,
    }),
    createTableColumn<ClusterRow>({
      columnId: 'location',
      compare: (a, b) => a.location.localeCompare(b.location),
      renderHeaderCell: () => t('location'),
      renderCell: (row) => row.location,
    }),
    createTableColumn<ClusterRow>({
      columnId: 'nodes',
      compare: (a, b) => a.nodeCount - b.nodeCount,
      renderHeaderCell: () => t('nodes'),
      renderCell: (row) => row.nodeCount,
    }),
    createTableColumn<ClusterRow>({
      columnId: 'version',
      compare: (a, b) => a.kubernetesVersion.localeCompare(b.kubernetesVersion, undefined, { numeric: true }),
      renderHeaderCell: () => t('kubernetes'),
      renderCell: (row) => row.kubernetesVersion,
    }),
    createTableColumn<ClusterRow>({
      columnId: 'state',
      compare: (a, b) => clusterState(a).localeCompare(clusterState(b)),
      renderHeaderCell: () => t('state'),
      renderCell: (row) => <StatusBadge state={clusterState(row)} />,
    }),
    createTableColumn<ClusterRow>({
      columnId: 'azureml',
      compare: (a, b) => (a.azureMl?.provisioningState ?? '').localeCompare(b.azureMl?.provisioningState ?? ''),
      renderHeaderCell: () => t('azureMl'),
      renderCell: (row) => <AzureMlCell row={row} />,
    }),
  ];
}

/** The extension's state linking to its status page, or a link to deploy one. */
function AzureMlCell({ row }: { row: ClusterRow }) {
  const t = useTranslations('home.table');
  const cluster = parseClusterId(row.id);
  if (!row.azureMl || !cluster) {
    return (
      <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Caption1>{t('notInstalled')}</Caption1>
        <NextLink href={deployPagePath(row.id)} aria-label={t('deployLabel', { cluster: row.name })}>
          {t('deploy')}
        </NextLink>
      </span>
    );
  }
  // The link's name holds its visible text, as speech input users say it (WCAG 2.5.3).
  const shown = row.azureMl.version ? `${row.azureMl.name} v${row.azureMl.version}` : row.azureMl.name;
  return (
    <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <StatusBadge state={row.azureMl.provisioningState} size="small" />
      <NextLink href={statusPagePath(formatExtensionId(cluster, row.azureMl.name))} aria-label={t('statusLabel', { extension: shown, cluster: row.name })}>
        {shown}
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
  const t = useTranslations('home.table');
  const columns = useMemo(() => columnsFor(t), [t]);

  return (
    <>
      <ClusterFilterBar filter={filter} />
      <SortableGrid items={filter.visible} columns={columns} sortColumn="name" columnSizingOptions={COLUMN_SIZES} label={t('label')} />
    </>
  );
}
