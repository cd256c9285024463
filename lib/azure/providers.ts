import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';

/** `Registered`, `NotRegistered`, `Registering`, `Unregistering`, `Unregistered`. */
export type ProviderRegistrationState = string;

export interface ProviderState {
  namespace: string;
  registrationState: ProviderRegistrationState;
}

/** How often to re-read a provider while it registers. ARM takes seconds to minutes. */
export const PROVIDER_REGISTRATION_POLL_INTERVAL_MS = 2_000;
/** How many re-reads before giving up; with the interval above, about two minutes. */
export const PROVIDER_REGISTRATION_MAX_POLLS = 60;

const REGISTERED = 'Registered';

export async function getProviderState(credential: TokenCredential, subscriptionId: string, namespace: string): Promise<ProviderState> {
  const target = `/subscriptions/${subscriptionId}/providers/${namespace}`;
  try {
    const { resources } = await createArmClients(credential, subscriptionId);
    const provider = await resources.providers.get(namespace);
    return { namespace: provider.namespace ?? namespace, registrationState: provider.registrationState ?? 'Unknown' };
  } catch (err) {
    throw toAppError(err, { action: `read the registration of ${namespace}`, target });
  }
}

/** The states of several providers in one subscription, read in parallel, in the order asked. */
export async function listProviderStates(
  credential: TokenCredential,
  subscriptionId: string,
  namespaces: readonly string[],
): Promise<ProviderState[]> {
  return Promise.all(namespaces.map((namespace) => getProviderState(credential, subscriptionId, namespace)));
}

export interface RegisterProviderOptions {
  pollIntervalMs?: number;
  maxPolls?: number;
  abortSignal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * Registers a resource provider in a subscription (POST register), then re-reads it until it is
 * `Registered`, at most {@link PROVIDER_REGISTRATION_MAX_POLLS} times; past that it fails with
 * `ProviderRegistrationTimedOut` (retryable: registration continues in Azure).
 */
export async function registerProvider(
  credential: TokenCredential,
  subscriptionId: string,
  namespace: string,
  options: RegisterProviderOptions = {},
): Promise<ProviderState> {
  const target = `/subscriptions/${subscriptionId}/providers/${namespace}`;
  const interval = options.pollIntervalMs ?? PROVIDER_REGISTRATION_POLL_INTERVAL_MS;
  const maxPolls = options.maxPolls ?? PROVIDER_REGISTRATION_MAX_POLLS;
  let state: ProviderState;
  try {
    const { resources } = await createArmClients(credential, subscriptionId);
    const registered = await resources.providers.register(namespace);
    state = { namespace: registered.namespace ?? namespace, registrationState: registered.registrationState ?? 'Unknown' };
  } catch (err) {
    throw toAppError(err, { action: `register ${namespace}`, target });
  }
  for (let poll = 0; state.registrationState !== REGISTERED; poll += 1) {
    if (poll >= maxPolls) {
      throw new AppError({
        code: 'ProviderRegistrationTimedOut',
        status: 504,
        retryable: true,
        target,
        userText: { key: 'resources.providerStillRegistering', values: { namespace, state: state.registrationState, subscriptionId } },
      });
    }
    await sleep(interval, options.abortSignal);
    state = await getProviderState(credential, subscriptionId, namespace);
  }
  return state;
}
