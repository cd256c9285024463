/**
 * Issue 13, "Scale-out, for real": two replicas, one PostgreSQL, one emulator. Each test shows one
 * promise a multi-replica deployment depends on, on its own cluster, so none depends on another's
 * outcome; they share one set-up (about 10 s to start; a failure makes Playwright start a fresh one).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type Browser, type BrowserContext } from '@playwright/test';

import { SESSION_COOKIE_NAME } from '../../lib/auth/session-cookie';
import { SignInPage } from '../../e2e/pages/sign-in-page';
import { EmulatorAdmin } from './emulator-admin';
import { startScaleOut, type Replica, type ScaleOut } from './harness';

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const aks = (rg: string, name: string) => `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
/** `slow-arm`: every ARM call on it takes 1.5 s longer, so racing creates overlap for certain. */
const SLOW_CLUSTER = aks('rg-ml-platform', 'aks-slow-arm');
const KILL_CLUSTER = aks('rg-ml-prod-eastus', 'aks-two-nodes');
const SESSION_CLUSTER = aks('rg-ml-prod-westeurope', 'aks-prod-westeurope');
const AUDIT_CLUSTERS = [aks('rg-ml-prod-eastus', 'aks-gpu-nc'), aks('rg-ml-prod-westeurope', 'aks-authorized-ip-ranges')];
const RACERS_PER_REPLICA = 3;

const databaseUrl = process.env.TEST_DATABASE_URL;
let env: ScaleOut;
let emulator: EmulatorAdmin;

const install = (clusterId: string, name: string) => ({
  clusterId,
  name,
  configurationSettings: { enableTraining: 'True' },
  configurationProtectedSettings: {},
  releaseTrain: 'stable',
  autoUpgradeMinorVersion: true,
});

/** A create through one replica's API; `Origin` and the JSON type as a browser-free client sends them. */
function create(replica: Replica, body: object, auth: Record<string, string> = { authorization: 'Bearer sandbox-user' }): Promise<Response> {
  return fetch(`${replica.origin}/api/v1/extensions`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', origin: replica.origin },
    body: JSON.stringify(body),
  });
}

interface AuditRow {
  action: string;
  extension_id: string | null;
  outcome: string;
}
/** Olivia signed in through `replica`'s sign-in page; her session cookie as a request header. */
async function signInOwner(browser: Browser, replica: Replica): Promise<{ context: BrowserContext; signIn: SignInPage; cookie: Record<string, string> }> {
  const context = await browser.newContext({ baseURL: replica.origin });
  const signIn = new SignInPage(await context.newPage());
  await signIn.open('/');
  await signIn.signInAs('owner');
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE_NAME);
  expect(cookie, 'session cookie').toBeDefined();
  return { context, signIn, cookie: { cookie: `${SESSION_COOKIE_NAME}=${cookie!.value}` } };
}

const auditRows = () => env.query<AuditRow>('SELECT action, extension_id, outcome FROM audit_entries ORDER BY at');

test.describe('two replicas on one PostgreSQL and one emulator', () => {
  test.skip(!databaseUrl, 'needs PostgreSQL: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:54329/portal_test (.ci/run starts one)');

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    env = await startScaleOut(databaseUrl!);
    emulator = new EmulatorAdmin(env.emulator.endpoint, env.emulator.caFile);
  });

  test.afterAll(async () => {
    await env?.stop();
  });

  test('both replicas use the one emulator, and say so in sandbox.json', async () => {
    for (const replica of env.replicas) {
      const info = JSON.parse(readFileSync(path.join(replica.dataDir, 'sandbox.json'), 'utf8')) as { endpoint: string };
      expect(info.endpoint, replica.name).toBe(env.emulator.endpoint);
    }
  });

  test('a create raced on both replicas reaches ARM once', async () => {
    await emulator.resetStats();
    const [a, b] = env.replicas;
    const racers = Array.from({ length: RACERS_PER_REPLICA * 2 }, (_, i) => create(i % 2 ? b : a, install(SLOW_CLUSTER, `azureml-race-${i}`)));
    const statuses = (await Promise.all(racers)).map((r) => r.status);
    expect.soft(await emulator.writesAccepted(), 'PUTs ARM accepted').toBe(1);
    expect(statuses.filter((s) => s === 202), `statuses ${statuses.join(', ')}`).toHaveLength(1);
  });

  test('a session signed out on one replica is refused on the other', async ({ browser }) => {
    const [a, b] = env.replicas;
    const { context, signIn, cookie: asSession } = await signInOwner(browser, a);

    // The cookie A sealed works on B: shared SESSION_SECRET, shared session and token stores.
    const before = await create(b, install(SESSION_CLUSTER, 'azureml'), asSession);
    expect(before.status, await before.clone().text()).toBe(202);
    expect((await fetch(`${b.origin}/api/v1/audit`, { headers: asSession })).status, 'the cookie on the other replica before sign-out').toBe(200);

    await signIn.signOutNow();
    const audit = await fetch(`${b.origin}/api/v1/audit`, { headers: asSession });
    expect(audit.status, 'the saved cookie on the other replica after sign-out').toBe(401);
    await context.close();
  });

  test('the audit trail holds every write exactly once', async () => {
    await emulator.resetStats();
    const [a, b] = env.replicas;
    // One create through each replica, and a repeat of each on the other (refused: already there).
    const first = await Promise.all([create(a, install(AUDIT_CLUSTERS[0], 'azureml')), create(b, install(AUDIT_CLUSTERS[1], 'azureml'))]);
    expect(first.map((r) => r.status)).toEqual([202, 202]);
    await Promise.all([create(b, install(AUDIT_CLUSTERS[0], 'azureml')), create(a, install(AUDIT_CLUSTERS[1], 'azureml'))]);
    const writes = await emulator.writesAccepted();

    const rows = (await auditRows()).filter((r) => r.action === 'create' && AUDIT_CLUSTERS.some((c) => r.extension_id?.toLowerCase().startsWith(c.toLowerCase())));
    const sent = rows.filter((r) => r.outcome !== 'refused');
    expect(sent, 'rows of writes sent to ARM').toHaveLength(writes);
    expect(new Set(sent.map((r) => r.extension_id!.toLowerCase())).size, 'one row per extension written').toBe(sent.length);
  });

  test('a replica killed mid-install leaves a row the other settles', async ({ browser }) => {
    const [a, b] = env.replicas;
    // A signed-in user's create: the reconciler reads as the row's actor, which a bearer caller is not.
    const { context, cookie } = await signInOwner(browser, b);
    await emulator.resetStats();
    const answer = create(a, install(KILL_CLUSTER, 'azureml'), cookie).catch(() => null);
    // Killed the moment ARM accepted the PUT: before the portal can have recorded anything after it.
    await expect.poll(() => emulator.writesAccepted(), { intervals: [20], timeout: 15_000 }).toBe(1);
    await a.kill();
    await answer;

    const row = async () => (await auditRows()).find((r) => r.action === 'create' && r.extension_id?.toLowerCase().includes('/managedclusters/aks-two-nodes/'));
    expect(await row(), 'the write-ahead row of the killed create').toBeDefined();
    await expect.poll(async () => (await row())?.outcome, { timeout: 20_000, message: 'settled by the surviving replica' }).toBe('succeeded');
    await context.close();
  });
});
