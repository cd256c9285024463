/**
 * The emulator of the running contract test file. Kept apart from harness.ts, with no imports,
 * because the `vi.mock('@/lib/sandbox/runtime')` factory loads it: importing anything that
 * imports the runtime from here would deadlock the mock.
 */
import type { Emulator } from '@/lib/sandbox/emulator';

let current: Emulator | undefined;

export function setContractEmulator(emulator: Emulator | undefined): void {
  current = emulator;
}

/** Stand-in for `ensureSandbox` in contract tests. */
export async function contractEmulator(): Promise<Emulator> {
  if (!current) throw new Error('startContractEmulator() must run in beforeAll before any Azure call');
  return current;
}

/**
 * The runtime with `ensureSandbox` answering this emulator: the factory of every test file's
 * `vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import(...)).runtimeOnContractEmulator(importOriginal))`.
 * (`vi.mock` is hoisted per file, so each file still names the mock itself.)
 */
export async function runtimeOnContractEmulator(importOriginal: () => Promise<typeof import('@/lib/sandbox/runtime')>) {
  return { ...(await importOriginal()), ensureSandbox: contractEmulator };
}
