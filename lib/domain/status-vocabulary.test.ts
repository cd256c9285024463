import { describe, expect, it } from 'vitest';

import { MESSAGES } from '@/lib/i18n/messages';

import { isInProgress, isSettled, KNOWN_STATUSES, knownStatus, statusClassOf, statusColourOf } from './status-vocabulary';

describe('status vocabulary', () => {
  it('classifies every ARM provisioning state of an extension, in any case', () => {
    expect(['Creating', 'Updating', 'Deleting', 'Accepted', 'InProgress', 'Running'].map(statusClassOf)).toEqual(Array(6).fill('in-progress'));
    expect(statusClassOf('SUCCEEDED')).toBe('healthy');
    expect(statusClassOf('failed')).toBe('failed');
    expect(statusClassOf('Canceled')).toBe('terminal');
  });

  it('treats a state nobody listed as unknown: neither in progress nor settled, shown informative', () => {
    expect(statusClassOf('Reticulating')).toBe('unknown');
    expect(isInProgress('Reticulating')).toBe(false);
    expect(isSettled('Reticulating')).toBe(false);
    expect(isSettled(undefined)).toBe(false);
    expect(statusColourOf('Reticulating')).toBe('informative');
    expect(knownStatus('Reticulating')).toBeUndefined();
  });

  it('settles Canceled like Failed and Succeeded: nothing running will change it', () => {
    expect(['Succeeded', 'Failed', 'Canceled'].every(isSettled)).toBe(true);
    expect(isSettled('Updating')).toBe(false);
  });

  it('gives pending a colour (it had none) and running the colour of work in progress', () => {
    expect(statusColourOf('pending')).toBe('brand');
    expect(statusColourOf('Running')).toBe('brand');
  });

  it('does not take inherited object keys for states', () => {
    expect(knownStatus('constructor')).toBeUndefined();
    expect(statusClassOf('__proto__')).toBe('unknown');
  });

  it('has words for every known state in the status messages', () => {
    const states = MESSAGES.en.status.states as Record<string, string>;
    for (const key of KNOWN_STATUSES) expect(states[key], key).toBeTruthy();
  });
});
