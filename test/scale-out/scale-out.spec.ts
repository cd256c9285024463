/**
 * Issue 13, "Scale-out, for real": two replicas, one PostgreSQL, one emulator. Each test shows one
 * promise a multi-replica deployment depends on; they share one set-up (about 10 s to start).
 */
import { expect, test } from '@playwright/test';

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
const auditRows = () => env.query<AuditRow>('SELECT action, extension_id, outcome FROM audit_entries ORDER BY at');

test.describe.serial('two replicas on one PostgreSQL and one emulator', () => {
  test.skip(!databaseUrl, 'needs PostgreSQL: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:54329/portal_test (.ci/run starts one)');

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    env = await startScaleOut(databaseUrl!);
    emulator = new EmulatorAdmin(env.emulator.endpoint, env.emulator.caFile);
  });

  test.afterAll(async () => {
    await env?.stop();
  });

  test('a create raced on both replicas reaches ARM once', async () => {
    await emulator.resetStats();
    const [a, b] = env.replicas;
    const racers = Array.from({ length: RACERS_PER_REPLICA * 2 }, (_, i) => create(i % 2 ? b : a, install(SLOW_CLUSTER, `azureml-race-${i}`)));
    const statuses = (await Promise.all(racers)).map((r) => r.status);
    expect(statuses.filter((s) => s === 202), `statuses ${statuses.join(', ')}`).toHaveLength(1);
    expect(await emulator.writesAccepted(), 'PUTs ARM accepted').toBe(1);
  });

  test('a session signed out on one replica is refused on the other', async ({ browser }) => {
    const [a, b] = env.replicas;
    const context = await browser.newContext({ baseURL: a.origin });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open('/');
    await signIn.signInAs('owner');
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE_NAME);
    expect(cookie, 'session cookie').toBeDefined();
    const asSession = { cookie: `${SESSION_COOKIE_NAME}=${cookie!.value}` };

    // The cookie A sealed works on B: shared SESSION_SECRET, shared session and token stores.
    const before = await create(b, install(SESSION_CLUSTER, 'azureml'), asSession);
    expect(before.status, await before.clone().text()).toBe(202);

    await signIn.signOutNow();
    const audit = await fetch(`${b.origin}/api/v1/audit`, { headers: asSession });
    expect(audit.status, 'the saved cookie on the other replica after sign-out').toBe(401);
    await context.close();
  });

  test('the audit trail holds every write exactly once', async () => {
    const rows = (await auditRows()).filter((r) => r.action === 'create' && r.extension_id);
    const byExtension = new Map<string, number>();
    for (const row of rows) byExtension.set(row.extension_id!.toLowerCase(), (byExtension.get(row.extension_id!.toLowerCase()) ?? 0) + 1);
    // The race's one accepted create and the session's create: one row each, none twice.
    expect([...byExtension.values()].every((n) => n === 1), JSON.stringify([...byExtension])).toBe(true);
    expect([...byExtension.keys()]).toEqual(
      expect.arrayContaining([expect.stringContaining('/managedclusters/aks-slow-arm/'), expect.stringContaining('/managedclusters/aks-prod-westeurope/')]),
    );
    expect(rows.filter((r) => r.outcome !== 'refused')).toHaveLength(2);
  });

  test('a replica killed mid-install leaves a row the other settles', async () => {
    const [a] = env.replicas;
    await emulator.resetStats();
    const answer = create(a, install(KILL_CLUSTER, 'azureml')).catch(() => null);
    // Killed the moment ARM accepted the PUT: before the portal can have recorded anything after it.
    await expect.poll(() => emulator.writesAccepted(), { intervals: [20], timeout: 15_000 }).toBe(1);
    await a.kill();
    await answer;

    const row = async () => (await auditRows()).find((r) => r.action === 'create' && r.extension_id?.toLowerCase().includes('/managedclusters/aks-two-nodes/'));
    expect(await row(), 'the write-ahead row of the killed create').toBeDefined();
    await expect.poll(async () => (await row())?.outcome, { timeout: 20_000, message: 'settled by the surviving replica' }).toBe('succeeded');
  });
});
