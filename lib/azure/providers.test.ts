import { describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { getProviderState, listProviderStates, registerProvider } from './providers';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const RESEARCH = 'b2d94e1a-3c6f-4e8a-8f17-5a9c0d2e4b68';
const PRODUCTION = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const FAST = { pollIntervalMs: 10, maxPolls: 200 };

describe('providers against the sandbox emulator', () => {
  it('reads registration states', async () => {
    expect(await getProviderState(credential, PRODUCTION, 'Microsoft.KubernetesConfiguration')).toEqual({
      namespace: 'Microsoft.KubernetesConfiguration',
      registrationState: 'Registered',
    });
    const states = await listProviderStates(credential, RESEARCH, ['Microsoft.KubernetesConfiguration', 'Microsoft.ContainerService']);
    expect(states.map((s) => s.registrationState)).toEqual(['NotRegistered', 'Registered']);
  });

  it('gives up with ProviderRegistrationTimedOut when the poll budget runs out', async () => {
    await expect(registerProvider(credential, RESEARCH, 'Microsoft.Relay', { pollIntervalMs: 1, maxPolls: 0 })).rejects.toMatchObject({
      code: 'ProviderRegistrationTimedOut',
      retryable: true,
    });
  });

  it('registers a provider and polls until Registered', async () => {
    const state = await registerProvider(credential, RESEARCH, 'Microsoft.KubernetesConfiguration', FAST);
    expect(state.registrationState).toBe('Registered');
    expect((await getProviderState(credential, RESEARCH, 'Microsoft.KubernetesConfiguration')).registrationState).toBe('Registered');
  });

  it('translates an unknown namespace into an AppError', async () => {
    await expect(getProviderState(credential, PRODUCTION, 'Microsoft.Nope')).rejects.toMatchObject({ code: 'ResourceNotFound' });
  });
});
