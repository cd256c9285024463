/**
 * Shared set-up of the resilience tests: one emulator per test file (restartable on the same
 * port with the same certificate), the portal's own route handlers called in-process with a
 * bearer token, and the emulator's request counters to prove "no duplicate PUT".
 *
 * Each test file must mock the runtime so the portal's SDK clients use this file's emulator:
 * `vi.mock('@/lib/sandbox/runtime', ...)` with `runtimeOnContractEmulator` from
 * test/contract/current-emulator, then call {@link withResilienceEmulator}.
 */
import { afterAll, beforeAll, vi } from 'vitest';

import { GET as getStatusRoute } from '@/app/api/v1/extensions/status/route';
import { POST as postExtensionRoute } from '@/app/api/v1/extensions/route';
import { clearStatusCoalescing } from '@/lib/azure/extension-status';
import { resetIdempotencyForTests } from '@/lib/deploy/deploy-service';
import { createEmulatorCertificate, startEmulator, type Emulator, type EmulatorCertificate } from '@/lib/sandbox/emulator';
import { armRequest } from '@/lib/sandbox/test-client';
import type { FaultScenario } from '@/lib/sandbox/world-types';
import { PRODUCTION_SUBSCRIPTION_ID } from '@/lib/sandbox/world';

import { setContractEmulator } from '../contract/current-emulator';

/** Fast installs, so a whole lifecycle fits in a test. */
export const RESILIENCE_PROVISIONING_MS = 300;
/** How often the tests poll status, like the page but faster. */
export const TEST_POLL_MS = 100;

/** ARM id of a seeded AKS cluster in the production subscription. */
export function aksClusterId(name: string, resourceGroup = 'rg-ml-prod-eastus'): string {
  return `/subscriptions/${PRODUCTION_SUBSCRIPTION_ID}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`;
}

/** The extension id `name` on `clusterId`. */
export const extensionIdOf = (clusterId: string, name = 'azureml') => `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;

/** A training-only install: no TLS material, so only the faults under test can fail it. */
export function trainingRequest(clusterId: string, name = 'azureml') {
  return { clusterId, name, configurationSettings: { enableTraining: 'True', enableInference: 'False' }, configurationProtectedSettings: {} };
}

let current: Emulator | undefined;
let certificate: EmulatorCertificate | undefined;
let port = 0;

/** Starts this file's emulator and puts the portal in sandbox mode. Call in `beforeAll`. */
export async function startResilienceEmulator(): Promise<Emulator> {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  certificate ??= await createEmulatorCertificate();
  current = await startEmulator({ provisioningMs: RESILIENCE_PROVISIONING_MS, certificate, port });
  port = Number(new URL(current.endpoint).port);
  setContractEmulator(current);
  resetIdempotencyForTests();
  return current;
}

/**
 * Stops the emulator; the next {@link startResilienceEmulator} reuses its port and certificate.
 * The stopped one stays what `ensureSandbox` answers, as in the portal, where ARM's address does
 * not change when ARM goes away: calls fail on the socket, not in set-up.
 */
export async function stopResilienceEmulator(): Promise<void> {
  await current?.close();
}

/** Call in `afterAll`. */
export async function tearDownResilience(): Promise<void> {
  await stopResilienceEmulator();
  setContractEmulator(undefined);
  current = undefined;
  port = 0;
  vi.unstubAllEnvs();
}

/** This file's emulator around its tests: started before the first, torn down after the last. */
export function withResilienceEmulator(): void {
  beforeAll(startResilienceEmulator);
  afterAll(tearDownResilience);
}

/** The running emulator (fails the test when there is none). */
export function emulator(): Emulator {
  if (!current) throw new Error('startResilienceEmulator() must run first');
  return current;
}

/** Puts a seeded cluster into a fault scenario (null clears it) through the admin route. */
export async function setScenario(clusterName: string, scenario: FaultScenario | null): Promise<void> {
  const response = await armRequest(emulator(), 'PUT', `/_sandbox/clusters/${clusterName}/scenario`, { body: { scenario } });
  if (response.status !== 200) throw new Error(`scenario ${scenario} on ${clusterName}: ${response.status}`);
}

/** Extension PUTs ARM accepted (2xx) since the emulator started: installs that really happened. */
export const acceptedPuts = () => emulator().stats.accepted('PUT', 'extensions');

/** All answered requests of one method and surface with one status. */
export function answered(method: string, surface: string, status: number): number {
  return emulator().stats.snapshot().counts.find((c) => c.method === method && c.surface === surface && c.status === status)?.count ?? 0;
}

const headers = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra });

/** `POST /api/v1/extensions` in-process, as the wizard's API client sends it. */
export async function postInstall(body: unknown, options: { token?: string; idempotencyKey?: string } = {}) {
  const extra: Record<string, string> = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
  const response = await postExtensionRoute(
    new Request('http://localhost/api/v1/extensions', { method: 'POST', headers: headers(options.token ?? 'sandbox-user', extra), body: JSON.stringify(body) }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** One status poll, `GET /api/v1/extensions/status?id=`, never answered from the coalescing cache. */
export async function readStatus(extensionId: string, token = 'sandbox-user') {
  clearStatusCoalescing();
  const response = await getStatusRoute(
    new Request(`http://localhost/api/v1/extensions/status?id=${encodeURIComponent(extensionId)}`, { headers: headers(token) }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls status until `done` (or `timeoutMs`), returning every answer in order. */
export async function pollStatus(
  extensionId: string,
  done: (answer: Awaited<ReturnType<typeof readStatus>>) => boolean,
  timeoutMs = 20_000,
): Promise<Array<Awaited<ReturnType<typeof readStatus>>>> {
  const answers: Array<Awaited<ReturnType<typeof readStatus>>> = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await readStatus(extensionId);
    answers.push(answer);
    if (done(answer)) return answers;
    await new Promise((resolve) => setTimeout(resolve, TEST_POLL_MS));
  }
  throw new Error(`status of ${extensionId} did not settle in ${timeoutMs} ms; last: ${JSON.stringify(answers.at(-1)).slice(0, 300)}`);
}

/** The provisioning state of a status answer ('' when it was an error). */
export const stateOf = (answer: { body: Record<string, unknown> }) => String(answer.body.provisioningState ?? '');
