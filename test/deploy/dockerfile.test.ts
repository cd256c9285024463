import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No Docker engine runs the tests, so the Dockerfile is checked against what it packages: the
 * standalone build `npm start` serves (scripts/start.mjs) and, when a build is present, the files
 * that build really produced. A change to either side that the other does not follow fails here.
 */

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  instructions: Instruction[];
}

/** The Dockerfile's stages and their instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1] ?? String(stages.length), instructions: [] });
    stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const last = (stage: Stage, keyword: string) => all(stage, keyword).at(-1);

/** `KEY=value` pairs of every ENV of a stage. */
function envOf(stage: Stage): Record<string, string> {
  return Object.fromEntries(all(stage, 'ENV').flatMap((args) => [...args.matchAll(/(\w+)=(\S+)/g)].map(([, key, value]) => [key, value])));
}

/** What `npm start` would do, as scripts/start.mjs prints it without building or serving. */
interface StartPlan {
  build: boolean;
  copy: [from: string, to: string][];
  server: string;
  serverDir: string;
  /** Node flags of the server process, and environment it gets unless set (memory, bench/README.md). */
  nodeFlags: string[];
  env: Record<string, string>;
}

const stages = parseDockerfile(read('Dockerfile'));
const runner = stages.at(-1)!;
const builder = stages.find((stage) => stage.name === 'builder')!;
const builderDir = last(builder, 'WORKDIR')!;
const plan = JSON.parse(execFileSync(process.execPath, ['scripts/start.mjs', '--print-plan'], { cwd: root, encoding: 'utf8' })) as StartPlan;

/** The runner's `COPY --from=builder <source> <destination>`, sources relative to the builder's folder. */
const copiesFromBuilder = all(runner, 'COPY')
  .map((args) => /^--from=builder\s+(\S+)\s+(\S+)$/.exec(args))
  .filter((match): match is RegExpExecArray => match !== null)
  .map(([, source, destination]) => ({ source: path.posix.relative(builderDir, source), destination: path.posix.normalize(destination).replace(/(.)\/$/, '$1') }));

describe('Dockerfile and npm start serve the same standalone build', () => {
  it('npm start is scripts/start.mjs, and the build is standalone', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
    const nextConfig = createRequire(__filename)(path.join(root, 'next.config.js')) as { output?: string };
    expect(nextConfig.output).toBe('standalone');
  });

  it('the runner holds the standalone folder and the assets npm start copies next to it, nothing else', () => {
    const expected = [
      { source: plan.serverDir, destination: '.' },
      ...plan.copy.map(([from, to]) => ({ source: from, destination: path.posix.relative(plan.serverDir, to) })),
    ];
    expect(all(runner, 'COPY').length).toBe(copiesFromBuilder.length);
    expect(copiesFromBuilder).toEqual(expected);
  });

  it('the runner starts the server npm start runs, from the folder it copied the build into', () => {
    expect(JSON.parse(last(runner, 'CMD')!)).toEqual(['node', path.posix.relative(plan.serverDir, plan.server)]);
  });

  it('the runner gives the server the Node flags and malloc setting npm start gives it (a heap ceiling under load)', () => {
    const env = envOf(runner);
    expect(plan.nodeFlags.some((flag) => flag.startsWith('--max-old-space-size='))).toBe(true);
    // In NODE_OPTIONS rather than CMD, so an operator can change them without a new image.
    expect(env.NODE_OPTIONS?.split(' ')).toEqual(plan.nodeFlags);
    expect(env).toMatchObject(plan.env);
  });

  it('the builder makes every folder the runner copies, public/ included (git keeps no empty folder)', () => {
    expect(all(builder, 'RUN').join(' ')).toMatch(/mkdir -p public\b.*&& npm run build/);
  });

  it('runs as a non-root user, in production, listening on every interface of the port it exposes, health-checked', () => {
    const env = envOf(runner);
    expect(env).toMatchObject({ NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '0.0.0.0' });
    expect(last(runner, 'EXPOSE')).toBe(env.PORT);
    expect(last(runner, 'USER')).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(last(runner, 'HEALTHCHECK')).toContain('/api/health');
    expect(env.PORTAL_DATA_DIR).toBeTruthy();
    expect(all(runner, 'VOLUME').join(' ')).toContain(env.PORTAL_DATA_DIR);
  });

  it('.dockerignore keeps local installs, builds, data and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split(/\r?\n/).map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.next', '.data', '.env*', '.git']));
  });
});

describe('deploy/kubernetes.yaml runs the image as the Dockerfile builds it', () => {
  const manifest = read('deploy/kubernetes.yaml');
  const env = envOf(runner);

  it('on the port the image exposes, as the user the image runs as', () => {
    expect(/containerPort: (\d+)/.exec(manifest)?.[1]).toBe(last(runner, 'EXPOSE'));
    expect(/runAsUser: (\d+)/.exec(manifest)?.[1]).toBe(last(runner, 'USER')?.split(':')[0]);
  });

  it('probes /api/health, listens on every interface, and keeps PORTAL_DATA_DIR on a mounted volume', () => {
    expect(manifest.match(/httpGet: \{ path: \/api\/health, port: http \}/g)).toHaveLength(3);
    expect(manifest).toMatch(/- name: HOSTNAME\s+value: "0\.0\.0\.0"/);
    const dataDir = /- name: PORTAL_DATA_DIR\s+value: (\S+)/.exec(manifest)?.[1];
    expect(dataDir).toBe(env.PORTAL_DATA_DIR);
    expect(manifest).toContain(`mountPath: ${dataDir} }`);
  });
});

const standaloneServer = path.join(root, plan.server);

/** Every symbolic link under a folder whose target does not exist. */
function danglingLinks(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((entry) => {
    const file = path.join(dir, entry);
    if (!lstatSync(file).isSymbolicLink()) return false;
    try {
      realpathSync(file);
      return false;
    } catch {
      return true;
    }
  });
}

describe.skipIf(!existsSync(standaloneServer))('the standalone build the Dockerfile packages (after `npm run build`)', () => {
  it('has every path the runner copies from the builder', () => {
    for (const { source } of copiesFromBuilder) {
      if (source === 'public') continue; // made by the builder's `mkdir -p public`
      expect(existsSync(path.join(root, source)), source).toBe(true);
    }
    expect(existsSync(standaloneServer)).toBe(true);
  });

  it('carries the server-only packages with their native parts, and no link that leads nowhere', () => {
    const modules = path.join(root, plan.serverDir, 'node_modules');
    for (const pkg of ['next', 'better-sqlite3', 'pg', 'selfsigned', '@peculiar/x509']) {
      expect(existsSync(path.join(modules, pkg, 'package.json')), pkg).toBe(true);
    }
    expect(existsSync(path.join(modules, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(danglingLinks(path.join(root, plan.serverDir))).toEqual([]);
  });
});
