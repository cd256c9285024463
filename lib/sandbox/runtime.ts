/**
 * One sandbox emulator per Node process. Next.js may load this module in several bundles
 * (route handlers, server components, instrumentation), so the promise lives on `globalThis`
 * under a registered symbol instead of in module scope.
 */
import { startEmulator, type Emulator } from './emulator';

/** The bearer token the portal uses for the default sandbox user (any non-empty token works). */
export const SANDBOX_TOKEN = 'sandbox-user';

const KEY = Symbol.for('azureml-portal.sandbox');

type SandboxGlobal = typeof globalThis & { [KEY]?: Promise<Emulator> };

/** Starts the emulator once; later calls return the same promise. A failed start can be retried. */
export function ensureSandbox(): Promise<Emulator> {
  const g = globalThis as SandboxGlobal;
  if (!g[KEY]) {
    g[KEY] = startEmulator().catch((e: unknown) => {
      delete g[KEY];
      throw e;
    });
  }
  return g[KEY];
}
