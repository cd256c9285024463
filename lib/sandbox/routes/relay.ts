/**
 * Microsoft.Relay (`@azure/arm-relay` 3.1.1, api-version 2017-04-01): what the CLI creates for an
 * Arc install (DOMAIN.md section 4). As relay.json says:
 * - errors of the provider are its `ErrorResponse`, a top-level `{ code, message }` (errors ARM
 *   raises first, such as MissingSubscriptionRegistration or ResourceGroupNotFound, keep ARM's
 *   `{ error: {...} }`);
 * - namespace PUT is long-running (`x-ms-long-running-operation`, 200/201, no async header): a new
 *   namespace answers 201 `provisioningState: Created` and reads `Created` until it is provisioned
 *   ({@link NAMESPACE_PROVISIONING_SHARE} of `provisioningMs`), then `Succeeded`; the SDK's
 *   poller follows it by GETting the namespace. Writes under a namespace that is not provisioned
 *   yet answer 409 Conflict, so a caller that does not wait fails here as it would in Azure.
 * Keys are random per rule.
 */
import { ArmError, bodyObject, isoNow, ok, paginate, stringMap, TopLevelArmError, type RequestContext } from '../http';
import { relayNamespaceId } from '../ids';
import type { Router } from '../router';
import {
  newAuthRule,
  type AuthRuleRecord,
  type HybridConnectionRecord,
  type RelayNamespaceRecord,
  type SandboxState,
} from '../state';

const RG = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Relay/namespaces';
const NS = `${RG}/{ns}`;
const HC = `${NS}/hybridConnections/{hc}`;
const RIGHTS = new Set(['Listen', 'Send', 'Manage']);

/** How long a new namespace provisions, as a share of `provisioningMs` (an extension install). */
export const NAMESPACE_PROVISIONING_SHARE = 0.5;

const nsId = (n: RelayNamespaceRecord) => relayNamespaceId(n.subscriptionId, n.resourceGroup, n.name);

/** `Created` until the namespace is provisioned, then `Succeeded` (relay.json's provisioningState enum). */
function provisioningStateOf(n: RelayNamespaceRecord, provisioningMs: number): 'Created' | 'Succeeded' {
  return Date.now() < Date.parse(n.createdAt) + provisioningMs * NAMESPACE_PROVISIONING_SHARE ? 'Created' : 'Succeeded';
}

/** Runs `read` (of the request body); the 400 it may throw is the provider's own, top-level. */
function providerRead<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ArmError && !(e instanceof TopLevelArmError)) throw new TopLevelArmError(e.status, e.code, e.message);
    throw e;
  }
}

function namespaceBody(n: RelayNamespaceRecord, provisioningMs: number) {
  return {
    id: nsId(n),
    name: n.name,
    type: 'Microsoft.Relay/Namespaces',
    location: n.location,
    tags: { ...n.tags },
    sku: { name: 'Standard', tier: 'Standard' },
    properties: {
      provisioningState: provisioningStateOf(n, provisioningMs),
      createdAt: n.createdAt,
      updatedAt: n.createdAt,
      serviceBusEndpoint: `https://${n.name}.servicebus.windows.net:443/`,
      metricId: `${n.subscriptionId}:${n.name}`,
    },
  };
}

function hybridConnectionBody(n: RelayNamespaceRecord, hc: HybridConnectionRecord) {
  return {
    id: `${nsId(n)}/hybridConnections/${hc.name}`,
    name: hc.name,
    type: 'Microsoft.Relay/Namespaces/HybridConnections',
    properties: {
      createdAt: hc.createdAt,
      updatedAt: hc.createdAt,
      listenerCount: 0,
      requiresClientAuthorization: hc.requiresClientAuthorization,
      ...(hc.userMetadata !== null ? { userMetadata: hc.userMetadata } : {}),
    },
  };
}

function ruleBody(parentId: string, type: string, rule: AuthRuleRecord) {
  return { id: `${parentId}/authorizationRules/${rule.name}`, name: rule.name, type, properties: { rights: [...rule.rights] } };
}

function findNamespace(state: SandboxState, p: Record<string, string>): RelayNamespaceRecord {
  state.resourceGroup(p.sub, p.rg);
  const n = state.relayNamespaces.get(relayNamespaceId(p.sub, p.rg, p.ns).toLowerCase());
  if (!n) throw new TopLevelArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.Relay/namespaces/${p.ns}' was not found.`);
  return n;
}

