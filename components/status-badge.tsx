'use client';

import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import type { Messages } from '@/lib/i18n/messages';

/**
 * The one badge for every state the portal shows: ARM provisioning states, Arc connectivity and,
 * later, component health. No other place colours a state.
 *
 * | state (any case)                          | colour    | why                                  |
 * |-------------------------------------------|-----------|--------------------------------------|
 * | Succeeded, Registered, Connected, Ready   | success   | settled and healthy                  |
 * | Creating, Updating, Deleting, Registering,| brand     | work in progress: keep watching      |
 * |   Accepted, InProgress, Progressing       |           |                                      |
 * | Failed, Canceled, Expired, Missing,       | danger    | needs someone to act                 |
 * |   Refused (an audited write turned down)  |           |                                      |
 * | Not-found (audit: gone from Azure)        | warning   | nobody knows what became of it       |
 * | Offline, NotRegistered, Stopped           | warning   | blocks a deploy, but not a fault     |
 * | anything else                             | informative | shown as reported                  |
 *
 * Known states are written in the reader's language (`status.states`); others as reported.
 */
export function StatusBadge({ state, size = 'medium' }: { state: string | undefined; size?: BadgeProps['size'] }) {
  const t = useTranslations('status.states');
  const reported = state && state.length > 0 ? state : 'Unknown';
  const key = reported.toLowerCase();
  const label = isKnownState(key) ? t(key) : reported;
  return (
    <Badge appearance="tint" color={colourOf(reported)} size={size} shape="rounded">
      {label}
    </Badge>
  );
}

type KnownState = keyof Messages['status']['states'];

/** The states with a label in every language (ARM, Arc, provider registration, component health). */
const KNOWN_STATES: ReadonlySet<string> = new Set<KnownState>([
  'succeeded', 'failed', 'canceled', 'creating', 'updating', 'deleting', 'deleted', 'accepted', 'inprogress', 'running',
  'pending', 'registered', 'registering', 'notregistered', 'unregistered', 'unregistering', 'connected', 'connecting',
  'offline', 'expired', 'ready', 'progressing', 'missing', 'refused', 'stopped', 'unknown',
  // Audit outcomes the reconciler sets (lib/audit/reconciler.ts).
  'not-found', 'unverified',
]);

function isKnownState(key: string): key is KnownState {
  return KNOWN_STATES.has(key);
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
  refused: 'danger',
  'not-found': 'warning',
  offline: 'warning',
  notregistered: 'warning',
  stopped: 'warning',
};

function colourOf(state: string): BadgeProps['color'] {
  return COLOURS[state.toLowerCase()] ?? 'informative';
}
