/** What the status page shows beside the status: the portal's history, its writes, the DNS check. */
import { describe, expect, it, vi } from 'vitest';

import { recordAudit } from '@/lib/audit/audit';
import { parseExtensionId } from '@/lib/domain/extension-id';

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
});
