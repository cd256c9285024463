#!/usr/bin/env node
// `npm start`: serve the portal on http://localhost:3000 (PORT and HOST to change it).
// Builds first when there is no production build, or when sources are newer than the build, so a
// fresh clone needs only `npm install` then `npm start`. With no Azure settings in the environment
// the portal starts its embedded sandbox ARM emulator (see README.md).
//
// The build is `output: 'standalone'` (next.config.js), which `next start` does not serve (Next.js
// warns and tells you to run the standalone server). So this script runs .next/standalone/server.js,
// exactly what the Dockerfile runs, after copying the static assets and public/ next to it as the
// Next.js docs require. test/deploy/dockerfile.test.ts keeps the two in step.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const buildId = path.join(root, '.next', 'BUILD_ID');
/** The standalone build's own folder; its server.js serves everything else from there. */
const STANDALONE_DIR = path.join(root, '.next', 'standalone');
const standaloneServer = path.join(STANDALONE_DIR, 'server.js');
/** What the standalone server does not carry and must find next to itself: `[from, to]`, relative to root. */
const STANDALONE_ASSETS = [
  ['.next/static', '.next/standalone/.next/static'],
  ['public', '.next/standalone/public'],
];
const SOURCE_ROOTS = ['app', 'components', 'lib', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.js', 'package-lock.json'];
/**
 * Node flags of the server process (bench/README.md "Memory", issue 13 item 8). Under load V8
 * lets the heap grow to several times what is live before it collects, and keeps what it grew
 * to: 200 status pollers hold about 90 MB live but grew the heap past 400 MB. A ceiling on the
 * old generation, well above that live set, makes it collect sooner instead. Only the server
 * gets them (never the build); the Dockerfile sets the same in NODE_OPTIONS, so an operator can
 * change them there (test/deploy/dockerfile.test.ts).
 */
const SERVER_NODE_FLAGS = ['--max-old-space-size=256'];
/**
 * Environment the server gets unless already set: glibc's malloc keeps one arena per thread
 * that allocated (up to 8 per core), each holding freed memory; two is the usual setting for
 * Node servers and what the Dockerfile sets.
 */
const SERVER_ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };
/** Where the portal keeps its SQLite file when PORTAL_DATA_DIR is not set (lib/store/database.ts). */
const DEFAULT_DATA_DIR = '.data';

/** Newest modification time under the given paths, skipping tests (they are not in the build). */
function newestSourceMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) visit(path.join(p, entry));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return newest;
}

/** Runs a Node script as a child, forwarding Ctrl-C and SIGTERM; resolves with its exit code. */
function run(args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...env } });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Replaces the standalone folder's copy of the static assets and public/ with the build's. */
function copyStandaloneAssets() {
  for (const [from, to] of STANDALONE_ASSETS) {
    const source = path.join(root, from);
    const target = path.join(root, to);
    rmSync(target, { recursive: true, force: true });
    if (existsSync(source)) cpSync(source, target, { recursive: true });
  }
}

/**
 * A path variable made absolute against the project folder: server.js changes its working
 * directory to .next/standalone, and a relative data directory there would be deleted by the next
 * build (the audit trail and token cache with it).
 */
function absoluteFromRoot(value, fallback) {
  const chosen = value?.trim() || fallback;
  return chosen === undefined ? undefined : path.resolve(root, chosen);
}

const stale = !existsSync(buildId) || !existsSync(standaloneServer) || statSync(buildId).mtimeMs < newestSourceMtime(SOURCE_ROOTS);

if (process.argv.includes('--print-plan')) {
  // What this script would do, as JSON, without building or serving: test/deploy/dockerfile.test.ts
  // compares it with the Dockerfile so the two cannot drift apart.
  const relative = (p) => path.relative(root, p);
  console.info(
    JSON.stringify({
      build: stale,
      copy: STANDALONE_ASSETS,
      server: relative(standaloneServer),
      serverDir: relative(STANDALONE_DIR),
      nodeFlags: SERVER_NODE_FLAGS,
      env: SERVER_ENV_DEFAULTS,
    }),
  );
  process.exit(0);
}

if (stale) {
  console.info(existsSync(buildId) ? 'Sources changed since the last build: building.' : 'No build yet: building first.');
  const code = await run([nextBin, 'build']);
  if (code !== 0) process.exit(code);
}
copyStandaloneAssets();

const env = {
  ...SERVER_ENV_DEFAULTS,
  ...process.env,
  PORT: process.env.PORT?.trim() || '3000',
  // server.js listens on HOSTNAME (0.0.0.0 by default); `npm start` stays on loopback unless HOST says otherwise.
  HOSTNAME: process.env.HOST?.trim() || 'localhost',
  PORTAL_DATA_DIR: absoluteFromRoot(process.env.PORTAL_DATA_DIR, DEFAULT_DATA_DIR),
};
const kubeconfigsDir = absoluteFromRoot(process.env.KUBECONFIGS_DIR, undefined);
if (kubeconfigsDir) env.KUBECONFIGS_DIR = kubeconfigsDir;
// A flag given in NODE_OPTIONS wins: on the command line ours would override it.
const nodeFlags = SERVER_NODE_FLAGS.filter((flag) => !(process.env.NODE_OPTIONS ?? '').includes(flag.split('=')[0]));
process.exit(await run([...nodeFlags, standaloneServer], env));
