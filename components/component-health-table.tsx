'use client';

import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import type { ComponentHealth } from '@/lib/domain/component-health';

import { StatusBadge } from './status-badge';

/** Props of {@link ComponentHealthTable}. */
export interface ComponentHealthTableProps {
  /** Rows in the order the domain gives them (expected order first, so rows never jump). */
  components: ReadonlyArray<ComponentHealth>;
  /** False when components could not be read; `reason` then says why. */
  available: boolean;
  reason?: string;
}

/**
 * "3m", "2h", "4d": kubectl's AGE column, so it reads like the cluster's own output (kubectl
 * writes it the same in every language, and so does the portal).
 */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/**
 * THE component health table: one row per workload in `azureml`, its state through the one
 * {@link StatusBadge}. Used by every page that shows components; no other place renders them.
 */
export function ComponentHealthTable({ components, available, reason }: ComponentHealthTableProps) {
  const t = useTranslations('status.components');
  if (!available) {
    return <Text role="status">{reason ?? t('unavailable')}</Text>;
  }
  if (components.length === 0) {
    return <Text role="status">{t('empty')}</Text>;
  }
  return (
    <Table aria-label={t('label')} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('component')}</TableHeaderCell>
          <TableHeaderCell>{t('kind')}</TableHeaderCell>
          <TableHeaderCell>{t('ready')}</TableHeaderCell>
          <TableHeaderCell>{t('state')}</TableHeaderCell>
          <TableHeaderCell>{t('restarts')}</TableHeaderCell>
          <TableHeaderCell>{t('age')}</TableHeaderCell>
          <TableHeaderCell>{t('details')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {components.map((component) => (
          <TableRow key={`${component.kind}/${component.name}`}>
            <TableCell>
              <Text weight="semibold">{component.name}</Text>
            </TableCell>
            <TableCell>{component.kind}</TableCell>
            <TableCell>{`${component.ready}/${component.desired}`}</TableCell>
            <TableCell>
              <StatusBadge state={component.state} size="small" />
            </TableCell>
            <TableCell>{component.restarts}</TableCell>
            <TableCell>{formatAge(component.ageSeconds)}</TableCell>
            <TableCell>
              <Caption1>{component.reason ?? ''}</Caption1>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