/** The namespace, provisioned: writes under one still `Created` are refused with 409. */
function findProvisionedNamespace(ctx: RequestContext): RelayNamespaceRecord {
  const n = findNamespace(ctx.state, ctx.params);
  const state = provisioningStateOf(n, ctx.provisioningMs);
  if (state !== 'Succeeded') {
    throw new TopLevelArmError(
      409,
      'Conflict',
      `The namespace '${n.name}' is still being provisioned (provisioningState ${state}). Wait for it to finish and try again.`,
    );
  }
  return n;
}

function findHybridConnection(state: SandboxState, p: Record<string, string>) {
  const n = findNamespace(state, p);
  const hc = n.hybridConnections.get(p.hc.toLowerCase());
  if (!hc) throw new TopLevelArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.Relay/namespaces/${p.ns}/hybridConnections/${p.hc}' was not found.`);
  return { n, hc };
}

function findRule(rules: Map<string, AuthRuleRecord>, name: string): AuthRuleRecord {
  const r = rules.get(name.toLowerCase());
  if (!r) throw new TopLevelArmError(404, 'ResourceNotFound', `Authorization rule '${name}' was not found.`);
  return r;
}

function putRule(ctx: RequestContext, rules: Map<string, AuthRuleRecord>): AuthRuleRecord {
  ctx.state.requireRegistered(ctx.params.sub, 'Microsoft.Relay');
  const props = (providerRead(() => bodyObject(ctx)).properties ?? {}) as { rights?: unknown };
  const rights = Array.isArray(props.rights) ? props.rights.filter((r): r is string => typeof r === 'string') : [];
  if (rights.length === 0 || rights.some((r) => !RIGHTS.has(r))) {
    throw new TopLevelArmError(400, 'InvalidRequestContent', "'properties.rights' must list Listen, Send and/or Manage.");
  }
  const existing = rules.get(ctx.params.rule.toLowerCase());
  if (existing) {
    existing.rights = rights; // keys survive a rights change, as in Azure
    return existing;
  }
  const rule = newAuthRule(ctx.params.rule, rights);
  rules.set(rule.name.toLowerCase(), rule);
  return rule;
}

function keysBody(n: RelayNamespaceRecord, rule: AuthRuleRecord, entityPath?: string) {
  const cs = (key: string) =>
    `Endpoint=sb://${n.name}.servicebus.windows.net/;SharedAccessKeyName=${rule.name};SharedAccessKey=${key}${entityPath ? `;EntityPath=${entityPath}` : ''}`;
  return {
    primaryConnectionString: cs(rule.primaryKey),
    secondaryConnectionString: cs(rule.secondaryKey),
    primaryKey: rule.primaryKey,
    secondaryKey: rule.secondaryKey,
    keyName: rule.name,
  };
}

