import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { AZUREML_EXTENSIONS_QUERY, fleetRowOf, type FleetRow } from '@/lib/domain/fleet-query';
import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';

/** Pages followed per query before giving up (Resource Graph pages hold up to 1000 rows). */
export const FLEET_MAX_PAGES = 20;
/** Rows asked for per page (Resource Graph's maximum). */
export const FLEET_PAGE_SIZE = 1000;
/** Subscriptions per query; larger sets are split into several queries. */
export const FLEET_SUBSCRIPTIONS_PER_QUERY = 1000;

async function queryChunk(credential: TokenCredential, subscriptions: string[]): Promise<FleetRow[]> {
  const { resourceGraph } = await createArmClients(credential);
  const rows: FleetRow[] = [];
  let skipToken: string | undefined;
  for (let page = 0; page < FLEET_MAX_PAGES; page += 1) {
    const response = await resourceGraph.resources({
      query: AZUREML_EXTENSIONS_QUERY,
      subscriptions,
      options: { resultFormat: 'objectArray', top: FLEET_PAGE_SIZE, ...(skipToken ? { skipToken } : {}) },
    });
    const data: unknown[] = Array.isArray(response.data) ? response.data : [];
    // A row missing a column, or with one of another type, is kept with that cell blank; only one without an id is dropped.
    for (const item of data) {
      const row = fleetRowOf(item);
      if (row) rows.push(row);
    }
    skipToken = response.skipToken;
    if (!skipToken) return rows;
  }
  throw new AppError({
    code: 'Unexpected',
    status: 500,
    userText: { key: 'resources.fleetTooLarge', values: { max: FLEET_MAX_PAGES * FLEET_PAGE_SIZE } },
  });
}

/**
 * Every Azure ML extension (`Microsoft.AzureML.Kubernetes`) in the given subscriptions, in one
 * Resource Graph query per 1000 subscriptions, following `$skipToken` to the end (bounded).
 */
export async function listAzureMlExtensions(credential: TokenCredential, subscriptionIds: readonly string[]): Promise<FleetRow[]> {
  if (subscriptionIds.length === 0) return [];
  try {
    const rows: FleetRow[] = [];
    for (let start = 0; start < subscriptionIds.length; start += FLEET_SUBSCRIPTIONS_PER_QUERY) {
      rows.push(...(await queryChunk(credential, subscriptionIds.slice(start, start + FLEET_SUBSCRIPTIONS_PER_QUERY))));
    }
    return rows;
  } catch (err) {
    throw toAppError(err, { action: 'query the Azure Machine Learning extensions' });
  }
}
