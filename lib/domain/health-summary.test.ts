import { describe, expect, it } from 'vitest';

import type { ComponentState } from './component-health';
import { summarizeHealth } from './health-summary';

const rows = (...states: Array<[string, ComponentState, string?]>) => states.map(([name, state, reason]) => ({ name, state, reason }));

describe('summarizeHealth', () => {
  it('is healthy with every component Ready under Succeeded, with the counts', () => {
    const s = summarizeHealth({ provisioningState: 'Succeeded', componentsAvailable: true, components: rows(['a', 'Ready'], ['b', 'Ready']) });
    expect(s).toMatchObject({ level: 'healthy', ready: 2, total: 2, problems: [] });
  });

  it('is degraded when a component crash-loops after a successful install, naming it with the cluster reason', () => {
    const s = summarizeHealth({
      provisioningState: 'Succeeded',
      componentsAvailable: true,
      components: rows(['a', 'Ready'], ['b', 'Progressing', '0 of 1 ready'], ['gateway', 'Failed', 'CrashLoopBackOff: back-off 5m0s restarting failed container']),
    });
    expect(s.level).toBe('degraded');
    expect(s.ready).toBe(1);
    // Failed first, then the rest in the table's order; the portal's own sentence is not a code.
    expect(s.problems).toEqual([
      { name: 'gateway', state: 'Failed', reasonCode: 'CrashLoopBackOff' },
      { name: 'b', state: 'Progressing' },
    ]);
  });

  it('is degraded for a Missing component', () => {
    expect(summarizeHealth({ provisioningState: 'Succeeded', componentsAvailable: true, components: rows(['a', 'Missing']) }).level).toBe('degraded');
  });

  it('is progressing while components start or an operation runs', () => {
    expect(summarizeHealth({ provisioningState: 'Succeeded', componentsAvailable: true, components: rows(['a', 'Progressing']) }).level).toBe('progressing');
    expect(summarizeHealth({ provisioningState: 'Updating', componentsAvailable: true, components: rows(['a', 'Failed']) }).level).toBe('progressing');
  });

  it('is failed when provisioning failed, and degraded when it was canceled', () => {
    expect(summarizeHealth({ provisioningState: 'Failed', componentsAvailable: true, components: [] }).level).toBe('failed');
    expect(summarizeHealth({ provisioningState: 'Canceled', componentsAvailable: true, components: rows(['a', 'Missing']) }).level).toBe('degraded');
  });

  it('is unknown when components cannot be read or ARM reports a state nobody listed', () => {
    expect(summarizeHealth({ provisioningState: 'Succeeded', componentsAvailable: false, components: [] }).level).toBe('unknown');
    expect(summarizeHealth({ provisioningState: 'Reticulating', componentsAvailable: true, components: rows(['a', 'Ready']) }).level).toBe('unknown');
    expect(summarizeHealth({ provisioningState: 'Succeeded', componentsAvailable: true, components: [] }).level).toBe('unknown');
  });
});
