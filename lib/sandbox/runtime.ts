/**
 * One sandbox emulator per Node process. Next.js may load this module in several bundles
 * (route handlers, server components, instrumentation), so the promise lives on `globalThis`
 * under a registered symbol instead of in module scope.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startEmulator, type Emulator } from './emulator';

/** The bearer token the portal uses for the default sandbox user (any non-empty token works). */
export const SANDBOX_TOKEN = 'sandbox-user';

/** Name of the file, in the portal's data directory, that tells tests where the emulator listens. */
export const SANDBOX_INFO_FILE = 'sandbox.json';

/** What {@link SANDBOX_INFO_FILE} holds: nothing secret (the CA is a public certificate). */
export interface SandboxInfo {
  endpoint: string;
  ca: string;
  pid: number;
}

const KEY = Symbol.for('azureml-portal.sandbox');

type SandboxGlobal = typeof globalThis & { [KEY]?: Promise<Emulator> };

/**
 * Writes `${PORTAL_DATA_DIR:-./.data}/sandbox.json`, so end-to-end tests can reach the emulator's
 * admin routes (lib/sandbox/README.md) of the portal process they test. Written to a temporary
 * name and renamed, so a reader never sees half a file. A failure only costs the tests their view
 * of the emulator, never the sandbox itself.
 */
export function writeSandboxInfo(emulator: Pick<Emulator, 'endpoint' | 'ca'>, dir: string = process.env.PORTAL_DATA_DIR?.trim() || './.data'): void {
  try {
    mkdirSync(dir, { recursive: true });
    const info: SandboxInfo = { endpoint: emulator.endpoint, ca: emulator.ca, pid: process.pid };
    const file = path.resolve(dir, SANDBOX_INFO_FILE);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(info, null, 2));
    renameSync(temporary, file);
  } catch (e) {
    console.warn(`[sandbox] could not write ${SANDBOX_INFO_FILE}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Starts the emulator once; later calls return the same promise. A failed start can be retried. */
export function ensureSandbox(): Promise<Emulator> {
  const g = globalThis as SandboxGlobal;
  if (!g[KEY]) {
    g[KEY] = startEmulator().then(
      (emulator) => {
        writeSandboxInfo(emulator);
        return emulator;
      },
      (e: unknown) => {
        delete g[KEY];
        throw e;
      },
    );
  }
  return g[KEY];
}
