'use client';

import {
  Button,
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useState } from 'react';

import { StatusBadge } from '@/components/status-badge';
import type { AuditEntry } from '@/lib/audit/types';

import { actionLabel, formatAuditTime, nameOf } from './audit-format';

const useStyles = makeStyles({
  settings: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    paddingBlock: tokens.spacingVerticalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, wordBreak: 'break-all' },
});

function Settings({ entry }: { entry: AuditEntry }) {
  const styles = useStyles();
  const settings = Object.entries(entry.settings ?? {});
  if (settings.length === 0) return <Caption1>No settings recorded.</Caption1>;
  return (
    <dl className={styles.settings} aria-label={`Settings of entry ${entry.id}`}>
      {settings.map(([key, value]) => (
        <Fragment key={key}>
          <dt className={styles.term}>{key}</dt>
          <dd className={styles.detail}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The trail, newest first; each row opens to show the settings that were sent (never secrets). */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table aria-label="Audit trail" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Who</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Cluster</TableHeaderCell>
          <TableHeaderCell>Extension</TableHeaderCell>
          <TableHeaderCell>Outcome</TableHeaderCell>
          <TableHeaderCell>Error</TableHeaderCell>
          <TableHeaderCell>Settings</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => {
          const expanded = open.has(entry.id);
          const target = entry.clusterId ? nameOf(entry.clusterId) : (entry.settings?.namespace ?? entry.subscriptionId ?? '—');
          return (
            <Fragment key={entry.id}>
              <TableRow>
                <TableCell>{formatAuditTime(entry.at)}</TableCell>
                <TableCell title={entry.actor.id}>{entry.actor.name}</TableCell>
                <TableCell>{actionLabel(entry.action)}</TableCell>
                <TableCell title={entry.clusterId}>{target}</TableCell>
                <TableCell title={entry.extensionId}>{nameOf(entry.extensionId)}</TableCell>
                <TableCell>
                  <StatusBadge state={entry.outcome} size="small" />
                </TableCell>
                <TableCell>{entry.error ? `${entry.error.code}: ${entry.error.message}` : ''}</TableCell>
                <TableCell>
                  <Button size="small" appearance="subtle" aria-expanded={expanded} onClick={() => toggle(entry.id)}>
                    {expanded ? 'Hide settings' : 'Show settings'}
                  </Button>
                </TableCell>
              </TableRow>
              {expanded ? (
                <TableRow>
                  <TableCell colSpan={8}>
                    <Settings entry={entry} />
                  </TableCell>
                </TableRow>
              ) : null}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
