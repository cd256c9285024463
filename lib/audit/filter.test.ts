import { describe, expect, it } from 'vitest';

import { AUDIT_FILTER_MAX_LENGTH, auditFilterParams, auditTimeWindow, parseAuditFilter } from './filter';

const parse = (query: string) => parseAuditFilter(new URLSearchParams(query));

describe('parseAuditFilter', () => {
  it('reads every filter, trimmed, and ignores empty and other parameters', () => {
    expect(parse('cluster=+aks-a+&subscription=6F1C2A4E-8B3D-4C57-9A2E-1D0B5C7E9F31&user=ada&action=update&outcome=failed&search=E40002&from=2026-11-01&to=2026-11-30&limit=5&q=')).toEqual({
      ok: true,
      filter: {
        cluster: 'aks-a',
        subscription: '6F1C2A4E-8B3D-4C57-9A2E-1D0B5C7E9F31',
        user: 'ada',
        action: 'update',
        outcome: 'failed',
        search: 'E40002',
        from: '2026-11-01',
        to: '2026-11-30',
      },
    });
    expect(parse('cluster=&search=++')).toEqual({ ok: true, filter: {} });
  });

  it('names the problem, and gives back what was typed', () => {
    expect(parse('action=rename&cluster=aks-a')).toEqual({
      ok: false,
      problem: { key: 'oneOf', values: { param: 'action', allowed: 'create, update, delete, register-provider, attach, detach, apply-instance-type, delete-instance-type' } },
      filter: { cluster: 'aks-a', action: 'rename' },
    });
    expect(parse('outcome=ok')).toMatchObject({ ok: false, problem: { key: 'oneOf', values: { param: 'outcome' } } });
    expect(parse('subscription=prod')).toMatchObject({ ok: false, problem: { key: 'subscription' } });
    expect(parse(`search=${'x'.repeat(AUDIT_FILTER_MAX_LENGTH + 1)}`)).toMatchObject({ ok: false, problem: { key: 'tooLong', values: { param: 'search' } } });
    for (const bad of ['2026-13-01', '2026-02-30', 'yesterday', '2026-11-01T10:00', '1700000000']) {
      expect(parse(`from=${bad}`), bad).toMatchObject({ ok: false, problem: { key: 'date', values: { param: 'from' } } });
    }
    expect(parse('from=2026-11-02&to=2026-11-01')).toMatchObject({ ok: false, problem: { key: 'range' } });
  });

  it('takes a one-day range and ISO instants with a zone', () => {
    expect(parse('from=2026-11-02&to=2026-11-02').ok).toBe(true);
    expect(parse('from=2026-11-02T10:00:00-03:00&to=2026-11-02T13:00:00Z').ok).toBe(true);
  });
});

describe('auditTimeWindow', () => {
  it('covers whole UTC days for dates, and an instant up to and including itself', () => {
    expect(auditTimeWindow({ from: '2026-11-02', to: '2026-11-03' })).toEqual({ fromAt: '2026-11-02T00:00:00.000Z', toBefore: '2026-11-04T00:00:00.000Z' });
    expect(auditTimeWindow({ from: '2026-11-02T10:00:00-03:00', to: '2026-11-02T13:00:00Z' })).toEqual({ fromAt: '2026-11-02T13:00:00.000Z', toBefore: '2026-11-02T13:00:00.001Z' });
    expect(auditTimeWindow({})).toEqual({});
  });
});

describe('auditFilterParams', () => {
  it('writes the set filters back in a stable order', () => {
    expect(auditFilterParams({ to: '2026-11-30', cluster: 'aks a', outcome: 'failed', user: ' ' }).toString()).toBe('cluster=aks+a&outcome=failed&to=2026-11-30');
  });
});
