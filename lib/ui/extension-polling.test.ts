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

const ready = [{ state: 'Ready' }, { state: 'Ready' }];
const base: PollInput = { provisioningState: 'Succeeded', components: ready, componentsAvailable: true, consecutiveErrors: 0, deleted: false };

describe('nextPoll', () => {
  it('stops when Succeeded and every component is Ready', () => {
    expect(nextPoll(base)).toEqual({ kind: 'stop', reason: 'settled' });
  });

  it('polls fast while an operation runs or a component is still starting', () => {
    for (const provisioningState of ['Creating', 'Updating', 'Deleting']) {
      expect(nextPoll({ ...base, provisioningState })).toEqual({ kind: 'poll', delayMs: FAST_POLL_MS });
    }
    expect(nextPoll({ ...base, components: [{ state: 'Ready' }, { state: 'Progressing' }] })).toEqual({ kind: 'poll', delayMs: FAST_POLL_MS });
    expect(nextPoll({ ...base, provisioningState: undefined, components: [] })).toEqual({ kind: 'poll', delayMs: FAST_POLL_MS });
  });

  it('polls slowly when settled but a component is failing (it may recover)', () => {
    expect(nextPoll({ ...base, components: [{ state: 'Ready' }, { state: 'Failed' }] })).toEqual({ kind: 'poll', delayMs: SETTLED_POLL_MS });
  });

  it('stops on a Failed install, and on a terminal state whose components cannot be read', () => {
    expect(nextPoll({ ...base, provisioningState: 'Failed', components: [{ state: 'Missing' }] })).toEqual({ kind: 'stop', reason: 'settled' });
    expect(nextPoll({ ...base, components: [], componentsAvailable: false })).toEqual({ kind: 'stop', reason: 'settled' });
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
