import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { auditErrorOf, recordAudit } from '@/lib/audit/audit';
import { describeCaller } from '@/lib/auth/caller';
import { registerProvider, type ProviderState, type RegisterProviderOptions } from '@/lib/azure/providers';

/**
 * Registers a resource provider (`lib/azure/providers.ts` `registerProvider`: POST register, then
 * re-reads until `Registered`) and records it in the audit trail: `succeeded` when it is
 * registered, `failed` with the error otherwise (including the time-out while Azure is still
 * registering). The wizard's server action calls this, not `registerProvider` directly. Errors
 * are rethrown unchanged (AppError); recording never changes them.
 */
export async function registerProviderAudited(
  credential: TokenCredential,
  subscriptionId: string,
  namespace: string,
  options: RegisterProviderOptions = {},
): Promise<ProviderState> {
  const actor = await describeCaller(credential);
  const base = { actor, action: 'register-provider' as const, subscriptionId, settings: { namespace } };
  try {
    const state = await registerProvider(credential, subscriptionId, namespace, options);
    await recordAudit({ ...base, outcome: 'succeeded' });
    return state;
  } catch (err) {
    await recordAudit({ ...base, outcome: 'failed', error: auditErrorOf(err) });
    throw err;
  }
}
