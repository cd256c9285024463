/**
 * A sign-in that expires in the middle of the wizard: the preview worked, the install is refused
 * with `Unauthenticated` and a sign-in-again message, nothing is written, and after signing in
 * again the very same request installs once.
 */
import { describe, expect, it, vi } from 'vitest';

import { expiringToken } from '@/lib/sandbox/faults';

import {
  acceptedPuts,
  aksClusterId,
  extensionIdOf,
  pollStatus,
  postInstall,
  readStatus,
  stateOf,
  trainingRequest,
  withResilienceEmulator,
} from './harness';
import { POST as postPlanRoute } from '@/app/api/v1/plan/route';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('../contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

withResilienceEmulator();

const TOKEN_LIFETIME_MS = 4_000;
const CLUSTER = aksClusterId('aks-gpu-nc');

describe('an access token that expires mid-flow', () => {
  it('plans, then refuses the install with Unauthenticated and writes nothing; a fresh sign-in installs once', { timeout: 30_000 }, async () => {
    const expiresAt = Date.now() + TOKEN_LIFETIME_MS;
    const token = expiringToken(expiresAt);
    const request = { ...trainingRequest(CLUSTER), configurationSettings: { enableTraining: 'True', 'nodeSelector.accelerator': 'nvidia' } };

    const plan = await postPlanRoute(
      new Request('http://localhost/api/v1/plan', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(request) }),
    );
    expect(plan.status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 50));
    const refused = await postInstall(request, { token, idempotencyKey: 'expired-1' });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'Unauthenticated', message: expect.stringMatching(/sign in again/i) });
    const status = await readStatus(extensionIdOf(CLUSTER), token);
    expect(status.status).toBe(401);
    expect(acceptedPuts()).toBe(0);

    // Signed in again: the same request (what the user typed) installs, once.
    const installed = await postInstall(request, { token: 'sandbox-user', idempotencyKey: 'expired-1' });
    expect(installed.status).toBe(202);
    const settled = await pollStatus(extensionIdOf(CLUSTER), (a) => stateOf(a) === 'Succeeded');
    expect(settled.at(-1)?.body.configurationSettings).toMatchObject({ 'nodeSelector.accelerator': 'nvidia' });
    expect(acceptedPuts()).toBe(1);
  });
});
