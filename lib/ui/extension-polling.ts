/**
 * When the status page polls `GET /api/v1/extensions/status` again. Pure, so the rule is tested
 * without timers or React. Watching never stops by itself while the page is open and visible: a
 * component that starts crash-looping an hour after a healthy install must still be seen. Only a
 * delete, a spent error budget (the page says "not updating" and offers a retry) or a hidden tab
 * (resumed on return) stop it. States are classified by the one status vocabulary.
 */
import { isInProgress } from '@/lib/domain/status-vocabulary';
import { SETTLED_POLL_MS } from '@/lib/domain/watch-cadence';

export { SETTLED_POLL_MS };

/** While something changes (an operation runs, components start): poll fast. */
export const FAST_POLL_MS = 2_000;
// Settled (healthy, failed, or failing and maybe recovering): the slow cadence, SETTLED_POLL_MS,
// is defined with the server's read window in lib/domain/watch-cadence.ts.
/** Consecutive failed polls before the page stops and says so. */
export const MAX_CONSECUTIVE_ERRORS = 5;
/** Back-off after a failed poll: doubles from this ... */
export const ERROR_BACKOFF_BASE_MS = 2_000;
/** ... up to this. */
export const ERROR_BACKOFF_MAX_MS = 30_000;
/**
 * An install usually settles within minutes; past this the page says it is taking longer than
 * expected (it keeps polling: ARM may still finish).
 */
export const TAKING_LONG_AFTER_MS = 15 * 60_000;

/** What the rule looks at. */
export interface PollInput {
  /** Last provisioning state read, undefined before the first answer. */
  provisioningState?: string;
  components: ReadonlyArray<{ state: string }>;
  /** Failed polls in a row (0 after a success). */
  consecutiveErrors: number;
  /** The extension is gone after a delete (the status route answered 404). */
  deleted: boolean;
  /** The tab is hidden (`document.visibilityState`): nobody is looking, so nothing is read. */
  hidden: boolean;
}

/** Why polling is not running: only these, never "it looked settled". */
export type StopReason = 'deleted' | 'error-budget' | 'hidden';

export type PollDecision = { kind: 'poll'; delayMs: number } | { kind: 'stop'; reason: StopReason };

/** True while ARM reports an operation in progress. */
export function isChanging(provisioningState: string | undefined): boolean {
  return isInProgress(provisioningState);
}

/**
 * The next step, first rule wins:
 * 1. deleted → stop (nothing left to watch);
 * 2. error budget spent → stop (the page shows "not updating" and a retry button);
 * 3. hidden → stop until the tab is shown again (the page then reads at once);
 * 4. a failed poll → back off exponentially;
 * 5. nothing read yet, an operation runs or a component is still starting → fast;
 * 6. otherwise → the settled cadence, for as long as the page is open.
 */
export function nextPoll(input: PollInput): PollDecision {
  if (input.deleted) return { kind: 'stop', reason: 'deleted' };
  if (input.consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) return { kind: 'stop', reason: 'error-budget' };
  if (input.hidden) return { kind: 'stop', reason: 'hidden' };
  if (input.consecutiveErrors > 0) {
    return { kind: 'poll', delayMs: Math.min(ERROR_BACKOFF_BASE_MS * 2 ** (input.consecutiveErrors - 1), ERROR_BACKOFF_MAX_MS) };
  }
  const starting = input.components.some((c) => isInProgress(c.state));
  if (input.provisioningState === undefined || isChanging(input.provisioningState) || starting) {
    return { kind: 'poll', delayMs: FAST_POLL_MS };
  }
  return { kind: 'poll', delayMs: SETTLED_POLL_MS };
}

/** True when a change the page has been watching since `since` has run past the bound. */
export function isTakingLong(since: number | undefined, now: number): boolean {
  return since !== undefined && now - since > TAKING_LONG_AFTER_MS;
}
