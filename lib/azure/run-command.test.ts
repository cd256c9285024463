/**
 * runKubectl against the sandbox as AKS behaves (issue 16 row 4): results answer 202 until the
 * command finishes, and a cluster with Entra ID integration needs a `clusterToken` for the AKS
 * AAD server app, which the portal gets from the signed-in user.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { SessionTokenCredential } from '@/lib/auth/session-credential';
import { signInAs } from '@/lib/auth/test-sign-in';
import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { AZUREML_NAMESPACE_COMMAND } from '@/lib/domain/namespace-read';
import { ensureSandbox, SANDBOX_TOKEN, type SandboxConnection } from '@/lib/sandbox/runtime';
import { armRequest } from '@/lib/sandbox/test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD } from '@/lib/sandbox/world';

import { AKS_AAD_SERVER_SCOPE, forgetAadClusters, runCommandWaitMs, runKubectl } from './run-command';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const aks = (name: string) => `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/${name}`;
const FAST = { pollIntervalMs: 20 };
let sandbox: SandboxConnection;
/** The emulator's runCommand duration before these tests change it. */
let defaultRunCommandMs: number;

/** Answered runCommand requests by method and status, from the emulator's counters. */
async function runCommandCounts(): Promise<Record<string, number>> {
  const stats = (await armRequest(sandbox, 'GET', '/_sandbox/stats', { token: null })).body as { counts: { method: string; surface: string; status: number; count: number }[] };
  return Object.fromEntries(stats.counts.filter((c) => c.surface === 'run-command').map((c) => [`${c.method} ${c.status}`, c.count]));
}

async function behave(body: Record<string, unknown>): Promise<void> {
  expect((await armRequest(sandbox, 'PUT', '/_sandbox/behaviour', { token: null, body })).status).toBe(200);
}

beforeAll(async () => {
  sandbox = await ensureSandbox();
  defaultRunCommandMs = ((await armRequest(sandbox, 'GET', '/_sandbox/behaviour', { token: null })).body as { runCommandMs: number }).runCommandMs;
});
beforeEach(async () => {
  forgetAadClusters();
  expect((await armRequest(sandbox, 'POST', '/_sandbox/stats/reset', { token: null })).status).toBe(204);
});
afterEach(async () => {
  await behave({ runCommandMs: defaultRunCommandMs });
});

describe('runKubectl', () => {
  it('waits out the 202s of a command that takes a while, then reads its 200', async () => {
    await behave({ runCommandMs: 400 });
    const { exitCode, logs } = await runKubectl(new AccessTokenCredential(SANDBOX_TOKEN), aks('aks-prod-eastus'), AZUREML_NAMESPACE_COMMAND, FAST);
    expect(exitCode).toBe(0);
    expect(JSON.parse(logs)).toMatchObject({ kind: 'List' });
    const counts = await runCommandCounts();
    expect(counts['GET 202']).toBeGreaterThanOrEqual(1);
    expect(counts['GET 200']).toBe(1);
  });

  it('gives up a command that runs past its bound, as a retryable RunCommandFailed', async () => {
    await behave({ runCommandMs: 5_000 });
    await expect(
      runKubectl(new AccessTokenCredential(SANDBOX_TOKEN), aks('aks-prod-eastus'), AZUREML_NAMESPACE_COMMAND, { ...FAST, timeoutMs: 200 }),
    ).rejects.toMatchObject({ code: 'RunCommandFailed', retryable: true, userMessage: expect.stringContaining('did not finish running the command') });
  });

  it('first waits short (250 ms, 500 ms, 1 s), then the interval, never above the interval', () => {
    expect([0, 1, 2, 3, 9].map((attempt) => runCommandWaitMs(attempt))).toEqual([250, 500, 1_000, 2_000, 2_000]);
    expect([0, 1, 5].map((attempt) => runCommandWaitMs(attempt, 20))).toEqual([20, 20, 20]);
  });

  it("sends the signed-in user's token for the AKS AAD server app to an Entra ID cluster, and remembers the cluster", async () => {
    const { connection, session } = await signInAs('owner');
    const credential = new SessionTokenCredential(connection, session);
    const getToken = vi.spyOn(credential, 'getToken');
    expect((await runKubectl(credential, aks('aks-entra-id'), AZUREML_NAMESPACE_COMMAND, FAST)).exitCode).toBe(0);
    expect(getToken.mock.calls.map(([scopes]) => scopes)).toContain(AKS_AAD_SERVER_SCOPE);
    // AKS's MissingAADClusterToken once; the second command carries the token from the start.
    expect((await runKubectl(credential, aks('aks-entra-id'), AZUREML_NAMESPACE_COMMAND, FAST)).exitCode).toBe(0);
    const counts = await runCommandCounts();
    expect(counts['POST 400']).toBe(1);
    expect(counts['POST 202']).toBe(2);
  });

  it('keeps working with the sandbox opaque token (API clients, tests) on an Entra ID cluster', async () => {
    expect((await runKubectl(new AccessTokenCredential(SANDBOX_TOKEN), aks('aks-entra-id'), AZUREML_NAMESPACE_COMMAND, FAST)).exitCode).toBe(0);
  });

  it('fails as kubectl would when the cluster token is not for the AKS AAD server app', async () => {
    const { connection, session } = await signInAs('owner');
    const armToken = await new SessionTokenCredential(connection, session).getToken('https://management.azure.com/.default');
    // A credential that hands its ARM token out for every scope (as a bearer-token caller's does).
    const armOnly: TokenCredential = { getToken: async (): Promise<AccessToken> => armToken };
    await expect(runKubectl(armOnly, aks('aks-entra-id'), AZUREML_NAMESPACE_COMMAND, FAST)).rejects.toMatchObject({
      code: 'RunCommandFailed',
      userText: { key: 'resources.commandExitCode', values: { exitCode: 1 } },
    });
  });
});
