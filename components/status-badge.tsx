'use client';

import { Badge, makeStyles, type BadgeProps } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import { knownStatus, statusColourOf } from '@/lib/domain/status-vocabulary';

/**
 * Where a state badge sits, for every badge of a state (this one and the health summary's): Fluent's
 * Badge is inline-flex on the text baseline, so in a line box (a toolbar's status region, a cell
 * beside a link) it sat a few pixels lower than its neighbours, and lower still where its words
 * wrapped. Centred on the line, never shrunk or wrapped by a flex row, every badge lines up.
 */
export const useBadgePlacement = makeStyles({
  badge: { verticalAlign: 'middle', alignSelf: 'center', flexShrink: 0, whiteSpace: 'nowrap' },
});

/**
 * The one badge for every state the portal shows: ARM provisioning states, Arc connectivity,
 * provider registration, component health and audit outcomes. Its colour and words come from the
 * one status vocabulary (lib/domain/status-vocabulary.ts); known states are written in the
 * reader's language (`status.states`), others as reported.
 */
export function StatusBadge({ state, size = 'medium' }: { state: string | undefined; size?: BadgeProps['size'] }) {
  const t = useTranslations('status.states');
  const reported = state && state.length > 0 ? state : 'Unknown';
  const key = knownStatus(reported);
  const placement = useBadgePlacement();
  return (
    <Badge className={placement.badge} appearance="tint" color={statusColourOf(reported)} size={size} shape="rounded">
      {key ? t(key) : reported}
    </Badge>
  );
}
