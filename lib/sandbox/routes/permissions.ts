/**
 * The caller's effective permissions (`@azure/arm-authorization` `permissions.listForResource` /
 * `listForResourceGroup`, api-version 2022-04-01): a `PermissionGetResult` `{ value, nextLink? }`
 * with one `Permission` entry per role assignment covering the scope, as ARM answers it.
 *
 * The entries come from the sandbox users' role assignments (identities.ts), the same data the
 * emulator's allow/deny decision reads, so what this route says a user may do is what the
 * emulator then lets them do. An opaque token has full rights, hence `*`.
 */
import { BUILT_IN_ROLE_PERMISSIONS, permissionsIn } from '../identities';
import { paginate, type RequestContext } from '../http';
import type { Router } from '../router';

function permissionsOf(ctx: RequestContext) {
  // Unknown subscription or resource group: ARM's 404s before any answer.
  ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg);
  const entries = ctx.caller ? permissionsIn(ctx.caller, ctx.params.sub) : [BUILT_IN_ROLE_PERMISSIONS.Owner];
  // The wire shape always carries all four arrays, empty ones included.
  return entries.map((entry) => ({
    actions: [...(entry.actions ?? [])],
    notActions: [...(entry.notActions ?? [])],
    dataActions: [...(entry.dataActions ?? [])],
    notDataActions: [...(entry.notDataActions ?? [])],
  }));
}

/**
 * `GET /subscriptions/{sub}/resourcegroups/{rg}/providers/Microsoft.Authorization/permissions` and
 * `GET .../providers/{ns}/{type}/{name}/providers/Microsoft.Authorization/permissions` (a top-level
 * resource: the SDK's empty `parentResourcePath` leaves an empty segment the router skips). The
 * sandbox's roles are all on subscriptions, so a resource and its group answer alike.
 */
export function registerPermissionRoutes(router: Router): void {
  router.add('GET', '/subscriptions/{sub}/resourcegroups/{rg}/providers/Microsoft.Authorization/permissions', (ctx) =>
    paginate(ctx, permissionsOf(ctx)),
  );
  router.add('GET', '/subscriptions/{sub}/resourcegroups/{rg}/providers/{ns}/{type}/{name}/providers/Microsoft.Authorization/permissions', (ctx) =>
    paginate(ctx, permissionsOf(ctx)),
  );
}
