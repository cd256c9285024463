'use client';

import { Badge, type BadgeProps } from '@fluentui/react-components';

/**
 * The one badge for every state the portal shows: ARM provisioning states, Arc connectivity and,
 * later, component health. No other place colours a state.
 *
 * | state (any case)                          | colour    | why                                  |
 * |-------------------------------------------|-----------|--------------------------------------|
 * | Succeeded, Registered, Connected, Ready   | success   | settled and healthy                  |
 * | Creating, Updating, Deleting, Registering,| brand     | work in progress: keep watching      |
 * |   Accepted, InProgress, Progressing       |           |                                      |
 * | Failed, Canceled, Expired, Missing        | danger    | needs someone to act                 |
 * | Offline, NotRegistered, Stopped           | warning   | blocks a deploy, but not a fault     |
 * | anything else                             | informative | shown as reported                  |
 */
export function StatusBadge({ state, size = 'medium' }: { state: string | undefined; size?: BadgeProps['size'] }) {
  const label = state && state.length > 0 ? state : 'Unknown';
  return (
    <Badge appearance="tint" color={colourOf(label)} size={size} shape="rounded">
      {label}
    </Badge>
  );
}

const COLOURS: Record<string, BadgeProps['color']> = {
  succeeded: 'success',
  registered: 'success',
  connected: 'success',
  ready: 'success',
  running: 'success',
  creating: 'brand',
  updating: 'brand',
  deleting: 'brand',
  registering: 'brand',
  accepted: 'brand',
  inprogress: 'brand',
  progressing: 'brand',
  failed: 'danger',
  canceled: 'danger',
  expired: 'danger',
  missing: 'danger',
  offline: 'warning',
  notregistered: 'warning',
  stopped: 'warning',
};

function colourOf(state: string): BadgeProps['color'] {
  return COLOURS[state.toLowerCase()] ?? 'informative';
}
