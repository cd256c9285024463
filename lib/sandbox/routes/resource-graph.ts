/**
 * Azure Resource Graph (`@azure/arm-resourcegraph` `resources`). There is no KQL engine: the
 * sandbox recognises exactly the portal's fleet query and answers it from its extensions.
 */
import { AZUREML_EXTENSIONS_QUERY, normaliseKql, type FleetRow } from '@/lib/domain/fleet-query';
import { ArmError, bodyObject, ok, type RequestContext } from '../http';
import { isAzureMl } from '../kube';
import type { Router } from '../router';

/** Rows per page when the caller sends no `$top`: small, so paging is exercised. */
export const GRAPH_PAGE_SIZE = 5;
/** Largest page Resource Graph serves, whatever `$top` asks for. */
export const GRAPH_MAX_PAGE_SIZE = 1000;

function fleetRows(ctx: RequestContext, subscriptions: string[] | undefined): FleetRow[] {
  const wanted = subscriptions?.map((s) => s.toLowerCase());
  return [...ctx.state.extensions.values()]
    .filter((e) => isAzureMl(e.extensionType))
    .filter((e) => !wanted || wanted.includes(e.cluster.seed.subscriptionId.toLowerCase()))
    .map((e) => ({
      id: e.id,
      name: e.name,
      subscriptionId: e.cluster.seed.subscriptionId,
      // Resource Graph reports resource groups lower-case.
      resourceGroup: e.cluster.seed.resourceGroup.toLowerCase(),
      location: e.cluster.seed.location,
      clusterId: e.cluster.id,
      clusterName: e.cluster.seed.name,
      clusterType: e.cluster.seed.kind,
      version: e.currentVersion ?? e.version ?? '',
      provisioningState: e.provisioningState,
    }))
    .sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : a.id.toLowerCase() > b.id.toLowerCase() ? 1 : 0));
}

function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through to the ARM error below
  }
  throw new ArmError(400, 'InvalidSkipToken', 'The $skipToken is not valid.');
}

const encodeSkipToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');

/** `POST /providers/Microsoft.ResourceGraph/resources`. */
export function registerResourceGraphRoutes(router: Router): void {
  router.add('POST', '/providers/Microsoft.ResourceGraph/resources', (ctx) => {
    const body = bodyObject(ctx);
    if (typeof body.query !== 'string' || normaliseKql(body.query) !== normaliseKql(AZUREML_EXTENSIONS_QUERY)) {
      throw new ArmError(
        400,
        'InvalidQuery',
        "The sandbox only answers the portal's fleet query (AZUREML_EXTENSIONS_QUERY in lib/domain/fleet-query.ts); it has no KQL engine.",
      );
    }
    const subs = Array.isArray(body.subscriptions) ? body.subscriptions.filter((s): s is string => typeof s === 'string') : undefined;
    const options = (body.options ?? {}) as { $top?: unknown; $skip?: unknown; $skipToken?: unknown };
    const rows = fleetRows(ctx, subs);
    // As in Azure: `$top` chooses the page size up to 1000; without it the small default applies.
    const top = typeof options.$top === 'number' && options.$top > 0 ? Math.min(Math.floor(options.$top), GRAPH_MAX_PAGE_SIZE) : GRAPH_PAGE_SIZE;
    const skip = typeof options.$skip === 'number' && options.$skip > 0 ? options.$skip : 0;
    const offset = typeof options.$skipToken === 'string' && options.$skipToken !== '' ? decodeSkipToken(options.$skipToken) : skip;
    const data = rows.slice(offset, offset + top);
    const more = offset + top < rows.length;
    return ok({
      totalRecords: rows.length,
      count: data.length,
      resultTruncated: 'false',
      ...(more ? { $skipToken: encodeSkipToken(offset + top) } : {}),
      data,
      facets: [],
    });
  });
}
