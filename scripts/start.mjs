#!/usr/bin/env node
// `npm start`: serve the portal on http://localhost:3000 (PORT to change it).
// Builds first when there is no production build, or when sources are newer than the build, so a
// fresh clone needs only `npm install` then `npm start`. With no Azure settings in the environment
// the portal starts its embedded sandbox ARM emulator (see README.md).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const buildId = path.join(root, '.next', 'BUILD_ID');
const SOURCE_ROOTS = ['app', 'components', 'lib', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.js', 'package-lock.json'];

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

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env },
    });
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

const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime(SOURCE_ROOTS);
if (stale) {
  console.info(existsSync(buildId) ? 'Sources changed since the last build: building.' : 'No build yet: building first.');
  const code = await run(['build']);
  if (code !== 0) process.exit(code);
}
const port = process.env.PORT ?? '3000';
process.exit(await run(['start', '-p', port, '-H', process.env.HOST ?? 'localhost']));
