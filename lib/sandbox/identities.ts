/**
 * The sandbox's people: who can sign in through the emulator's identity provider and what Azure
 * RBAC would let each of them do. Plain data plus pure checks, so the emulator, the portal's
 * sandbox authorize page and tests read the same list.
 */
import { isActionGranted, type PermissionEntry } from '@/lib/domain/permissions';

import { PRODUCTION_SUBSCRIPTION_ID, SANDBOX_TENANT_ID } from './world';

/** Which subscriptions a role assignment covers: every one, or the listed ids. */
export type SubscriptionScope = 'all' | readonly string[];

/** The Azure built-in roles the sandbox's people hold. */
export type BuiltInRole = 'Owner' | 'Contributor' | 'Reader';

/**
 * The built-in roles' `permissions` as Azure defines them (`az role definition list --name
 * Contributor`). The one source of the sandbox's access: the emulator's allow/deny decision and its
 * `Microsoft.Authorization/permissions` answers both read these.
 */
export const BUILT_IN_ROLE_PERMISSIONS: Readonly<Record<BuiltInRole, PermissionEntry>> = {
  Owner: { actions: ['*'], notActions: [], dataActions: [], notDataActions: [] },
  Contributor: {
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Purview/consents/write',
      'Microsoft.Purview/consents/delete',
      'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
      'Microsoft.Subscription/cancel/action',
      'Microsoft.Subscription/enable/action',
    ],
    dataActions: [],
    notDataActions: [],
  },
  Reader: { actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] },
};

/** One role assignment: a built-in role on some subscriptions. */
export interface RoleAssignment {
  role: BuiltInRole;
  subscriptions: SubscriptionScope;
}

/** One sandbox user and the rights Azure RBAC would give them. */
export interface SandboxIdentity {
  /** Short handle for tests and `login_hint` (`owner`, `contributor`, `reader`). */
  key: string;
  /** Entra object id: the `oid` claim ARM names in `AuthorizationFailed`. */
  oid: string;
  /** User principal name: the `upn` / `preferred_username` claims. */
  upn: string;
  name: string;
  /** The role as a person would describe it, shown on the sign-in pages. */
  role: string;
  /** What Azure RBAC gives them: everything they may do follows from these. */
  assignments: readonly RoleAssignment[];
}

/** The app registration the portal uses against the sandbox identity provider. */
export const SANDBOX_CLIENT_ID = 'a5e1c0de-5a4d-4b0c-9e11-0c1a55e5a4d1';
/** Its client secret: not a secret (the sandbox is local), but msal's confidential client needs one. */
export const SANDBOX_CLIENT_SECRET = 'sandbox-client-secret';

export const SANDBOX_IDENTITIES: readonly SandboxIdentity[] = [
  {
    key: 'owner',
    oid: '0a1b2c3d-0000-4000-8000-00000000000a',
    upn: 'olivia.owner@contoso.example',
    name: 'Olivia Owner',
    role: 'Owner of every subscription',
    assignments: [{ role: 'Owner', subscriptions: 'all' }],
  },
  {
    key: 'contributor',
    oid: '0a1b2c3d-0000-4000-8000-00000000000c',
    upn: 'carlos.contributor@contoso.example',
    name: 'Carlos Contributor',
    role: 'Contributor on Contoso ML Production only',
    assignments: [{ role: 'Contributor', subscriptions: [PRODUCTION_SUBSCRIPTION_ID] }],
  },
  {
    key: 'reader',
    oid: '0a1b2c3d-0000-4000-8000-00000000000e',
    upn: 'rita.reader@contoso.example',
    name: 'Rita Reader',
    role: 'Reader of every subscription (no writes)',
    assignments: [{ role: 'Reader', subscriptions: 'all' }],
  },
];

/** The tenant every sandbox user belongs to (the seeded world's). */
export const SANDBOX_IDENTITY_TENANT_ID = SANDBOX_TENANT_ID;

/** A sandbox user by key, oid or UPN (case-insensitive), or undefined. */
export function findSandboxIdentity(handle: string): SandboxIdentity | undefined {
  const wanted = handle.trim().toLowerCase();
  return SANDBOX_IDENTITIES.find((u) => u.key === wanted || u.oid === wanted || u.upn.toLowerCase() === wanted);
}

