import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { toAppError } from '@/lib/errors';

import { createArmClients } from './clients';

export interface SubscriptionSummary {
  /** `/subscriptions/{subscriptionId}` */
  id: string;
  subscriptionId: string;
  displayName: string;
  /** `Enabled`, `Disabled`, `Warned`, `PastDue`, `Deleted`. */
  state: string;
}

/** Every subscription the caller can see, all pages, in the order ARM returns them. */
export async function listSubscriptions(credential: TokenCredential): Promise<SubscriptionSummary[]> {
  try {
    const { subscriptions } = await createArmClients(credential);
    const result: SubscriptionSummary[] = [];
    for await (const subscription of subscriptions.subscriptions.list()) {
      if (!subscription.subscriptionId) continue;
      result.push({
        id: subscription.id ?? `/subscriptions/${subscription.subscriptionId}`,
        subscriptionId: subscription.subscriptionId,
        displayName: subscription.displayName ?? subscription.subscriptionId,
        state: subscription.state ?? 'Unknown',
      });
    }
    return result;
  } catch (err) {
    throw toAppError(err, { action: 'list your subscriptions' });
  }
}
