'use client';

import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';

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
  /** States this page saw, in order (Creating → Succeeded, Deleting → Deleted, ...). */
  transitions: ReadonlyArray<ObservedTransition>;
}

const time = (iso: string) => new Date(iso).toLocaleString();

/**
 * The provisioning timeline as far as anyone can know it: ARM keeps only the creation and last
 * modification times, so the states in between are the ones this page observed while open.
 */
export function ExtensionTimeline({ createdAt, lastModifiedAt, transitions }: ExtensionTimelineProps) {
  const styles = useStyles();
  return (
    <ol className={styles.list} aria-label="Provisioning timeline">
      {createdAt ? (
        <li className={styles.item}>
          <Text>Created</Text>
          <Caption1>{time(createdAt)}</Caption1>
        </li>
      ) : null}
      {lastModifiedAt && lastModifiedAt !== createdAt ? (
        <li className={styles.item}>
          <Text>Last modified</Text>
          <Caption1>{time(lastModifiedAt)}</Caption1>
        </li>
      ) : null}
      {transitions.map((transition, index) => (
        <li key={`${transition.state}-${index}`} className={styles.item}>
          <StatusBadge state={transition.state} size="small" />
          <Caption1>{`seen ${time(transition.at)}`}</Caption1>
        </li>
      ))}
    </ol>
  );
}
