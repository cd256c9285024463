/**
 * `memory`: the portal server's resident memory before and after rounds of distinct status
 * pollers (issue 13, item 8). Distinct callers (one bearer token each) defeat coalescing, so
 * every per-caller cache and every emulator store (one runCommand result per component read)
 * fills as it would with that many users; the figure shows whether they are bounded.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { FAST_POLL_MS } from '@/lib/ui/extension-polling';

import { WATCHED_EXTENSION_ID } from './measure';
import { sleep, type BenchServer } from './server';

/**
 * Wait after a round before reading RSS: longer than the emulator's read-result grace and the
 * portal's coalescing windows (6 s), so what is left is what is kept, not what is in flight.
 */
const SETTLE_MS = 15_000;

/** RSS in MB of the largest process in process group `pgid` (the standalone server.js). Linux /proc. */
export function groupRssMb(pgid: number): number {
  let largestKb = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces), from ")": state, ppid, pgrp.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== pgid) continue;
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
      largestKb = Math.max(largestKb, kb);
    } catch {
      // the process ended while we looked
    }
  }
  return Math.round(largestKb / 1024);
}

/** What `memory` reports. */
export interface MemoryResult {
  pollers: number;
  seconds: number;
  startMb: number;
  afterFirstRoundMb: number;
  afterSecondRoundMb: number;
  requests: number;
  errors: number;
}

async function round(baseUrl: string, pollers: number, seconds: number, tag: string): Promise<{ requests: number; errors: number }> {
  const end = Date.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const poller = async (_: unknown, index: number) => {
    // One caller per poller: an opaque sandbox token of its own (the emulator gives it full rights).
    const headers = { authorization: `Bearer sandbox-${tag}-poller-${index}` };
    await sleep(Math.random() * FAST_POLL_MS);
    for (let next = Date.now(); next < end; next += FAST_POLL_MS) {
      await sleep(Math.max(0, next - Date.now()));
      requests += 1;
      try {
        const response = await fetch(`${baseUrl}/api/v1/extensions/status?id=${encodeURIComponent(WATCHED_EXTENSION_ID)}`, { headers });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: pollers }, poller));
  return { requests, errors };
}

/** RSS at rest, after `pollers` distinct callers polled for `seconds`, and after a second such round. */
export async function measureMemory(server: BenchServer, pollers: number, seconds: number): Promise<MemoryResult> {
  await sleep(SETTLE_MS);
  const startMb = groupRssMb(server.pgid);
  // New callers in the second round too: a bound that only holds for callers seen before is no bound.
  const first = await round(server.baseUrl, pollers, seconds, 'a');
  await sleep(SETTLE_MS);
  const afterFirstRoundMb = groupRssMb(server.pgid);
  const second = await round(server.baseUrl, pollers, seconds, 'b');
  await sleep(SETTLE_MS);
  const afterSecondRoundMb = groupRssMb(server.pgid);
  return {
    pollers,
    seconds,
    startMb,
    afterFirstRoundMb,
    afterSecondRoundMb,
    requests: first.requests + second.requests,
    errors: first.errors + second.errors,
  };
}
