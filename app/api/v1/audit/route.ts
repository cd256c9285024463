import { handleApiError, jsonError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { listAudit } from '@/lib/audit/audit';
import { InvalidAuditCursorError } from '@/lib/audit/trail';
import { AUDIT_DEFAULT_PAGE_SIZE, AUDIT_MAX_PAGE_SIZE } from '@/lib/audit/types';
import { listSubscriptions } from '@/lib/azure/subscriptions';
import { AppError, type AppErrorText } from '@/lib/errors';

/** Per caller and changing with every write: never prerendered or cached. */
export const dynamic = 'force-dynamic';

function badRequest(userText: AppErrorText, request: Request): Response {
  return jsonError(new AppError({ code: 'BadRequest', status: 400, userText }), request);
}

/**
 * `GET /api/v1/audit?limit=&cursor=` → `{ value: AuditEntry[], nextCursor? }`, newest first,
 * only entries in subscriptions the caller can see (ARM decides which). 401 without credentials,
 * 400 for a bad `limit` or `cursor`.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const params = new URL(request.url).searchParams;
    const limitText = params.get('limit');
    const limit = limitText === null || limitText === '' ? AUDIT_DEFAULT_PAGE_SIZE : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_MAX_PAGE_SIZE) {
      return badRequest({ key: 'api.auditLimit', values: { max: AUDIT_MAX_PAGE_SIZE } }, request);
    }
    const subscriptions = await listSubscriptions(credential);
    const page = await listAudit({
      limit,
      before: params.get('cursor') || undefined,
      subscriptionIds: subscriptions.map((s) => s.subscriptionId),
    });
    return jsonOk(page);
  } catch (err) {
    if (err instanceof InvalidAuditCursorError) return badRequest({ key: 'api.auditCursor' }, request);
    return handleApiError(err, { action: 'read the audit trail' }, request);
  }
}
