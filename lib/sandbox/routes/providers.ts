/** Resource provider registration (`@azure/arm-resources` `providers.get/list/register`). */
import { ArmError, ok, paginate, type RequestContext } from '../http';
import { beginProviderRegistration } from '../operations';
import type { Router } from '../router';
import { KNOWN_PROVIDERS } from '../world-types';

function providerBody(ctx: RequestContext, subscriptionId: string, namespace: string) {
  const known = KNOWN_PROVIDERS.find((n) => n.toLowerCase() === namespace.toLowerCase());
  if (!known) {
    throw new ArmError(404, 'InvalidResourceNamespace', `The resource namespace '${namespace}' is invalid.`);
  }
  return {
    id: `/subscriptions/${subscriptionId}/providers/${known}`,
    namespace: known,
    registrationState: ctx.state.providerState(subscriptionId, known) ?? 'NotRegistered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: [],
  };
}

/** `GET /subscriptions/{sub}/providers[/{ns}]`, `POST .../providers/{ns}/register`. */
export function registerProviderRoutes(router: Router): void {
  router.add('GET', '/subscriptions/{sub}/providers', (ctx) => {
    const s = ctx.state.subscription(ctx.params.sub);
    return paginate(ctx, KNOWN_PROVIDERS.map((ns) => providerBody(ctx, s.subscriptionId, ns)));
  });
  router.add('GET', '/subscriptions/{sub}/providers/{ns}', (ctx) => {
    const s = ctx.state.subscription(ctx.params.sub);
    return ok(providerBody(ctx, s.subscriptionId, ctx.params.ns));
  });
  router.add('POST', '/subscriptions/{sub}/providers/{ns}/register', (ctx) => {
    const s = ctx.state.subscription(ctx.params.sub);
    providerBody(ctx, s.subscriptionId, ctx.params.ns); // 404 for unknown namespaces before any change
    beginProviderRegistration(ctx.state, s.subscriptionId, ctx.params.ns);
    return ok(providerBody(ctx, s.subscriptionId, ctx.params.ns));
  });
}
