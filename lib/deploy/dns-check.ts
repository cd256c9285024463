import 'server-only';

import { Resolver } from 'node:dns/promises';

import { ipVersionOf, type DnsCheck, type DnsRecord } from '@/lib/domain/inference-endpoint';

/**
 * Does `sslCname` already point at the router? Asked of the portal's own resolver, so the answer
 * is what the portal's network sees: a name in a private zone, a resolver that does not answer in
 * time, a refused query are all `not-checkable`, never "wrong". Only a definite answer from DNS
 * that the record does not exist (NXDOMAIN: no such name; NODATA: the name has no record of that
 * type) is `not-found`. Lookups are short, cached per name and coalesced, so a status page polled
 * by many viewers asks DNS at most once per name per {@link DNS_CACHE_TTL_MS}.
 */

/** A lookup that has not answered by then is `not-checkable`: the status read must not wait on DNS. */
export const DNS_TIMEOUT_MS = 2_000;
/** How long one lookup's answer is reused, per name and record type. */
export const DNS_CACHE_TTL_MS = 60_000;
/** Names remembered at most (oldest dropped first): the cache must not grow with traffic. */
export const DNS_CACHE_MAX_ENTRIES = 1_000;

/** The part of `node:dns/promises`' Resolver the check uses (tests inject their own). */
export interface DnsResolver {
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  resolveCname(name: string): Promise<string[]>;
}

/** The record types the check asks for. */
type LookupType = 'A' | 'AAAA' | 'CNAME';
/** One lookup's outcome: the answer, DNS saying there is none, or no usable answer. */
type Lookup = { kind: 'answer'; values: string[] } | { kind: 'absent' } | { kind: 'unknown' };

/** c-ares' codes for "the name does not exist" and "no record of that type". */
const ABSENT_CODES = new Set(['ENOTFOUND', 'ENODATA']);
/** Host names as DNS allows them: dot-separated labels of letters, digits and hyphens, 253 chars at most. */
const HOST_NAME = /^(?=.{1,253}\.?$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/i;

const normalise = (name: string) => name.trim().replace(/\.$/, '').toLowerCase();

export interface DnsCheckerOptions {
  resolver?: DnsResolver;
  timeoutMs?: number;
  ttlMs?: number;
  maxEntries?: number;
  /** Clock for the cache (tests). */
  now?: () => number;
}

/** A DNS check with its own resolver and cache. The portal uses {@link checkDns}; tests make their own. */
export function createDnsChecker(options: DnsCheckerOptions = {}): (record: DnsRecord) => Promise<DnsCheck> {
  const timeoutMs = options.timeoutMs ?? DNS_TIMEOUT_MS;
  const ttlMs = options.ttlMs ?? DNS_CACHE_TTL_MS;
  const maxEntries = options.maxEntries ?? DNS_CACHE_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  // One try, the same budget as the race below: c-ares would otherwise retry for ~20 s.
  const resolver: DnsResolver = options.resolver ?? new Resolver({ timeout: timeoutMs, tries: 1 });
  const cache = new Map<string, { at: number; lookup: Promise<Lookup> }>();

  async function ask(type: LookupType, name: string): Promise<Lookup> {
    const query = type === 'A' ? resolver.resolve4(name) : type === 'AAAA' ? resolver.resolve6(name) : resolver.resolveCname(name);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Lookup>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'unknown' }), timeoutMs);
      timer.unref?.();
    });
    const answer = query.then(
      (values): Lookup => ({ kind: 'answer', values: values.map(normalise) }),
      (err: unknown): Lookup => (ABSENT_CODES.has(String((err as { code?: unknown })?.code)) ? { kind: 'absent' } : { kind: 'unknown' }),
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A cached (or in-flight) lookup per type and name: concurrent viewers share one query. */
  function lookup(type: LookupType, name: string): Promise<Lookup> {
    const key = `${type} ${name}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.lookup;
    cache.delete(key);
    while (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    const entry = { at: now(), lookup: ask(type, name) };
    cache.set(key, entry);
    return entry.lookup;
  }

  return async function check(record: DnsRecord): Promise<DnsCheck> {
    const name = normalise(record.name);
    const expected = normalise(record.value);
    if (!HOST_NAME.test(name) || ipVersionOf(name) !== null) return { state: 'not-checkable' };
    if (record.type === 'CNAME') {
      const cname = await lookup('CNAME', name);
      if (cname.kind === 'answer') return { state: cname.values.includes(expected) ? 'matches' : 'points-elsewhere', addresses: cname.values };
      if (cname.kind === 'unknown') return { state: 'not-checkable' };
      // No CNAME: the name may still reach the load balancer through A records of its own.
      const [own, target] = await Promise.all([lookup('A', name), lookup('A', expected)]);
      if (own.kind === 'absent') return { state: 'not-found' };
      if (own.kind === 'unknown' || target.kind !== 'answer') return { state: 'not-checkable' };
      return { state: own.values.some((ip) => target.values.includes(ip)) ? 'matches' : 'points-elsewhere', addresses: own.values };
    }
    const answer = await lookup(record.type, name);
    if (answer.kind === 'absent') return { state: 'not-found' };
    if (answer.kind === 'unknown') return { state: 'not-checkable' };
    return { state: answer.values.includes(expected) ? 'matches' : 'points-elsewhere', addresses: answer.values };
  };
}

/**
 * The portal's DNS check of the record inferenceEndpointOf asks for (`endpoint.dnsRecord`):
 * `{ state, addresses? }`, never throws.
 */
export const checkDns: (record: DnsRecord) => Promise<DnsCheck> = createDnsChecker();
