/**
 * Records every HTTP exchange the portal's SDK clients make, as it went over the wire: a pipeline
 * policy placed after the SDK's sign phase (so each retry and each LRO poll is one exchange),
 * added to the clients `createArmClients` hands out for a credential. The portal's own modules
 * (lib/azure) get the same cached clients for that credential, so their calls are recorded too;
 * nothing in lib/ changes.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { Pipeline, PipelinePolicy } from '@azure/core-rest-pipeline';

import { createArmClients, type ArmClients } from '@/lib/azure/clients';

import type { Exchange } from './openapi';

const POLICY_NAME = 'contract-exchange-recorder';

function parsed(text: unknown): unknown {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: kept as text, which no JSON schema accepts, so it shows up as a deviation.
    return text;
  }
}

export class ExchangeLog {
  readonly exchanges: Exchange[] = [];

  readonly policy: PipelinePolicy = {
    name: POLICY_NAME,
    sendRequest: async (request, next) => {
      const response = await next(request);
      this.exchanges.push({
        method: request.method,
        url: request.url,
        requestBody: parsed(request.body),
        status: response.status,
        responseBody: parsed(response.bodyAsText),
      });
      return response;
    },
  };

  /** The exchanges recorded from now on, read when `work` is done. */
  async during(work: () => Promise<unknown>): Promise<Exchange[]> {
    const start = this.exchanges.length;
    await work();
    return this.exchanges.slice(start);
  }

  /**
   * Adds the recorder to every client of `credential`'s bundles: tenant scope and each of
   * `subscriptionIds` (the portal looks bundles up by credential and subscription).
   */
  async attach(credential: TokenCredential, subscriptionIds: readonly string[]): Promise<void> {
    const bundles = [await createArmClients(credential), ...(await Promise.all(subscriptionIds.map((id) => createArmClients(credential, id))))];
    for (const bundle of bundles) {
      for (const key of Object.keys(bundle) as Array<keyof ArmClients>) {
        if (key === 'subscriptionId') continue;
        // Subscription-scoped clients throw when built without one (the tenant-scope bundle).
        let client: { pipeline: Pipeline } | undefined;
        try {
          client = bundle[key] as unknown as { pipeline: Pipeline };
        } catch {
          continue;
        }
        if (!client.pipeline.getOrderedPolicies().some((p) => p.name === POLICY_NAME)) client.pipeline.addPolicy(this.policy, { afterPhase: 'Sign' });
      }
    }
  }
}
