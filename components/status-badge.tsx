'use client';

import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import { knownStatus, statusColourOf } from '@/lib/domain/status-vocabulary';

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
  return (
    <Badge appearance="tint" color={statusColourOf(reported)} size={size} shape="rounded">
      {key ? t(key) : reported}
    </Badge>
  );
}
