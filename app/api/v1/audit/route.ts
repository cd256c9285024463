import { createTranslator } from 'use-intl/core';

import { handleApiError, jsonError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { listAudit } from '@/lib/audit/audit';
import {
  AUDIT_EXPORT_CONTENT_TYPES,
  AUDIT_EXPORT_FORMATS,
  auditExportFileName,
  auditExportStream,
  type AuditExportFormat,
} from '@/lib/audit/export';
import { parseAuditFilter, type AuditFilterProblem } from '@/lib/audit/filter';
import { InvalidAuditCursorError } from '@/lib/audit/trail';
import { AUDIT_DEFAULT_PAGE_SIZE, AUDIT_MAX_PAGE_SIZE } from '@/lib/audit/types';
import { listSubscriptions } from '@/lib/azure/subscriptions';
import { AppError, redactSecrets, type AppErrorText } from '@/lib/errors';
import { MESSAGES } from '@/lib/i18n/messages';
import { localeOfRequest } from '@/lib/i18n/server';

/** Per caller and changing with every write: never prerendered or cached. */
export const dynamic = 'force-dynamic';

function badRequest(userText: AppErrorText, request: Request): Response {
  return jsonError(new AppError({ code: 'BadRequest', status: 400, userText }), request);
}

type FilterErrorKey = AuditFilterProblem['key'] | 'format';

/**
 * A 400 for a bad filter or format, worded by `audit.filterErrors` (the page shows the same
 * sentences), in the caller's language.
 */
function badFilter(key: FilterErrorKey, values: Record<string, string | number>, request: Request): Response {
  const t = createTranslator({ locale: localeOfRequest(request), messages: MESSAGES[localeOfRequest(request)], namespace: 'audit.filterErrors' });
  return jsonError(new AppError({ code: 'BadRequest', status: 400, userMessage: t(key, values as never) }), request);
}

function isExportFormat(value: string): value is AuditExportFormat {
  return (AUDIT_EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * `GET /api/v1/audit?limit=&cursor=&<filters>` → `{ value: AuditEntry[], nextCursor? }`, newest
 * first, only entries in subscriptions the caller can see (ARM decides which). Filters
 * (`lib/audit/filter.ts`): `cluster`, `subscription`, `user`, `action`, `outcome`, `search`,
 * `from`, `to`; the cursor pages within them.
 *
 * `format=csv` or `format=json`: every matching entry as a download (`Content-Disposition:
 * attachment`), streamed 200 entries per store read; `limit` and `cursor` do not apply.
 *
 * 401 without credentials; 400 for a bad `limit`, `cursor`, filter or `format`.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const params = new URL(request.url).searchParams;
    const parsed = parseAuditFilter(params);
    if (!parsed.ok) return badFilter(parsed.problem.key, parsed.problem.values, request);
    const format = params.get('format')?.trim() || undefined;
    if (format !== undefined && !isExportFormat(format)) return badFilter('format', {}, request);
    const limitText = params.get('limit');
    const limit = limitText === null || limitText === '' ? AUDIT_DEFAULT_PAGE_SIZE : Number(limitText);
    if (format === undefined && (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_MAX_PAGE_SIZE)) {
      return badRequest({ key: 'api.auditLimit', values: { max: AUDIT_MAX_PAGE_SIZE } }, request);
    }
    const subscriptionIds = (await listSubscriptions(credential)).map((s) => s.subscriptionId);
    if (format) {
      const body = await auditExportStream(
        format,
        (before, pageSize) => listAudit({ limit: pageSize, before, subscriptionIds, filter: parsed.filter }),
        (err) => console.warn(`[audit] export stopped early: ${err instanceof Error ? `${err.name}: ${redactSecrets(err.message)}` : typeof err}`),
      );
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': AUDIT_EXPORT_CONTENT_TYPES[format],
          'content-disposition': `attachment; filename="${auditExportFileName(format)}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    }
    const page = await listAudit({ limit, before: params.get('cursor') || undefined, subscriptionIds, filter: parsed.filter });
    return jsonOk(page);
  } catch (err) {
    if (err instanceof InvalidAuditCursorError) return badRequest({ key: 'api.auditCursor' }, request);
    return handleApiError(err, { action: 'read the audit trail' }, request);
  }
}
