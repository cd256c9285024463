/**
 * Shared set-up for the contract tests: one emulator per test file (its own world), the ARM
 * example files from `shared/arm-examples`, and a sandbox-user credential.
 *
 * The portal's own client construction (lib/azure/clients.ts) is used unchanged: each test file
 * mocks `ensureSandbox` to return this file's emulator, so requests go through exactly the SDK
 * clients and options the portal uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { startEmulator, type Emulator } from '@/lib/sandbox/emulator';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { setContractEmulator } from './current-emulator';

/** Fast operations, so tests finish quickly; still slow enough to observe "running". */
export const CONTRACT_PROVISIONING_MS = 300;
/** Poll interval for every LRO in tests. */
export const TEST_POLL_INTERVAL_MS = 10;

export const PRODUCTION_SUBSCRIPTION = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
export const EDGE_SUBSCRIPTION = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';

export const credential = new AccessTokenCredential(SANDBOX_TOKEN);

let current: Emulator | undefined;

/**
 * Starts this file's emulator and puts the portal in sandbox mode. Call in `beforeAll`; the test
 * file must also mock the runtime so the portal's clients use it:
 * `vi.mock('@/lib/sandbox/runtime', ...)` with `ensureSandbox` from ./current-emulator.
 */
export async function startContractEmulator(): Promise<Emulator> {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  current = await startEmulator({ provisioningMs: CONTRACT_PROVISIONING_MS });
  setContractEmulator(current);
  return current;
}

/** Call in `afterAll`. */
export async function stopContractEmulator(): Promise<void> {
  setContractEmulator(undefined);
  await current?.close();
  current = undefined;
  vi.unstubAllEnvs();
}

/**
 * `shared/arm-examples` lives beside the repository (CI: /work/shared next to /work/main).
 * `ARM_EXAMPLES_DIR` overrides. Missing examples fail the run: a contract test that silently
 * skips would prove nothing.
 */
function examplesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.ARM_EXAMPLES_DIR,
    path.resolve(here, '../../../shared/arm-examples'),
    path.resolve(process.cwd(), '../shared/arm-examples'),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => existsSync(path.join(candidate, 'README.md')));
  if (!found) {
    throw new Error(`ARM examples not found. Looked in:\n  ${candidates.join('\n  ')}\nSet ARM_EXAMPLES_DIR to the shared/arm-examples folder.`);
  }
  return found;
}

export interface ArmExample {
  parameters: Record<string, unknown>;
  responses: Record<string, { headers?: Record<string, string>; body?: unknown }>;
}

/** Reads one example, e.g. `kubernetesconfiguration/2023-05-01/CreateExtension.json`. */
export function loadExample(relativePath: string): ArmExample {
  const file = path.join(examplesDir(), relativePath);
  if (!existsSync(file)) throw new Error(`ARM example missing: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as ArmExample;
}

/** The body of one response of an example; fails if the example has none. */
export function exampleBody(example: ArmExample, status: string): unknown {
  const body = example.responses[status]?.body;
  if (body === undefined) throw new Error(`example has no ${status} body`);
  return body;
}

/**
 * Captures raw response bodies and headers of SDK calls (`options.onResponse`). The body is
 * re-parsed from `bodyAsText`: the classic SDKs replace `parsedBody` with their deserialised,
 * flattened model before `onResponse` runs, which is not what went over the wire.
 */
export function recorder() {
  const responses: Array<{ status: number; body: unknown; headers: Record<string, string> }> = [];
  return {
    responses,
    onResponse: (raw: { status: number; parsedBody?: unknown; bodyAsText?: string | null; headers: { toJSON(): Record<string, string> } }) => {
      const body = raw.bodyAsText ? (JSON.parse(raw.bodyAsText) as unknown) : raw.parsedBody;
      responses.push({ status: raw.status, body, headers: raw.headers.toJSON() });
    },
    last() {
      const response = responses.at(-1);
      if (!response) throw new Error('no response recorded');
      return response;
    },
  };
}
