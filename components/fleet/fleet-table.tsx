'use client';

import {
  Badge,
  Caption1,
  createTableColumn,
  Tooltip,
  type TableColumnDefinition,
} from '@fluentui/react-components';
import NextLink from 'next/link';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';

import { useDateTimeText } from '@/components/date-time';
import { HealthSummaryBadge, useHealthSummaryText } from '@/components/health-summary';
import { SortableGrid } from '@/components/sortable-grid';
import { StatusBadge } from '@/components/status-badge';
import type { FleetItem } from '@/lib/domain/fleet-query';
import { statusPagePath } from '@/lib/ui/routes';

import { clusterPartsOf, clusterTypeLabel } from './fleet-filter';
import { compareHealth } from './fleet-health';

export interface FleetTableProps {
  /** Rows already filtered; the grid sorts them. */
  rows: FleetItem[];
  /** Subscription display names by lower-cased id. */
  subscriptionNames: ReadonlyMap<string, string>;
}

const clusterOf = (row: FleetItem) => clusterPartsOf(row.clusterId);

type TableText = ReturnType<typeof useTranslations<'fleet.table'>>;

/**
 * A row's health: the summary's badge (or "Checking…" while the portal reads the cluster), linked
 * to the status page, the time it was read in the tooltip (the one date-time format).
 */
function HealthCell({ row, t }: { row: FleetItem; t: TableText }) {
  const timeOf = useDateTimeText();
  const textOf = useHealthSummaryText();
  const extension = `${clusterOf(row).name}/${row.name}`;
  const { health } = row;
  const known = health.state === 'known';
  const words = known ? textOf(health.summary) : t('healthChecking');
  const hint = !known ? t('healthCheckingHint') : t(health.refreshing ? 'healthRefreshingAt' : 'healthCheckedAt', { time: timeOf(health.checkedAt) });
  return (
    <Tooltip content={hint} relationship="description" withArrow>
      <NextLink href={statusPagePath(row.id)} aria-label={t('healthLabel', { extension, health: words })}>
        {known ? <HealthSummaryBadge summary={health.summary} size="small" wrap /> : <Caption1>{words}</Caption1>}
      </NextLink>
    </Tooltip>
  );
}

function columnsFor(subscriptionNames: ReadonlyMap<string, string>, t: TableText): TableColumnDefinition<FleetItem>[] {
  const typeOf = (row: FleetItem) => clusterTypeLabel(row.clusterType, t('unknownType'));
  const subscriptionOf = (row: FleetItem) => subscriptionNames.get(row.subscriptionId.toLowerCase()) ?? row.subscriptionId;
  return [
    createTableColumn<FleetItem>({
      columnId: 'extension',
      compare: (a, b) => `${clusterOf(a).name}/${a.name}`.localeCompare(`${clusterOf(b).name}/${b.name}`),
      renderHeaderCell: () => t('extension'),
      renderCell: (row) => (
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <NextLink href={statusPagePath(row.id)}>
            {clusterOf(row).name}/{row.name}
          </NextLink>
          <Caption1>{clusterOf(row).resourceGroup}</Caption1>
        </div>
      ),
    }),
    createTableColumn<FleetItem>({
      columnId: 'type',
      compare: (a, b) => typeOf(a).localeCompare(typeOf(b)),
      renderHeaderCell: () => t('type'),
      renderCell: typeOf,
    }),
    createTableColumn<FleetItem>({
      columnId: 'subscription',
      compare: (a, b) => subscriptionOf(a).localeCompare(subscriptionOf(b)),
      renderHeaderCell: () => t('subscription'),
      renderCell: subscriptionOf,
    }),
    createTableColumn<FleetItem>({
      columnId: 'region',
      compare: (a, b) => a.location.localeCompare(b.location),
      renderHeaderCell: () => t('region'),
      renderCell: (row) => row.location || '—',
    }),
    createTableColumn<FleetItem>({
      columnId: 'version',
      compare: (a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }),
      renderHeaderCell: () => t('version'),
      renderCell: (row) => row.version || '—',
    }),
    createTableColumn<FleetItem>({
      columnId: 'state',
      compare: (a, b) => a.provisioningState.localeCompare(b.provisioningState),
      renderHeaderCell: () => t('provisioning'),
      renderCell: (row) => <StatusBadge state={row.provisioningState} />,
    }),
    createTableColumn<FleetItem>({
      columnId: 'certificate',
      compare: (a, b) => (a.certificate?.notAfter ?? '9999').localeCompare(b.certificate?.notAfter ?? '9999'),
      renderHeaderCell: () => t('certificate'),
      // Only certificates the portal sent have a known end (ARM never returns protected settings).
      renderCell: (row) =>
        row.certificate ? (
          <Badge appearance="tint" color={CERTIFICATE_COLORS[row.certificate.state]}>
            {t(`certificate_${row.certificate.state}`, { date: row.certificate.notAfter.slice(0, 10), days: row.certificate.daysLeft })}
          </Badge>
        ) : (
          '—'
        ),
    }),
    createTableColumn<FleetItem>({
      columnId: 'health',
      // Worst first when ascending; from the store, read at most once per cluster per five minutes (lib/deploy/fleet-health.ts).
      compare: compareHealth,
      renderHeaderCell: () => t('health'),
      renderCell: (row) => <HealthCell row={row} t={t} />,
    }),
  ];
}

/** expired: danger; expiring within the warning window: warning; valid: informative. */
const CERTIFICATE_COLORS = { expired: 'danger', expiring: 'warning', valid: 'informative' } as const;

const COLUMN_SIZES = {
  extension: { idealWidth: 280, minWidth: 200 },
  type: { idealWidth: 70, minWidth: 60 },
  subscription: { idealWidth: 200, minWidth: 140 },
  health: { idealWidth: 240, minWidth: 180 },
};

/** The fleet's extensions, one row each, sortable by every column (health: worst first). */
export function FleetTable({ rows, subscriptionNames }: FleetTableProps) {
  const t = useTranslations('fleet.table');
  const columns = useMemo(() => columnsFor(subscriptionNames, t), [subscriptionNames, t]);
  return (
    <SortableGrid
      items={rows}
      columns={columns}
      sortColumn="extension"
      columnSizingOptions={COLUMN_SIZES}
      label={t('label')}
    />
  );
}
