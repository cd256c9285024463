// Loaded into the portal's processes by the bench's memory section (NODE_OPTIONS=--import, so
// nothing in the product changes): every SAMPLE_MS it writes this process's memory split to
// $BENCH_MEMORY_PROBE_DIR/<pid>.json, so the bench can say where resident memory goes: the V8
// heap (heapTotal), buffers outside it (external, arrayBuffers), or native memory that is neither
// (rss minus both: allocator arenas, TLS contexts, pages the heap freed but has not returned yet).
//
// With BENCH_MEMORY_GC=1, SIGUSR2 runs a full garbage collection first and writes the sample to
// <pid>.gc.json: what is still live, as against what the heap grew to and kept.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const dir = process.env.BENCH_MEMORY_PROBE_DIR;
/** Often enough to see a round's peak (rounds last a minute), rarely enough to cost nothing. */
const SAMPLE_MS = 1_000;
const MB = 1024 * 1024;

if (dir) {
  let peakRss = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    peakRss = Math.max(peakRss, usage.rss);
    const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;
    return {
      at: new Date().toISOString(),
      rss: mb(usage.rss),
      peakRss: mb(peakRss),
      heapTotal: mb(usage.heapTotal),
      heapUsed: mb(usage.heapUsed),
      external: mb(usage.external),
      arrayBuffers: mb(usage.arrayBuffers),
      // V8's own malloc outside the heap (zones, compiler), which memoryUsage does not split out.
      v8Malloced: mb(heap.malloced_memory),
      nativeOther: mb(usage.rss - usage.heapTotal - usage.external),
    };
  };
  const write = (name, value) => {
    const file = path.join(dir, name);
    // Rename over the old file, so a reader never sees half a sample.
    writeFileSync(`${file}.tmp`, JSON.stringify(value));
    renameSync(`${file}.tmp`, file);
  };
  const timer = setInterval(() => {
    try {
      write(`${process.pid}.json`, sample());
    } catch {
      // the bench removed its folder: it has stopped reading
    }
  }, SAMPLE_MS);
  timer.unref();

  if (process.env.BENCH_MEMORY_GC === '1') {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    process.on('SIGUSR2', () => {
      gc();
      try {
        write(`${process.pid}.gc.json`, sample());
      } catch {
        // as above
      }
    });
  }
}