/** Pure: true when the scope covers the subscription (ids compare case-insensitively, as in ARM). */
export function scopeCovers(scope: SubscriptionScope, subscriptionId: string): boolean {
  if (scope === 'all') return true;
  return scope.some((id) => id.toLowerCase() === subscriptionId.toLowerCase());
}

/**
 * Pure: the caller's effective permissions in a subscription, one entry per role assignment that
 * covers it, as ARM's `Microsoft.Authorization/permissions` answers them. Empty: no access at all.
 */
export function permissionsIn(user: SandboxIdentity, subscriptionId: string): PermissionEntry[] {
  return user.assignments
    .filter((assignment) => scopeCovers(assignment.subscriptions, subscriptionId))
    .map((assignment) => BUILT_IN_ROLE_PERMISSIONS[assignment.role]);
}

/**
 * Pure: the RBAC action ARM would check for a request, e.g. `Microsoft.KubernetesConfiguration/
 * extensions/write`, and the scope it applies to. Segments after the last `providers/{namespace}`
 * alternate type and name; an odd one out at the end is an action (`register`, `listKeys`,
 * `runCommand`), whose scope is the resource it acts on.
 */
export function rbacActionOf(method: string, pathname: string): { action: string; scope: string } {
  const segments = pathname.split('/').filter(Boolean);
  const providerIndex = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  const verb = method.toUpperCase() === 'DELETE' ? 'delete' : method.toUpperCase() === 'GET' ? 'read' : 'write';
  if (providerIndex < 0 || providerIndex + 1 >= segments.length) {
    // Subscription-level paths (resource groups): ARM names them Microsoft.Resources.
    return { action: `Microsoft.Resources/subscriptions/${verb}`, scope: `/${segments.join('/')}` };
  }
  const namespace = segments[providerIndex + 1];
  const rest = segments.slice(providerIndex + 2);
  const types = rest.filter((_, index) => index % 2 === 0);
  if (rest.length % 2 === 1 && method.toUpperCase() === 'POST') {
    return { action: `${[namespace, ...types].join('/')}/action`, scope: `/${segments.slice(0, -1).join('/')}` };
  }
  return { action: `${[namespace, ...types].join('/')}/${verb}`, scope: `/${segments.join('/')}` };
}

/** Pure: the subscription id in an ARM path, or undefined for tenant-level paths. */
export function subscriptionOfPath(pathname: string): string | undefined {
  const match = /^\/subscriptions\/([^/]+)/i.exec(pathname);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/** Resource Graph queries are reads even though they are POSTs. */
const RESOURCE_GRAPH_PATH = /^\/providers\/Microsoft\.ResourceGraph\/resources$/i;

/** What the emulator decides for one ARM request of a signed-in sandbox user. */
export type AccessDecision = { allowed: true } | { allowed: false; action: string; scope: string; message: string };

/**
 * Pure: Azure RBAC for the sandbox. A request under a subscription is allowed when the user's
 * role assignments there grant its action ({@link rbacActionOf}, read with Azure's wildcards and
 * notActions). Tenant-level reads (the subscription list, Resource Graph) are allowed and filtered
 * to what the user can see by the emulator. The refusal uses ARM's own `AuthorizationFailed`
 * wording so the portal's error translation is exercised for real.
 */
export function decideAccess(user: SandboxIdentity, method: string, pathname: string): AccessDecision {
  const isTenantRead = method.toUpperCase() === 'GET' || (method.toUpperCase() === 'POST' && RESOURCE_GRAPH_PATH.test(pathname));
  const subscriptionId = subscriptionOfPath(pathname);
  const { action, scope } = rbacActionOf(method, pathname);
  if (!subscriptionId && isTenantRead) return { allowed: true };
  if (subscriptionId && isActionGranted(permissionsIn(user, subscriptionId), action)) return { allowed: true };
  return {
    allowed: false,
    action,
    scope,
    message: `The client '${user.upn}' with object id '${user.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  };
}

/** Pure: the subscription ids a user may see (any role there), of those given (for lists and Resource Graph). */
export function visibleSubscriptions(user: SandboxIdentity, subscriptionIds: readonly string[]): string[] {
  return subscriptionIds.filter((id) => permissionsIn(user, id).length > 0);
}
