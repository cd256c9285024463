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
import { useTranslations } from 'use-intl';

import { DateTime } from '@/components/date-time';
import { StatusBadge } from '@/components/status-badge';
import { REMOVED_SETTING, type AuditEntry } from '@/lib/audit/types';

import { actionKey, nameOf, writtenNameOf } from './audit-format';
import { settingChanges, type SettingChange } from './settings-diff';

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
  // Errors quote ARM ids and permission names (one long word each): they wrap, the page never scrolls sideways.
  error: { overflowWrap: 'anywhere' },
});

/** One changed key, worded: `old → new`, `added: new`, `removed (was old)`. */
function ChangeText({ change }: { change: SettingChange }) {
  const t = useTranslations('audit.table');
  if (change.kind === 'changed') return t('changed', { before: change.before, after: change.after });
  if (change.kind === 'added') return t('added', { after: change.after });
  return change.before === undefined ? t('removed') : t('removedWas', { before: change.before });
}

/** An update whose values before are known: only the keys it changed. */
function Changes({ entry, changes }: { entry: AuditEntry; changes: SettingChange[] }) {
  const styles = useStyles();
  const t = useTranslations('audit.table');
  if (changes.length === 0) return <Caption1>{t('noChanges')}</Caption1>;
  return (
    <dl className={styles.settings} aria-label={t('changesLabel', { id: entry.id })}>
      {changes.map((change) => (
        <Fragment key={change.key}>
          <dt className={styles.term}>{change.key}</dt>
          <dd className={styles.detail}>
            <ChangeText change={change} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Settings({ entry }: { entry: AuditEntry }) {
  const styles = useStyles();
  const t = useTranslations('audit.table');
  const changes = settingChanges(entry);
  if (changes) return <Changes entry={entry} changes={changes} />;
  const settings = Object.entries(entry.settings ?? {});
  if (settings.length === 0) return <Caption1>{t('noSettings')}</Caption1>;
  return (
    <dl className={styles.settings} aria-label={t('settingsLabel', { id: entry.id })}>
      {settings.map(([key, value]) => (
        <Fragment key={key}>
          <dt className={styles.term}>{key}</dt>
          {/* Keys and values are shown as sent; only the portal's own marker for a removed key is words. */}
          <dd className={styles.detail}>{value === REMOVED_SETTING ? t('removedSetting') : value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The trail, newest first; each row opens to show the settings that were sent (never secrets). */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const styles = useStyles();
  const t = useTranslations('audit');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table aria-label={t('table.label')} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('table.when')}</TableHeaderCell>
          <TableHeaderCell>{t('table.who')}</TableHeaderCell>
          <TableHeaderCell>{t('table.action')}</TableHeaderCell>
          <TableHeaderCell>{t('table.cluster')}</TableHeaderCell>
          <TableHeaderCell>{t('table.extension')}</TableHeaderCell>
          <TableHeaderCell>{t('table.outcome')}</TableHeaderCell>
          <TableHeaderCell>{t('table.error')}</TableHeaderCell>
          <TableHeaderCell>{t('table.settings')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => {
          const expanded = open.has(entry.id);
          const action = actionKey(entry.action);
          const target = entry.clusterId ? nameOf(entry.clusterId) : (entry.settings?.namespace ?? entry.subscriptionId ?? '—');
          return (
            <Fragment key={entry.id}>
              <TableRow>
                <TableCell>
                  <DateTime value={entry.at} />
                </TableCell>
                <TableCell title={entry.actor.id}>{entry.actor.name}</TableCell>
                <TableCell>{action ? t(`actions.${action}`) : entry.action}</TableCell>
                <TableCell title={entry.clusterId}>{target}</TableCell>
                <TableCell title={entry.extensionId ?? entry.resourceId}>{writtenNameOf(entry)}</TableCell>
                <TableCell>
                  <StatusBadge state={entry.outcome} size="small" />
                </TableCell>
                <TableCell className={styles.error}>
                  {/* The reconciler's two outcomes are explained in the reader's language, not as stored. */}
                  {entry.outcome === 'not-found'
                    ? t('outcomes.notFound')
                    : entry.outcome === 'unverified'
                      ? t('outcomes.unverified')
                      : entry.error
                        ? `${entry.error.code}: ${entry.error.message}`
                        : ''}
                </TableCell>
                <TableCell>
                  <Button size="small" appearance="subtle" aria-expanded={expanded} onClick={() => toggle(entry.id)}>
                    {expanded ? t('table.hideSettings') : t('table.showSettings')}
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
