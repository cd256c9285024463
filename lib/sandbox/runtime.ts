/**
 * One sandbox emulator per Node process: the embedded one, started here, or one started on its
 * own (`npm run sandbox`, scripts/sandbox.ts) that several portal replicas share. Next.js may load
 * this module in several bundles (route handlers, server components, instrumentation), so the
 * promise lives on `globalThis` under a registered symbol instead of in module scope.
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

/** What the portal uses of an emulator, wherever it runs. */
export type SandboxConnection = Pick<Emulator, 'endpoint' | 'ca' | 'kubeconfigDir' | 'close'>;

/** An emulator another process runs (lib/azure/environment.ts reads it from the environment). */
export interface ExternalEmulator {
  endpoint: string;
  ca: string;
  /** Its Arc clusters' kubeconfigs, when this host can read them (`KUBECONFIGS_DIR`); else none. */
  kubeconfigDir?: string;
}

const KEY = Symbol.for('azureml-portal.sandbox');

type SandboxGlobal = typeof globalThis & { [KEY]?: Promise<SandboxConnection> };

/** An external emulator as a connection: closing it is not this process's business. */
function externalConnection(external: ExternalEmulator): SandboxConnection {
  return { endpoint: external.endpoint, ca: external.ca, kubeconfigDir: external.kubeconfigDir ?? '', close: () => Promise.resolve() };
}

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

/**
 * Starts the emulator once, or with `external` uses that one instead; later calls return the same
 * promise (the first call decides, and lib/azure/arm-connection.ts makes it at start-up). A failed
 * start can be retried. Either way `sandbox.json` names the emulator the portal talks to.
 */
export function ensureSandbox(external?: ExternalEmulator): Promise<SandboxConnection> {
  const g = globalThis as SandboxGlobal;
  if (!g[KEY]) {
    g[KEY] = (external ? Promise.resolve(externalConnection(external)) : startEmulator()).then(
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
