/**
 * `npm run bench`: starts the production portal twice in sandbox mode (once on a generated fleet
 * of 1000 extensions, once on the seeded world), measures, writes bench/results.json and prints
 * the table. Every server it starts is stopped at the end, also on failure or Ctrl-C.
 *
 * Env: BENCH_LOAD_SECONDS (default 60), BENCH_FANIN_SECONDS (default 30), BENCH_ONLY (comma list
 * of sections: statusFanIn, fleet, plan, wizard, load, memory).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

import { measureFleet, measureLoad, measurePlan, measureSettledStatusFanIn, measureStatusFanIn } from './measure';
import { measureMemory, memoryProbe } from './memory';
import { formatTable, GOALS, verdicts, type BenchResults } from './report';
import { startPortal, type BenchServer } from './server';
import { measureWizard } from './wizard';

const FLEET = { subscriptions: 10, extensions: 1000 } as const;
const FAN_IN_VIEWERS = 100;
const LOAD_POLLERS = 200;

function secondsSetting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds`);
  return value;
}

const SECTIONS = ['statusFanIn', 'fleet', 'plan', 'wizard', 'load', 'memory'] as const;
type Section = (typeof SECTIONS)[number];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const wanted = (section: Section) => !only || only.includes(section);

const running = new Set<BenchServer>();
async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
  running.clear();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

async function withPortal(label: string, world: string, fn: (server: BenchServer) => Promise<void>, env?: Record<string, string>): Promise<void> {
  console.info(`starting the portal (${label})...`);
  const server = await startPortal({ label, world, env });
  running.add(server);
  try {
    await fn(server);
  } finally {
    await server.stop();
    running.delete(server);
  }
}

/** Runs one section, keeping its failure as a result instead of ending the run. */
async function section<T>(results: BenchResults, name: Section, fn: () => Promise<T>): Promise<T | undefined> {
  if (!wanted(name)) return undefined;
  console.info(`measuring ${name}...`);
  try {
    return await fn();
  } catch (err) {
    results.failures[name] = err instanceof Error ? err.message : String(err);
    return undefined;
  }
}

async function main(): Promise<void> {
  const loadSeconds = secondsSetting('BENCH_LOAD_SECONDS', 60);
  const fanInSeconds = secondsSetting('BENCH_FANIN_SECONDS', 30);
  const results: BenchResults = { failures: {} };

  if (wanted('fleet')) {
    await withPortal('fleet', `fleet:${FLEET.subscriptions}:${FLEET.extensions}`, async (server) => {
      results.fleet = await section(results, 'fleet', () => measureFleet(server, FLEET));
    });
  }
  if (SECTIONS.some((s) => s !== 'fleet' && s !== 'memory' && wanted(s))) {
    await withPortal('seeded', '', async (server) => {
      results.plan = await section(results, 'plan', () => measurePlan(server));
      const pages = await section(results, 'wizard', () => measureWizard(server.baseUrl));
      if (pages) results.wizard = { pages };
      results.statusFanIn = await section(results, 'statusFanIn', () => measureStatusFanIn(server, FAN_IN_VIEWERS, fanInSeconds));
      results.statusFanInSettled = await section(results, 'statusFanIn', () => measureSettledStatusFanIn(server, FAN_IN_VIEWERS, fanInSeconds));
      results.load = await section(results, 'load', () => measureLoad(server, LOAD_POLLERS, loadSeconds));
    });
  }
  // On a portal of its own, so its starting figure is a fresh server's, not one after the other sections.
  if (wanted('memory')) {
    const probe = memoryProbe();
    try {
      await withPortal(
        'memory',
        '',
        async (server) => {
          results.memory = await section(results, 'memory', () => measureMemory(server, LOAD_POLLERS, loadSeconds, probe.dir));
        },
        probe.env,
      );
    } finally {
      probe.dispose();
    }
  }

  const lines = verdicts(results);
  const file = path.resolve(import.meta.dirname, 'results.json');
  const machine = { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, goals: GOALS, ...results, verdicts: lines }, null, 2)}\n`);
  console.info(`\n${formatTable(lines)}\n\nwritten: ${path.relative(process.cwd(), file)}`);
  const missed = lines.filter((line) => line.met === false).length;
  console.info(missed === 0 ? 'every goal met' : `${missed} goal(s) not met: see "why" above and bench/README.md`);
}

main()
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
