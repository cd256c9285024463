'use client';

import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useFormatter, useTranslations, type DateTimeFormatOptions } from 'use-intl';

import { StatusBadge } from './status-badge';
import type { ObservedTransition } from './use-extension-status';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

/** Props of {@link ExtensionTimeline}. */
export interface ExtensionTimelineProps {
  /** ARM systemData: when the extension was created and last changed. */
  createdAt?: string;
  lastModifiedAt?: string;
  /** States the portal saw, in order (Creating → Succeeded, Deleting → Deleted, ...), kept across reloads. */
  transitions: ReadonlyArray<ObservedTransition>;
}

/**
 * Date and time to the second in the reader's language ("11/3/2025, 9:12:44 AM",
 * "03/11/2025, 09:12:44"): toLocaleString's fields, all `numeric` (`2-digit` minutes would make
 * Portuguese drop the hour's zero).
 */
const TIMELINE_TIME: DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

/**
 * The provisioning timeline as far as anyone can know it: ARM keeps only the creation and last
 * modification times, so the states in between are the ones the portal observed (its store keeps
 * them, lib/store/provisioning-history.ts, so a reload or another viewer sees the same).
 */
export function ExtensionTimeline({ createdAt, lastModifiedAt, transitions }: ExtensionTimelineProps) {
  const styles = useStyles();
  const t = useTranslations('status.timeline');
  const format = useFormatter();
  const time = (iso: string) => format.dateTime(new Date(iso), TIMELINE_TIME);
  return (
    <ol className={styles.list} aria-label={t('label')}>
      {createdAt ? (
        <li className={styles.item}>
          <Text>{t('created')}</Text>
          <Caption1>{time(createdAt)}</Caption1>
        </li>
      ) : null}
      {lastModifiedAt && lastModifiedAt !== createdAt ? (
        <li className={styles.item}>
          <Text>{t('lastModified')}</Text>
          <Caption1>{time(lastModifiedAt)}</Caption1>
        </li>
      ) : null}
      {transitions.map((transition, index) => (
        <li key={`${transition.state}-${index}`} className={styles.item}>
          <StatusBadge state={transition.state} size="small" />
          <Caption1>{t('seen', { time: time(transition.at) })}</Caption1>
        </li>
      ))}
    </ol>
  );
}
