import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { listAzureMlExtensions } from '@/lib/azure/fleet';
import { listSubscriptions } from '@/lib/azure/subscriptions';
import { certificateNoticesOf } from '@/lib/deploy/certificate-service';
import { fleetHealthOf, type FleetHealthOptions } from '@/lib/deploy/fleet-health';
import type { CertificateNotice } from '@/lib/domain/certificate-expiry';
import type { FleetHealth, FleetItem, FleetRow } from '@/lib/domain/fleet-query';

import { handleApiError, jsonOk, requireApiCredential } from './respond';

export interface FleetListing {
  value: FleetItem[];
  /** Names of the subscriptions the caller can see, for labels and the subscription filter. */
  subscriptions: Array<{ subscriptionId: string; displayName: string }>;
}

const CHECKING: FleetHealth = { state: 'checking' };

/**
 * Every Azure ML extension in every subscription the caller can see: the subscription list, then
 * ONE paged Resource Graph query that also brings each cluster's region. Each row's health comes
 * from one store read; rows without a recent one are `checking` and read after the response
 * (lib/deploy/fleet-health.ts: at most one in-cluster read per cluster per five minutes).
 */
export async function listFleet(credential: TokenCredential, healthOptions?: FleetHealthOptions): Promise<FleetListing> {
  const subscriptions = await listSubscriptions(credential);
  const rows = await listAzureMlExtensions(
    credential,
    subscriptions.map((s) => s.subscriptionId),
  );
  // The certificates the portal sent, in one store read (an unreadable store is no column, not an error).
  const certificates = await certificateNoticesOf(rows.map((row) => row.id));
  // An unreadable store is "checking" on every row (and no refresh, which would need it), not an error.
  const health = await fleetHealthOf(credential, rows, healthOptions).catch(() => new Map<string, FleetHealth>());
  return {
    value: rows.map((row) => withCertificate(toFleetItem(row, health.get(row.id.toLowerCase()) ?? CHECKING), certificates[row.id.toLowerCase()])),
    subscriptions: subscriptions.map(({ subscriptionId, displayName }) => ({ subscriptionId, displayName })),
  };
}

function withCertificate(item: FleetItem, notice: CertificateNotice | undefined): FleetItem {
  return notice ? { ...item, certificate: { state: notice.state, daysLeft: notice.daysLeft, notAfter: notice.notAfter, host: notice.host } } : item;
}

function toFleetItem(row: FleetRow, health: FleetHealth): FleetItem {
  return {
    id: row.id,
    name: row.name,
    clusterId: row.clusterId,
    clusterType: row.clusterType,
    subscriptionId: row.subscriptionId,
    location: row.location ?? '',
    version: row.version,
    provisioningState: row.provisioningState,
    health,
  };
}

/**
 * `GET /api/v1/extensions` without `clusterId` → `{ value: FleetItem[], subscriptions }`, each item
 * with its `health` (`known` with `summary` and `checkedAt`, or `checking`).
 * Credentials as the other extension routes: the bearer header, else the page visitor's.
 */
export async function handleListFleet(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    return jsonOk(await listFleet(credential));
  } catch (err) {
    return handleApiError(err, { action: 'list the Azure Machine Learning extensions' }, request);
  }
}
