/**
 * When the status page polls `GET /api/v1/extensions/status` again, and when it stops. Pure, so
 * the rule is tested without timers or React (STYLE.md: "polling stops by a rule").
 */

/** While something changes (an operation runs, components start): poll fast. */
export const FAST_POLL_MS = 2_000;
/** Settled but not all well (a failing component may recover): poll slowly. */
export const SETTLED_POLL_MS = 10_000;
/** Consecutive failed polls before the page stops and says so. */
export const MAX_CONSECUTIVE_ERRORS = 5;
/** Back-off after a failed poll: doubles from this ... */
export const ERROR_BACKOFF_BASE_MS = 2_000;
/** ... up to this. */
export const ERROR_BACKOFF_MAX_MS = 30_000;
/**
 * An install usually settles within minutes; past this the page says it is taking longer than
 * expected (it keeps polling slowly: ARM may still finish).
 */
export const TAKING_LONG_AFTER_MS = 15 * 60_000;

const IN_PROGRESS = new Set(['creating', 'updating', 'deleting', 'accepted', 'pending', 'running']);
const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

/** What the rule looks at. */
export interface PollInput {
  /** Last provisioning state read, undefined before the first answer. */
  provisioningState?: string;
  components: ReadonlyArray<{ state: string }>;
  componentsAvailable: boolean;
  /** Failed polls in a row (0 after a success). */
  consecutiveErrors: number;
  /** The extension is gone after a delete (the status route answered 404). */
  deleted: boolean;
}

/** Why polling stopped. */
export type StopReason = 'deleted' | 'settled' | 'error-budget';

export type PollDecision = { kind: 'poll'; delayMs: number } | { kind: 'stop'; reason: StopReason };

/** True while ARM reports an operation in progress. */
export function isChanging(provisioningState: string | undefined): boolean {
  return provisioningState !== undefined && IN_PROGRESS.has(provisioningState.toLowerCase());
}

/** True for the states no operation will leave without a new write. */
export function isTerminal(provisioningState: string | undefined): boolean {
  return provisioningState !== undefined && TERMINAL.has(provisioningState.toLowerCase());
}

/**
 * The next step, first rule wins:
 * 1. deleted → stop (nothing left to watch);
 * 2. error budget spent → stop (the page shows the error and a retry button);
 * 3. a failed poll → back off exponentially;
 * 4. Succeeded and every component Ready → stop (healthy and settled);
 * 5. Failed/Canceled, or terminal with components unreadable → stop: nothing changes until the
 *    user acts, and acting restarts polling;
 * 6. an operation runs or a component is still Progressing → fast;
 * 7. otherwise (a Failed or Missing component under a Succeeded install) → slow.
 */
export function nextPoll(input: PollInput): PollDecision {
  if (input.deleted) return { kind: 'stop', reason: 'deleted' };
  if (input.consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) return { kind: 'stop', reason: 'error-budget' };
  if (input.consecutiveErrors > 0) {
    return { kind: 'poll', delayMs: Math.min(ERROR_BACKOFF_BASE_MS * 2 ** (input.consecutiveErrors - 1), ERROR_BACKOFF_MAX_MS) };
  }
  const state = input.provisioningState?.toLowerCase();
  const allReady = input.components.length > 0 && input.components.every((c) => c.state === 'Ready');
  if (state === 'succeeded' && input.componentsAvailable && allReady) return { kind: 'stop', reason: 'settled' };
  if (state === 'failed' || state === 'canceled') return { kind: 'stop', reason: 'settled' };
  if (isTerminal(state) && !input.componentsAvailable) return { kind: 'stop', reason: 'settled' };
  if (state === undefined || isChanging(state) || input.components.some((c) => c.state === 'Progressing')) {
    return { kind: 'poll', delayMs: FAST_POLL_MS };
  }
  return { kind: 'poll', delayMs: SETTLED_POLL_MS };
}

/** True when a change the page has been watching since `since` has run past the bound. */
export function isTakingLong(since: number | undefined, now: number): boolean {
  return since !== undefined && now - since > TAKING_LONG_AFTER_MS;
}
