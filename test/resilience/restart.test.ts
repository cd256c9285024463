/**
 * The emulator (ARM) going away and coming back on the same address while a status page polls:
 * polls during the outage fail with a retryable error, and polling recovers by itself, with no
 * user action and no new credential.
 */
import { describe, expect, it, vi } from 'vitest';

import { aksClusterId, extensionIdOf, readStatus, startResilienceEmulator, stopResilienceEmulator, TEST_POLL_MS, withResilienceEmulator } from './harness';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('../contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

withResilienceEmulator();

/** Seeded, installed: survives a restart because the world is seeded again. */
const EXTENSION = extensionIdOf(aksClusterId('aks-prod-eastus'));
const OUTAGE_MS = 3_000;

describe('the emulator restarting while status is polled', () => {
  it('fails polls retryably during the outage, then recovers by itself', { timeout: 60_000 }, async () => {
    const answers: Array<{ at: number; status: number; code?: string }> = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const answer = await readStatus(EXTENSION);
        answers.push({ at: Date.now(), status: answer.status, code: (answer.body.error as { code?: string } | undefined)?.code });
        await new Promise((resolve) => setTimeout(resolve, TEST_POLL_MS));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 500));
    await stopResilienceEmulator();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await startResilienceEmulator();
    const restartedAt = Date.now();
    const deadline = restartedAt + 20_000;
    while (Date.now() < deadline && !answers.some((a) => a.at > restartedAt && a.status === 200)) {
      await new Promise((resolve) => setTimeout(resolve, TEST_POLL_MS));
    }
    polling = false;
    await poller;

    expect(answers[0].status).toBe(200);
    const failures = answers.filter((a) => a.status !== 200);
    expect(failures.length).toBeGreaterThan(0);
    // Retryable, as the page's error budget expects: the network, not the user, was at fault.
    expect(new Set(failures.map((a) => a.code))).toEqual(new Set(['NetworkError']));
    expect(failures.every((a) => a.status === 502)).toBe(true);
    expect(answers.at(-1)?.status).toBe(200);
  });
});
