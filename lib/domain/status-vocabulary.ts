/**
 * The one status vocabulary of the portal: every state a page shows (ARM provisioning states,
 * component health, provider registration, Arc connectivity, audit outcomes), each classified
 * ONCE, with its badge colour and the key of its words (`status.states.<key>`). Polling
 * (lib/ui/extension-polling.ts), the badge (components/status-badge.tsx), component health
 * (component-health.ts), the health summary and the audit trail's reconciler read it; none keeps a
 * table of its own. Pure, so it runs in the browser too.
 *
 * Modelled on Headlamp's PhaseLabel: one mapping from a reported phase to what it means, instead
 * of a `switch` in every view. A state nobody listed (ARM may add one) is `unknown`: shown as
 * reported, neither in progress nor settled, and watched at the settled pace.
 */

/**
 * What a state means for the person watching:
 * - `in-progress`: work is running; it will change by itself (watch closely);
 * - `healthy`: settled and well;
 * - `degraded`: settled, not a fault of the extension, but something blocks or is unknown
 *   (Offline, NotRegistered, an audit row nobody could verify);
 * - `failed`: settled and broken: someone must act;
 * - `terminal`: an operation ended without a result to act on (Canceled, Deleted);
 * - `unknown`: a state this table does not know.
 */
export type StatusClass = 'in-progress' | 'healthy' | 'degraded' | 'failed' | 'terminal' | 'unknown';

/** Fluent UI Badge colours (a subset): the domain names the colour, the badge applies it. */
export type StatusColour = 'brand' | 'success' | 'warning' | 'danger' | 'informative';

/** The lower-case keys with words in every language (`status.states`). */
export type KnownStatus =
  | 'succeeded' | 'failed' | 'canceled' | 'creating' | 'updating' | 'deleting' | 'deleted' | 'accepted'
  | 'inprogress' | 'running' | 'pending' | 'registered' | 'registering' | 'notregistered' | 'unregistered'
  | 'unregistering' | 'connected' | 'connecting' | 'offline' | 'expired' | 'ready' | 'progressing'
  | 'missing' | 'refused' | 'stopped' | 'unknown' | 'not-found' | 'unverified';

interface StatusMeaning {
  class: StatusClass;
  colour: StatusColour;
}

const IN_PROGRESS: StatusMeaning = { class: 'in-progress', colour: 'brand' };
const HEALTHY: StatusMeaning = { class: 'healthy', colour: 'success' };
const DEGRADED: StatusMeaning = { class: 'degraded', colour: 'warning' };
const FAILED: StatusMeaning = { class: 'failed', colour: 'danger' };

/**
 * Every known state, once. Sources: ARM `provisioningState` of extensions (Succeeded, Failed,
 * Canceled, Creating, Updating, Deleting) and of long-running operations (Accepted, InProgress,
 * Running); provider `registrationState`; Arc `connectivityStatus`; component health
 * (component-health.ts); audit outcomes (lib/audit/types.ts).
 */
const VOCABULARY: Readonly<Record<KnownStatus, StatusMeaning>> = {
  // ARM provisioning and operation states.
  creating: IN_PROGRESS,
  updating: IN_PROGRESS,
  deleting: IN_PROGRESS,
  accepted: IN_PROGRESS,
  inprogress: IN_PROGRESS,
  running: IN_PROGRESS,
  succeeded: HEALTHY,
  failed: FAILED,
  // The operation was stopped: nothing will finish it, but nothing is broken by it either.
  canceled: { class: 'terminal', colour: 'warning' },
  deleted: { class: 'terminal', colour: 'informative' },
  // Provider registration.
  registering: IN_PROGRESS,
  unregistering: IN_PROGRESS,
  registered: HEALTHY,
  notregistered: DEGRADED,
  unregistered: DEGRADED,
  // Arc connectivity.
  connecting: IN_PROGRESS,
  connected: HEALTHY,
  offline: DEGRADED,
  expired: FAILED,
  // Component health.
  progressing: IN_PROGRESS,
  ready: HEALTHY,
  missing: FAILED,
  stopped: DEGRADED,
  // Audit outcomes.
  pending: IN_PROGRESS,
  refused: FAILED,
  'not-found': DEGRADED,
  unverified: DEGRADED,
  unknown: { class: 'unknown', colour: 'informative' },
};

const UNKNOWN = VOCABULARY.unknown;

/** The vocabulary key of a reported state (any case), or undefined when it is not known. */
export function knownStatus(state: string | undefined): KnownStatus | undefined {
  const key = (state ?? '').trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(VOCABULARY, key) ? (key as KnownStatus) : undefined;
}

/** How a reported state is classified; unknown strings (and undefined) are `unknown`. */
export function statusClassOf(state: string | undefined): StatusClass {
  const key = knownStatus(state);
  return (key ? VOCABULARY[key] : UNKNOWN).class;
}

/** The badge colour of a reported state. */
export function statusColourOf(state: string | undefined): StatusColour {
  const key = knownStatus(state);
  return (key ? VOCABULARY[key] : UNKNOWN).colour;
}

/** True while work runs that will change the state by itself. */
export function isInProgress(state: string | undefined): boolean {
  return statusClassOf(state) === 'in-progress';
}

/**
 * True when no running operation will change the state: healthy, failed, degraded or terminal.
 * Unknown states are not settled (nobody knows), and undefined (not read yet) is not either.
 */
export function isSettled(state: string | undefined): boolean {
  const cls = statusClassOf(state);
  return cls !== 'in-progress' && cls !== 'unknown';
}

/** Every known key, for tests and the message-file check. */
export const KNOWN_STATUSES: readonly KnownStatus[] = Object.keys(VOCABULARY) as KnownStatus[];
