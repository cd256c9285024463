'use client';

import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import type { PortalWrite } from '@/lib/deploy/extension-report';

import { DateTime } from './date-time';
import { StatusBadge } from './status-badge';
import type { ObservedTransition } from './use-extension-status';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/** Props of {@link ExtensionTimeline}. */
export interface ExtensionTimelineProps {
  /** ARM systemData: when the extension was created and last changed. */
  createdAt?: string;
  lastModifiedAt?: string;
  /** States the portal saw, in order (Creating → Succeeded, Deleting → Deleted, ...), kept across reloads. */
  transitions: ReadonlyArray<ObservedTransition>;
  /** The portal's own writes on the extension (its audit trail), oldest first. */
  writes?: ReadonlyArray<PortalWrite>;
}

type Event =
  | { kind: 'created' | 'lastModified'; at: string }
  | { kind: 'seen'; at: string; state: string }
  | { kind: 'write'; at: string; write: PortalWrite };

/**
 * The provisioning timeline as far as anyone can know it, in time order: ARM keeps only the
 * creation and last modification times; the states in between are the ones the portal observed
 * (its store keeps them, lib/store/provisioning-history.ts, so a reload or another viewer sees
 * the same), and the writes are the ones it made (its audit trail).
 */
export function ExtensionTimeline({ createdAt, lastModifiedAt, transitions, writes = [] }: ExtensionTimelineProps) {
  const styles = useStyles();
  const t = useTranslations('status.timeline');
  const events: Event[] = [
    ...(createdAt ? [{ kind: 'created' as const, at: createdAt }] : []),
    ...(lastModifiedAt && lastModifiedAt !== createdAt ? [{ kind: 'lastModified' as const, at: lastModifiedAt }] : []),
    ...transitions.map((transition) => ({ kind: 'seen' as const, at: transition.at, state: transition.state })),
    ...writes.map((write) => ({ kind: 'write' as const, at: write.at, write })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className={styles.list} aria-label={t('label')}>
      {events.map((event, index) => (
        <li key={`${event.kind}-${event.at}-${index}`} className={styles.item}>
          {event.kind === 'seen' ? (
            <>
              <StatusBadge state={event.state} size="small" />
              <Caption1>
                {t('seenAt')} <DateTime value={event.at} />
              </Caption1>
            </>
          ) : event.kind === 'write' ? (
            <>
              <Text>{t('write', { action: event.write.action, actor: event.write.actor })}</Text>
              <StatusBadge state={event.write.outcome} size="small" />
              <Caption1>
                <DateTime value={event.at} />
              </Caption1>
            </>
          ) : (
            <>
              <Text>{t(event.kind)}</Text>
              <Caption1>
                <DateTime value={event.at} />
              </Caption1>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
