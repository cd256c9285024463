/**
 * `memory`: the portal server's resident memory before and after rounds of distinct status
 * pollers (issue 13, item 8). Distinct callers (one bearer token each) defeat coalescing, so
 * every per-caller cache and every emulator store (one runCommand result per component read)
 * fills as it would with that many users; the figure shows whether they are bounded.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { FAST_POLL_MS } from '@/lib/ui/extension-polling';

import { percentile, WATCHED_EXTENSION_ID } from './measure';
import { sleep, type BenchServer } from './server';

/**
 * Wait after a round before reading RSS: longer than the emulator's read-result grace and the
 * portal's coalescing windows (6 s), so what is left is what is kept, not what is in flight.
 */
const SETTLE_MS = 15_000;
/** A full collection of a few hundred MB heap takes well under this. */
const GC_WAIT_MS = 3_000;

/** The largest process in process group `pgid` (the standalone server.js): pid and RSS in MB. Linux /proc. */
export function largestInGroup(pgid: number): { pid: number; rssMb: number } {
  let largestKb = 0;
  let pid = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces), from ")": state, ppid, pgrp.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== pgid) continue;
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
      if (kb > largestKb) [largestKb, pid] = [kb, Number(entry)];
    } catch {
      // the process ended while we looked
    }
  }
  return { pid, rssMb: Math.round(largestKb / 1024) };
}

/** RSS in MB of the largest process in process group `pgid`. */
export const groupRssMb = (pgid: number): number => largestInGroup(pgid).rssMb;

/** What bench/memory-probe.mjs writes (MB): where the server's resident memory is. */
export interface MemorySplit {
  rss: number;
  peakRss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  v8Malloced: number;
  /** rss - heapTotal - external: allocator arenas, TLS contexts, code. */
  nativeOther: number;
}

/** The environment that loads the probe into the portal, and the folder it writes to. */
export function memoryProbe(): { env: Record<string, string>; dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'azureml-bench-probe-'));
  const probe = pathToFileURL(path.resolve(import.meta.dirname, 'memory-probe.mjs')).href;
  const nodeOptions = [process.env.NODE_OPTIONS, `--import=${probe}`].filter(Boolean).join(' ');
  return { env: { NODE_OPTIONS: nodeOptions, BENCH_MEMORY_PROBE_DIR: dir }, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function readSplit(file: string): MemorySplit | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as MemorySplit;
  } catch {
    return undefined;
  }
}

/**
 * The probe's latest split for the server process, and with BENCH_MEMORY_GC=1 the split after a
 * full collection it runs on SIGUSR2 (read after RSS, so the RSS figure is never a collected one).
 */
async function checkpoint(pgid: number, probeDir: string | undefined): Promise<{ rssMb: number; split?: MemorySplit; afterGc?: MemorySplit }> {
  const { pid, rssMb } = largestInGroup(pgid);
  if (!probeDir || !pid) return { rssMb };
  const split = readSplit(path.join(probeDir, `${pid}.json`));
  if (process.env.BENCH_MEMORY_GC !== '1') return { rssMb, split };
  process.kill(pid, 'SIGUSR2');
  await sleep(GC_WAIT_MS);
  return { rssMb, split, afterGc: readSplit(path.join(probeDir, `${pid}.gc.json`)) };
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
  /** Poll latency over both rounds (each poll a distinct caller's, so a component read per window). */
  p50Ms?: number;
  p95Ms?: number;
  /** The server's memory split at rest, after round 1 and after round 2 (bench/memory-probe.mjs). */
  splits?: Array<{ at: 'rest' | 'round1' | 'round2'; split?: MemorySplit; afterGc?: MemorySplit }>;
}

async function round(baseUrl: string, pollers: number, seconds: number, tag: string): Promise<{ requests: number; errors: number; times: number[] }> {
  const end = Date.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const times: number[] = [];
  const poller = async (_: unknown, index: number) => {
    // One caller per poller: an opaque sandbox token of its own (the emulator gives it full rights).
    const headers = { authorization: `Bearer sandbox-${tag}-poller-${index}` };
    await sleep(Math.random() * FAST_POLL_MS);
    for (let next = Date.now(); next < end; next += FAST_POLL_MS) {
      await sleep(Math.max(0, next - Date.now()));
      requests += 1;
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}/api/v1/extensions/status?id=${encodeURIComponent(WATCHED_EXTENSION_ID)}`, { headers });
        await response.arrayBuffer();
        times.push(performance.now() - started);
        if (response.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: pollers }, poller));
  return { requests, errors, times };
}

/** RSS at rest, after `pollers` distinct callers polled for `seconds`, and after a second such round. */
export async function measureMemory(server: BenchServer, pollers: number, seconds: number, probeDir?: string): Promise<MemoryResult> {
  await sleep(SETTLE_MS);
  const rest = await checkpoint(server.pgid, probeDir);
  // New callers in the second round too: a bound that only holds for callers seen before is no bound.
  const first = await round(server.baseUrl, pollers, seconds, 'a');
  await sleep(SETTLE_MS);
  const round1 = await checkpoint(server.pgid, probeDir);
  const second = await round(server.baseUrl, pollers, seconds, 'b');
  await sleep(SETTLE_MS);
  const round2 = await checkpoint(server.pgid, probeDir);
  const [startMb, afterFirstRoundMb, afterSecondRoundMb] = [rest.rssMb, round1.rssMb, round2.rssMb];
  const splits = probeDir
    ? (['rest', 'round1', 'round2'] as const).map((at, i) => {
        const { split, afterGc } = [rest, round1, round2][i];
        return { at, split, ...(afterGc ? { afterGc } : {}) };
      })
    : undefined;
  return {
    pollers,
    seconds,
    startMb,
    afterFirstRoundMb,
    afterSecondRoundMb,
    requests: first.requests + second.requests,
    errors: first.errors + second.errors,
    p50Ms: percentile([...first.times, ...second.times], 50),
    p95Ms: percentile([...first.times, ...second.times], 95),
    ...(splits ? { splits } : {}),
  };
}
