/** The DNS check with an injected resolver: this machine reaches no DNS server (loopback only). */
import { describe, expect, it } from 'vitest';

import { createDnsChecker, DNS_CACHE_TTL_MS, type DnsResolver } from './dns-check';

type Answers = Record<string, string[] | string>;

/** A resolver answering from tables: an array is the answer, a string the error code thrown. */
function fakeResolver(tables: { a?: Answers; aaaa?: Answers; cname?: Answers }, calls: string[] = []): DnsResolver {
  const answer = (type: string, table: Answers | undefined, name: string) => {
    calls.push(`${type} ${name}`);
    const value = table?.[name] ?? 'ENOTFOUND';
    return typeof value === 'string' ? Promise.reject(Object.assign(new Error(`query${type} ${value} ${name}`), { code: value })) : Promise.resolve(value);
  };
  return {
    resolve4: (name) => answer('A', tables.a, name),
    resolve6: (name) => answer('AAAA', tables.aaaa, name),
    resolveCname: (name) => answer('CNAME', tables.cname, name),
  };
}

const A_RECORD = { name: 'ml.contoso.example', type: 'A', value: '20.61.7.9' } as const;

describe('checkDns', () => {
  it('matches when the name resolves to the address (one of several, any case, a trailing dot)', async () => {
    const check = createDnsChecker({ resolver: fakeResolver({ a: { 'ml.contoso.example': ['20.1.1.1', '20.61.7.9'] } }) });
    expect(await check(A_RECORD)).toEqual({ state: 'matches', addresses: ['20.1.1.1', '20.61.7.9'] });
    expect(await check({ ...A_RECORD, name: 'ML.Contoso.Example.' })).toMatchObject({ state: 'matches' });
  });

  it('points elsewhere when the name resolves to other addresses, and says which', async () => {
    const check = createDnsChecker({ resolver: fakeResolver({ a: { 'ml.contoso.example': ['52.9.9.9'] } }) });
    expect(await check(A_RECORD)).toEqual({ state: 'points-elsewhere', addresses: ['52.9.9.9'] });
  });

  it('is not-found only when DNS says the name or record does not exist (NXDOMAIN, NODATA)', async () => {
    expect(await createDnsChecker({ resolver: fakeResolver({ a: { 'ml.contoso.example': 'ENOTFOUND' } }) })(A_RECORD)).toEqual({ state: 'not-found' });
    expect(await createDnsChecker({ resolver: fakeResolver({ a: { 'ml.contoso.example': 'ENODATA' } }) })(A_RECORD)).toEqual({ state: 'not-found' });
  });

  it('is not-checkable when the resolver cannot answer: refused, server failure, no server, a timeout', async () => {
    for (const code of ['ECONNREFUSED', 'ESERVFAIL', 'EREFUSED', 'ETIMEOUT', 'ECANCELLED']) {
      const check = createDnsChecker({ resolver: fakeResolver({ a: { 'ml.contoso.example': code } }) });
      expect(await check(A_RECORD), code).toEqual({ state: 'not-checkable' });
    }
    const never: DnsResolver = { resolve4: () => new Promise(() => {}), resolve6: () => new Promise(() => {}), resolveCname: () => new Promise(() => {}) };
    const started = Date.now();
    expect(await createDnsChecker({ resolver: never, timeoutMs: 50 })(A_RECORD)).toEqual({ state: 'not-checkable' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not look up a name that is not a host name, nor an IP', async () => {
    const calls: string[] = [];
    const check = createDnsChecker({ resolver: fakeResolver({}, calls) });
    expect(await check({ ...A_RECORD, name: 'not a name' })).toEqual({ state: 'not-checkable' });
    expect(await check({ ...A_RECORD, name: '20.61.7.9' })).toEqual({ state: 'not-checkable' });
    expect(calls).toEqual([]);
  });

  it('checks an AAAA record with resolve6', async () => {
    const check = createDnsChecker({ resolver: fakeResolver({ aaaa: { 'ml.contoso.example': ['2603:1030::5'] } }) });
    expect(await check({ name: 'ml.contoso.example', type: 'AAAA', value: '2603:1030::5' })).toMatchObject({ state: 'matches' });
  });

  it('a CNAME matches by its target, or by A records reaching the same address', async () => {
    const record = { name: 'ml.contoso.example', type: 'CNAME', value: 'abc.elb.amazonaws.com' } as const;
    const byCname = createDnsChecker({ resolver: fakeResolver({ cname: { 'ml.contoso.example': ['ABC.elb.amazonaws.com'] } }) });
    expect(await byCname(record)).toEqual({ state: 'matches', addresses: ['abc.elb.amazonaws.com'] });
    const elsewhere = createDnsChecker({ resolver: fakeResolver({ cname: { 'ml.contoso.example': ['old.example.net'] } }) });
    expect(await elsewhere(record)).toEqual({ state: 'points-elsewhere', addresses: ['old.example.net'] });
    const byA = createDnsChecker({
      resolver: fakeResolver({ cname: { 'ml.contoso.example': 'ENODATA' }, a: { 'ml.contoso.example': ['3.3.3.3'], 'abc.elb.amazonaws.com': ['3.3.3.3', '4.4.4.4'] } }),
    });
    expect(await byA(record)).toEqual({ state: 'matches', addresses: ['3.3.3.3'] });
    const missing = createDnsChecker({ resolver: fakeResolver({ cname: { 'ml.contoso.example': 'ENOTFOUND' }, a: { 'abc.elb.amazonaws.com': ['3.3.3.3'] } }) });
    expect(await missing(record)).toEqual({ state: 'not-found' });
    // The load balancer's own name not resolving from here: nothing to compare with.
    const unknownTarget = createDnsChecker({ resolver: fakeResolver({ cname: { 'ml.contoso.example': 'ENODATA' }, a: { 'ml.contoso.example': ['3.3.3.3'] } }) });
    expect(await unknownTarget(record)).toEqual({ state: 'not-checkable' });
  });

  it('asks DNS once per name within the cache window, concurrent callers included, then again after it', async () => {
    const calls: string[] = [];
    let clock = 1_000;
    const check = createDnsChecker({ resolver: fakeResolver({ a: { 'ml.contoso.example': ['20.61.7.9'] } }, calls), now: () => clock });
    await Promise.all(Array.from({ length: 20 }, () => check(A_RECORD)));
    clock += DNS_CACHE_TTL_MS - 1;
    expect(await check({ ...A_RECORD, value: '52.9.9.9' })).toMatchObject({ state: 'points-elsewhere' });
    expect(calls).toEqual(['A ml.contoso.example']);
    clock += 1;
    await check(A_RECORD);
    expect(calls).toEqual(['A ml.contoso.example', 'A ml.contoso.example']);
  });

  it('keeps at most maxEntries names', async () => {
    const calls: string[] = [];
    const check = createDnsChecker({ resolver: fakeResolver({}, calls), maxEntries: 2 });
    for (const name of ['a.example', 'b.example', 'c.example', 'a.example']) await check({ ...A_RECORD, name });
    // a.example was dropped to make room for c.example, so it is asked again.
    expect(calls).toEqual(['A a.example', 'A b.example', 'A c.example', 'A a.example']);
  });
});
