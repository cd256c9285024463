import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:https';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type Emulator } from './emulator';
import { BUILT_IN_ROLE_PERMISSIONS, decideAccess, findSandboxIdentity, permissionsIn, rbacActionOf, SANDBOX_CLIENT_ID, SANDBOX_IDENTITY_TENANT_ID } from './identities';
import { armRequest } from './test-client';
import { EDGE_SUBSCRIPTION_ID, PRODUCTION_SUBSCRIPTION_ID } from './world';

const CLUSTER = `/subscriptions/${PRODUCTION_SUBSCRIPTION_ID}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
const EXTENSION = `${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const reader = findSandboxIdentity('reader')!;
const contributor = findSandboxIdentity('contributor')!;
const owner = findSandboxIdentity('owner')!;

describe('rbacActionOf', () => {
  it('names ARM actions as RBAC does', () => {
    expect(rbacActionOf('PUT', EXTENSION)).toEqual({ action: 'Microsoft.KubernetesConfiguration/extensions/write', scope: EXTENSION });
    expect(rbacActionOf('DELETE', EXTENSION).action).toBe('Microsoft.KubernetesConfiguration/extensions/delete');
    expect(rbacActionOf('POST', `${CLUSTER}/runCommand`)).toEqual({ action: 'Microsoft.ContainerService/managedClusters/runCommand/action', scope: CLUSTER });
    expect(rbacActionOf('POST', `/subscriptions/${PRODUCTION_SUBSCRIPTION_ID}/providers/Microsoft.Relay/register`).action).toBe('Microsoft.Relay/register/action');
  });
});

describe('decideAccess', () => {
  it('lets a reader read everything and write nothing, with ARM’s wording', () => {
    expect(decideAccess(reader, 'GET', EXTENSION)).toEqual({ allowed: true });
    const refused = decideAccess(reader, 'PUT', EXTENSION);
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.message).toContain(
      `The client '${reader.upn}' with object id '${reader.oid}' does not have authorization to perform action 'Microsoft.KubernetesConfiguration/extensions/write' over scope '${EXTENSION}'`,
    );
  });

  it('keeps a contributor to their one subscription, reads included', () => {
    expect(decideAccess(contributor, 'PUT', EXTENSION)).toEqual({ allowed: true });
    expect(decideAccess(contributor, 'GET', `/subscriptions/${EDGE_SUBSCRIPTION_ID}/resourcegroups`).allowed).toBe(false);
    expect(decideAccess(contributor, 'POST', '/providers/Microsoft.ResourceGraph/resources')).toEqual({ allowed: true });
  });
});

describe('permissionsIn: the role entries that decide access', () => {
  it.each([
    ['owner', PRODUCTION_SUBSCRIPTION_ID, [BUILT_IN_ROLE_PERMISSIONS.Owner]],
    ['owner', EDGE_SUBSCRIPTION_ID, [BUILT_IN_ROLE_PERMISSIONS.Owner]],
    ['contributor', PRODUCTION_SUBSCRIPTION_ID, [BUILT_IN_ROLE_PERMISSIONS.Contributor]],
    ['contributor', EDGE_SUBSCRIPTION_ID, []],
    ['reader', EDGE_SUBSCRIPTION_ID, [BUILT_IN_ROLE_PERMISSIONS.Reader]],
  ])('%s in %s', (key, subscriptionId, expected) => {
    expect(permissionsIn(findSandboxIdentity(key)!, subscriptionId.toUpperCase())).toEqual(expected);
  });

  it('are what decideAccess reads: a Contributor’s notActions refuse role assignments, an Owner’s `*` does not', () => {
    const assignment = `/subscriptions/${PRODUCTION_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleAssignments/0f1e2d3c`;
    const refused = decideAccess(contributor, 'PUT', assignment);
    expect(!refused.allowed && refused.action).toBe('Microsoft.Authorization/roleAssignments/write');
    expect(decideAccess(owner, 'PUT', assignment)).toEqual({ allowed: true });
  });

  it('let a reader read their own permissions but run no action', () => {
    expect(decideAccess(reader, 'GET', `${CLUSTER}/providers/Microsoft.Authorization/permissions`)).toEqual({ allowed: true });
    expect(decideAccess(reader, 'POST', `${CLUSTER}/runCommand`).allowed).toBe(false);
  });
});

/** The emulator's token endpoint, form-encoded as msal sends it. */
function postForm(emu: Emulator, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = new URLSearchParams(form).toString();
    const req = request(`${emu.endpoint}/${SANDBOX_IDENTITY_TENANT_ID}/oauth2/v2.0/token`, { method: 'POST', ca: emu.ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the emulator’s sign-in authority and RBAC', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ provisioningMs: 200 });
  });
  afterAll(async () => emu.close());

  async function codeFor(user: string, verifier: string): Promise<string> {
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const minted = await armRequest(emu, 'POST', '/_sandbox/identity/authorize', {
      token: null,
      body: { user, clientId: SANDBOX_CLIENT_ID, redirectUri: 'http://localhost/auth/callback', codeChallenge: challenge, codeChallengeMethod: 'S256', nonce: 'n' },
    });
    return (minted.body as { code: string }).code;
  }

  const redeem = (code: string, verifier: string) =>
    postForm(emu, { grant_type: 'authorization_code', client_id: SANDBOX_CLIENT_ID, code, code_verifier: verifier, redirect_uri: 'http://localhost/auth/callback' });

  it('refuses a code redeemed with the wrong PKCE verifier', async () => {
    const code = await codeFor('owner', randomBytes(32).toString('base64url'));
    const answer = await redeem(code, randomBytes(32).toString('base64url'));
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('answers the reader 403 AuthorizationFailed on writes, while opaque tokens keep full rights', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const tokens = await redeem(await codeFor('reader', verifier), verifier);
    expect(tokens.status).toBe(200);
    const accessToken = tokens.body.access_token as string;
    expect((await armRequest(emu, 'GET', `${CLUSTER}?api-version=2026-04-01`, { token: accessToken })).status).toBe(200);
    const write = await armRequest(emu, 'PUT', `${EXTENSION}?api-version=2023-05-01`, { token: accessToken, body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes' } } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ error: { code: 'AuthorizationFailed', message: expect.stringContaining('Microsoft.KubernetesConfiguration/extensions/write') } });
    expect((await armRequest(emu, 'GET', `${CLUSTER}?api-version=2026-04-01`, { token: `${accessToken.slice(0, -2)}xx` })).status).toBe(401);
    expect((await armRequest(emu, 'GET', `${EXTENSION}?api-version=2023-05-01`, { token: 'sandbox' })).status).not.toBe(403);
  });
});
