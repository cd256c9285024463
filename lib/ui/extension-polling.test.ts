import { describe, expect, it } from 'vitest';

import {
  ERROR_BACKOFF_BASE_MS,
  ERROR_BACKOFF_MAX_MS,
  FAST_POLL_MS,
  isTakingLong,
  MAX_CONSECUTIVE_ERRORS,
  nextPoll,
  SETTLED_POLL_MS,
  TAKING_LONG_AFTER_MS,
  type PollInput,
} from './extension-polling';
import { SETTLED_INTERVAL_MS, SETTLED_READ_WINDOW_MS } from '@/lib/domain/watch-cadence';

const ready = [{ state: 'Ready' }, { state: 'Ready' }];
const base: PollInput = { provisioningState: 'Succeeded', components: ready, consecutiveErrors: 0, deleted: false, hidden: false };

describe('nextPoll', () => {
  it('keeps watching a healthy, settled extension at the settled cadence: it never stops by itself', () => {
    expect(nextPoll(base)).toEqual({ kind: 'poll', delayMs: SETTLED_POLL_MS });
    // A poll plus the server's read window keep the promise: a change shows within one interval.
    expect(SETTLED_POLL_MS + SETTLED_READ_WINDOW_MS).toBeLessThanOrEqual(SETTLED_INTERVAL_MS);
  });

  it('polls fast while an operation runs, a component is still starting, or nothing was read', () => {
    for (const provisioningState of ['Creating', 'Updating', 'Deleting', 'Accepted']) {
      expect(nextPoll({ ...base, provisioningState })).toEqual({ kind: 'poll', delayMs: FAST_POLL_MS });
    }
    expect(nextPoll({ ...base, components: [{ state: 'Ready' }, { state: 'Progressing' }] })).toEqual({ kind: 'poll', delayMs: FAST_POLL_MS });
    expect(nextPoll({ ...base, provisioningState: undefined, components: [] })).toEqual({ kind: 'poll', delayMs: FAST_POLL_MS });
  });

  it('keeps watching Failed and Canceled installs and unreadable components at the settled cadence', () => {
    expect(nextPoll({ ...base, components: [{ state: 'Ready' }, { state: 'Failed' }] })).toEqual({ kind: 'poll', delayMs: SETTLED_POLL_MS });
    expect(nextPoll({ ...base, provisioningState: 'Failed', components: [{ state: 'Missing' }] })).toEqual({ kind: 'poll', delayMs: SETTLED_POLL_MS });
    expect(nextPoll({ ...base, provisioningState: 'Canceled', components: [] })).toEqual({ kind: 'poll', delayMs: SETTLED_POLL_MS });
    expect(nextPoll({ ...base, provisioningState: 'SomethingNew', components: [] })).toEqual({ kind: 'poll', delayMs: SETTLED_POLL_MS });
  });

  it('reads nothing while the tab is hidden, whatever is changing', () => {
    expect(nextPoll({ ...base, hidden: true })).toEqual({ kind: 'stop', reason: 'hidden' });
    expect(nextPoll({ ...base, provisioningState: 'Creating', hidden: true })).toEqual({ kind: 'stop', reason: 'hidden' });
  });

  it('backs off exponentially after errors, capped, and stops when the budget is spent', () => {
    expect(nextPoll({ ...base, provisioningState: 'Creating', consecutiveErrors: 1 })).toEqual({ kind: 'poll', delayMs: ERROR_BACKOFF_BASE_MS });
    expect(nextPoll({ ...base, provisioningState: 'Creating', consecutiveErrors: 2 })).toEqual({ kind: 'poll', delayMs: ERROR_BACKOFF_BASE_MS * 2 });
    expect(nextPoll({ ...base, consecutiveErrors: MAX_CONSECUTIVE_ERRORS - 1 }).kind).toBe('poll');
    const capped = nextPoll({ ...base, consecutiveErrors: MAX_CONSECUTIVE_ERRORS - 1 });
    expect(capped.kind === 'poll' && capped.delayMs <= ERROR_BACKOFF_MAX_MS).toBe(true);
    expect(nextPoll({ ...base, consecutiveErrors: MAX_CONSECUTIVE_ERRORS })).toEqual({ kind: 'stop', reason: 'error-budget' });
  });

  it('stops once the extension is deleted, whatever else it last saw', () => {
    expect(nextPoll({ ...base, provisioningState: 'Deleting', deleted: true })).toEqual({ kind: 'stop', reason: 'deleted' });
  });
});

describe('isTakingLong', () => {
  it('is true only past the bound', () => {
    expect(isTakingLong(undefined, 1e12)).toBe(false);
    expect(isTakingLong(0, TAKING_LONG_AFTER_MS)).toBe(false);
    expect(isTakingLong(0, TAKING_LONG_AFTER_MS + 1)).toBe(true);
  });
});
