import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import * as audit from '@/lib/audit/audit';
import { getProviderState } from '@/lib/azure/providers';
import { AppError } from '@/lib/errors';
import { credential, startContractEmulator, stopContractEmulator } from '@/test/contract/harness';

import { registerProviderAudited } from './provider-service';
import { OPAQUE_CALLER_NAME } from '@/lib/auth/caller';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

// The store is covered in lib/store; here only what is recorded matters.
vi.mock('@/lib/audit/audit', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/audit/audit')>()),
  recordAudit: vi.fn(async () => null),
}));

const RESEARCH = 'b2d94e1a-3c6f-4e8a-8f17-5a9c0d2e4b68';
const FAST = { pollIntervalMs: 10, maxPolls: 200 };

beforeAll(startContractEmulator);
afterAll(stopContractEmulator);

describe('registerProviderAudited', () => {
  it('registers the provider and records who registered what, succeeded', async () => {
    const state = await registerProviderAudited(credential, RESEARCH, 'Microsoft.KubernetesConfiguration', FAST);
    expect(state.registrationState).toBe('Registered');
    expect((await getProviderState(credential, RESEARCH, 'Microsoft.KubernetesConfiguration')).registrationState).toBe('Registered');
    expect(audit.recordAudit).toHaveBeenLastCalledWith({
      actor: { id: expect.stringMatching(/^token:/), name: OPAQUE_CALLER_NAME },
      action: 'register-provider',
      subscriptionId: RESEARCH,
      settings: { namespace: 'Microsoft.KubernetesConfiguration' },
      outcome: 'succeeded',
    });
  });

  it('records a failure with its code and rethrows the same error', async () => {
    const thrown = await registerProviderAudited(credential, RESEARCH, 'Microsoft.DoesNotExist', FAST).then(
      () => {
        throw new Error('expected the registration to fail');
      },
      (err: unknown) => err as AppError,
    );
    expect(thrown).toBeInstanceOf(AppError);
    expect(audit.recordAudit).toHaveBeenLastCalledWith(
      expect.objectContaining({ action: 'register-provider', outcome: 'failed', error: { code: thrown.code, message: thrown.userMessage } }),
    );
  });
});
