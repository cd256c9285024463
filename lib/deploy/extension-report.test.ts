/** What the status page shows beside the status: the portal's history, its writes, the DNS check. */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { recordAudit } from '@/lib/audit/audit';
import { clearStatusCoalescing, forgetExtensionStatus } from '@/lib/azure/extension-status';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { SETTLED_READ_WINDOW_MS } from '@/lib/domain/watch-cadence';
import { getDatabase } from '@/lib/store/database';
import { recordSeenState } from '@/lib/store/provisioning-history';

import { HTTPS_AKS_EXTENSION, sandboxCredential } from '../../test/helpers/sandbox-env';
import { readExtensionReport, WRITES_SHOWN } from './extension-report';

vi.mock('@/lib/deploy/dns-check', () => ({ checkDns: vi.fn(async () => ({ state: 'not-checkable' })) }));

const credential = sandboxCredential();
const cluster = parseExtensionId(HTTPS_AKS_EXTENSION)!;

describe('readExtensionReport', () => {
  it("lists the portal's own writes on the extension, oldest first, and only this extension's", async () => {
    const actor = { id: 'oid-olivia', name: 'Olivia Owner' };
    // As beginExtensionWrite records them: with the cluster's id.
    const clusterId = cluster.clusterId;
    await recordAudit({ actor, action: 'update', clusterId, extensionId: HTTPS_AKS_EXTENSION, settings: { installPromOp: 'False' }, outcome: 'succeeded' });
    await recordAudit({ actor, action: 'update', clusterId, extensionId: `${cluster.clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/other`, outcome: 'failed' });
    await recordAudit({ actor, action: 'update', clusterId, extensionId: HTTPS_AKS_EXTENSION.toUpperCase().replace('SUBSCRIPTIONS', 'subscriptions'), outcome: 'accepted' });
    const report = await readExtensionReport(credential, HTTPS_AKS_EXTENSION);
    expect(report.writes.map((w) => [w.action, w.actor, w.outcome])).toEqual([
      ['update', 'Olivia Owner', 'succeeded'],
      // Recorded as accepted; the read saw Succeeded and settled it (status-service.ts).
      ['update', 'Olivia Owner', 'succeeded'],
    ]);
    expect(report.writes.length).toBeLessThanOrEqual(WRITES_SHOWN);
    expect(report.history.at(-1)).toMatchObject({ state: 'Succeeded' });
    expect(report.dns).toEqual({ state: 'not-checkable' });
  });

  describe('store reads', () => {
    // Shared reads live in aligned windows: the clock is frozen at the start of a settled one, so
    // every poll below is in it. Only `Date` is faked (sockets and timers run as usual).
    const freezeAtWindowStart = () =>
      vi.useFakeTimers({ toFake: ['Date'], now: Math.ceil(Date.now() / SETTLED_READ_WINDOW_MS) * SETTLED_READ_WINDOW_MS });
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });
    // The three the report itself makes: the seen states, the trail's latest rows, the certificate.
    const REPORT_TABLES = /provisioning_history|audit_entries|extension_certificates/;
    const reportQueries = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.filter(([sql]) => REPORT_TABLES.test(String(sql))).length;

    it('a poll that changed nothing costs no store query in the read window', async () => {
      freezeAtWindowStart();
      clearStatusCoalescing();
      const first = await readExtensionReport(credential, HTTPS_AKS_EXTENSION);
      const query = vi.spyOn(getDatabase(), 'query');
      const again = [];
      for (let poll = 0; poll < 3; poll += 1) again.push(await readExtensionReport(credential, HTTPS_AKS_EXTENSION));
      // Before, each poll read the history, the trail and the certificate: 9 queries.
      expect(reportQueries(query)).toBe(0);
      const storePart = (report: typeof first) => ({ history: report.history, writes: report.writes, certificate: report.certificate });
      for (const report of again) expect(storePart(report)).toEqual(storePart(first));
    });

    it('a write is seen at once: forgetting the extension (what every write does) drops its store reads', async () => {
      freezeAtWindowStart();
      clearStatusCoalescing();
      const before = await readExtensionReport(credential, HTTPS_AKS_EXTENSION);
      const actor = { id: 'oid-walter', name: 'Walter Writer' };
      await recordAudit({ actor, action: 'update', clusterId: cluster.clusterId, extensionId: HTTPS_AKS_EXTENSION, outcome: 'refused' });
      // Within the window, with no write through the portal's path, the shared answer stands.
      expect((await readExtensionReport(credential, HTTPS_AKS_EXTENSION)).writes).toEqual(before.writes);
      // update-service.ts and extension-management.ts call this once ARM accepted a write.
      forgetExtensionStatus(HTTPS_AKS_EXTENSION);
      const after = await readExtensionReport(credential, HTTPS_AKS_EXTENSION);
      expect(after.writes.at(-1)).toMatchObject({ actor: 'Walter Writer', outcome: 'refused' });
    });

    it('a provisioning state this poll recorded is in its history at once', async () => {
      freezeAtWindowStart();
      clearStatusCoalescing();
      await readExtensionReport(credential, HTTPS_AKS_EXTENSION);
      // Another replica saw the extension Updating, then this one sees Succeeded again in the same window.
      vi.setSystemTime(Date.now() + 1_000);
      await recordSeenState(HTTPS_AKS_EXTENSION, 'Updating');
      vi.setSystemTime(Date.now() + 1_000);
      const report = await readExtensionReport(credential, HTTPS_AKS_EXTENSION);
      expect(report.history.slice(-2).map((s) => s.state)).toEqual(['Updating', 'Succeeded']);
    });
  });
});
