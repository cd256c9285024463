/** Subscriptions and resource groups (`@azure/arm-resources-subscriptions`, `@azure/arm-resources`). */
import { ok, paginate, type RequestContext } from '../http';
import type { Router } from '../router';
import type { WorldResourceGroup, WorldSubscription } from '../world-types';

function subscriptionBody(ctx: RequestContext, s: WorldSubscription) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: ctx.state.world.tenantId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
  };
}

function resourceGroupBody(subscriptionId: string, rg: WorldResourceGroup) {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${rg.name}`,
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    tags: {},
    properties: { provisioningState: 'Succeeded' },
  };
}

/** `GET /subscriptions[/{sub}]`, `GET /subscriptions/{sub}/resourcegroups[/{rg}]`. */
export function registerSubscriptionRoutes(router: Router): void {
  router.add('GET', '/subscriptions', (ctx) =>
    paginate(ctx, ctx.state.world.subscriptions.map((s) => subscriptionBody(ctx, s))),
  );
  router.add('GET', '/subscriptions/{sub}', (ctx) => ok(subscriptionBody(ctx, ctx.state.subscription(ctx.params.sub))));
  router.add('GET', '/subscriptions/{sub}/resourceGroups', (ctx) => {
    const s = ctx.state.subscription(ctx.params.sub);
    return paginate(ctx, s.resourceGroups.map((rg) => resourceGroupBody(s.subscriptionId, rg)));
  });
  router.add('GET', '/subscriptions/{sub}/resourceGroups/{rg}', (ctx) => {
    const s = ctx.state.subscription(ctx.params.sub);
    return ok(resourceGroupBody(s.subscriptionId, ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg)));
  });
}
