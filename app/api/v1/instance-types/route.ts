import { readJsonBody } from '@/lib/api/read-json-body';
import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { listClusterInstanceTypes, putInstanceType, removeInstanceType } from '@/lib/deploy/instance-type-service';
import { AppError } from '@/lib/errors';
import { domainTextFor, localeOfRequest } from '@/lib/i18n/server';

/** Per caller, live from the cluster: never prerendered or cached. */
export const dynamic = 'force-dynamic';

function requireClusterParam(request: Request): string {
  const clusterId = new URL(request.url).searchParams.get('clusterId')?.trim();
  if (!clusterId) throw new AppError({ code: 'BadRequest', status: 400, userText: { key: 'api.passClusterId' } });
  return clusterId;
}

function requireNameParam(request: Request): string {
  const name = new URL(request.url).searchParams.get('name')?.trim();
  if (!name) throw new AppError({ code: 'BadRequest', status: 400, userText: { key: 'resources.passInstanceTypeName' } });
  return name;
}

/**
 * `GET /api/v1/instance-types?clusterId=` → `{ value, gpuOffer, via, writable, reason }`: the
 * cluster's instance types (default first), whether a GPU type is offered, and whether the portal
 * can write them (the reason when not). Messages follow Accept-Language.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const clusterId = requireClusterParam(request);
    const listing = await listClusterInstanceTypes(credential, clusterId, domainTextFor(localeOfRequest(request)));
    return jsonOk({ value: listing.items, gpuOffer: listing.gpuOffer, via: listing.via, writable: listing.writable, reason: listing.reason });
  } catch (err) {
    return handleApiError(err, { action: 'read the instance types' }, request);
  }
}

/**
 * `PUT /api/v1/instance-types?clusterId=&name=` with `{ nodeSelector?, resources: { requests?, limits? } }`
 * → 200 `{ instanceType }`; 422 `{ errors: [{ key, message }] }` (nothing written); 409 while
 * another instance type write on the cluster is in flight (retryable) or the cluster cannot take it.
 */
export async function PUT(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const clusterId = requireClusterParam(request);
    const name = requireNameParam(request);
    const body = await readJsonBody(request);
    if (!body.ok) return body.response;
    const result = await putInstanceType(credential, clusterId, name, body.json, domainTextFor(localeOfRequest(request)));
    if (result.ok) return jsonOk({ instanceType: result.row });
    return jsonOk({ errors: result.errors }, { status: 422 });
  } catch (err) {
    return handleApiError(err, { action: 'write the instance type' }, request);
  }
}

/** `DELETE /api/v1/instance-types?clusterId=&name=` → 204; 404 when the cluster has none of that name. */
export async function DELETE(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const clusterId = requireClusterParam(request);
    const name = requireNameParam(request);
    await removeInstanceType(credential, clusterId, name);
    return new Response(null, { status: 204 });
  } catch (err) {
    return handleApiError(err, { action: 'delete the instance type' }, request);
  }
}