/** Namespaces, hybrid connections, authorization rules and listKeys. */
export function registerRelayRoutes(router: Router): void {
  router.add('GET', '/subscriptions/{sub}/providers/Microsoft.Relay/namespaces', (ctx) => {
    ctx.state.subscription(ctx.params.sub);
    const sub = ctx.params.sub.toLowerCase();
    return paginate(ctx, [...ctx.state.relayNamespaces.values()].filter((n) => n.subscriptionId.toLowerCase() === sub).map((n) => namespaceBody(n, ctx.provisioningMs)));
  });
  router.add('GET', RG, (ctx) => {
    ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg);
    const [sub, rg] = [ctx.params.sub.toLowerCase(), ctx.params.rg.toLowerCase()];
    const items = [...ctx.state.relayNamespaces.values()].filter(
      (n) => n.subscriptionId.toLowerCase() === sub && n.resourceGroup.toLowerCase() === rg,
    );
    return paginate(ctx, items.map((n) => namespaceBody(n, ctx.provisioningMs)));
  });
  router.add('GET', NS, (ctx) => ok(namespaceBody(findNamespace(ctx.state, ctx.params), ctx.provisioningMs)));
  router.add('PUT', NS, (ctx) => {
    ctx.state.requireRegistered(ctx.params.sub, 'Microsoft.Relay');
    const rg = ctx.state.resourceGroup(ctx.params.sub, ctx.params.rg);
    const body = providerRead(() => bodyObject(ctx));
    const key = relayNamespaceId(ctx.params.sub, ctx.params.rg, ctx.params.ns).toLowerCase();
    const existing = ctx.state.relayNamespaces.get(key);
    const tags = providerRead(() => stringMap(body.tags, 'tags'));
    if (existing) {
      existing.tags = tags;
      return ok(namespaceBody(existing, ctx.provisioningMs));
    }
    const n: RelayNamespaceRecord = {
      subscriptionId: ctx.state.subscription(ctx.params.sub).subscriptionId,
      resourceGroup: rg.name,
      name: ctx.params.ns,
      location: typeof body.location === 'string' ? body.location.toLowerCase() : rg.location,
      tags,
      createdAt: isoNow(),
      hybridConnections: new Map(),
      rules: new Map(),
    };
    ctx.state.relayNamespaces.set(key, n);
    return { status: 201, body: namespaceBody(n, ctx.provisioningMs) };
  });
  router.add('GET', `${NS}/hybridConnections`, (ctx) => {
    const n = findNamespace(ctx.state, ctx.params);
    return paginate(ctx, [...n.hybridConnections.values()].map((hc) => hybridConnectionBody(n, hc)));
  });
  router.add('GET', HC, (ctx) => {
    const { n, hc } = findHybridConnection(ctx.state, ctx.params);
    return ok(hybridConnectionBody(n, hc));
  });
  router.add('PUT', HC, (ctx) => {
    ctx.state.requireRegistered(ctx.params.sub, 'Microsoft.Relay');
    const n = findProvisionedNamespace(ctx);
    const props = (providerRead(() => bodyObject(ctx)).properties ?? {}) as { requiresClientAuthorization?: unknown; userMetadata?: unknown };
    const hc: HybridConnectionRecord = n.hybridConnections.get(ctx.params.hc.toLowerCase()) ?? {
      name: ctx.params.hc,
      requiresClientAuthorization: true,
      userMetadata: null,
      createdAt: isoNow(),
      rules: new Map(),
    };
    hc.requiresClientAuthorization = props.requiresClientAuthorization !== false;
    hc.userMetadata = typeof props.userMetadata === 'string' ? props.userMetadata : null;
    n.hybridConnections.set(hc.name.toLowerCase(), hc);
    return ok(hybridConnectionBody(n, hc));
  });
  const nsRuleType = 'Microsoft.Relay/Namespaces/AuthorizationRules';
  const hcRuleType = 'Microsoft.Relay/Namespaces/HybridConnections/AuthorizationRules';
  router.add('GET', `${NS}/authorizationRules/{rule}`, (ctx) => {
    const n = findNamespace(ctx.state, ctx.params);
    return ok(ruleBody(nsId(n), nsRuleType, findRule(n.rules, ctx.params.rule)));
  });
  router.add('PUT', `${NS}/authorizationRules/{rule}`, (ctx) => {
    ctx.state.requireRegistered(ctx.params.sub, 'Microsoft.Relay');
    const n = findProvisionedNamespace(ctx);
    return ok(ruleBody(nsId(n), nsRuleType, putRule(ctx, n.rules)));
  });
  router.add('POST', `${NS}/authorizationRules/{rule}/listKeys`, (ctx) => {
    const n = findNamespace(ctx.state, ctx.params);
    return ok(keysBody(n, findRule(n.rules, ctx.params.rule)));
  });
  router.add('GET', `${HC}/authorizationRules/{rule}`, (ctx) => {
    const { n, hc } = findHybridConnection(ctx.state, ctx.params);
    return ok(ruleBody(`${nsId(n)}/hybridConnections/${hc.name}`, hcRuleType, findRule(hc.rules, ctx.params.rule)));
  });
  router.add('PUT', `${HC}/authorizationRules/{rule}`, (ctx) => {
    const { n, hc } = findHybridConnection(ctx.state, ctx.params);
    return ok(ruleBody(`${nsId(n)}/hybridConnections/${hc.name}`, hcRuleType, putRule(ctx, hc.rules)));
  });
  router.add('POST', `${HC}/authorizationRules/{rule}/listKeys`, (ctx) => {
    const { n, hc } = findHybridConnection(ctx.state, ctx.params);
    return ok(keysBody(n, findRule(hc.rules, ctx.params.rule), hc.name));
  });
}
