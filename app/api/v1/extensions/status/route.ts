import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { readExtensionReport } from '@/lib/deploy/extension-report';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { AppError } from '@/lib/errors';
import { domainTextFor, localeOfRequest, translateAppError } from '@/lib/i18n/server';

/** Per caller, live from ARM and the cluster: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/extensions/status?id=<extension resource id>` → the extension's provisioning
 * state, ARM statuses and error, the explanation of a recognised failure, the health of its
 * components with a `summary`, the provisioning `history` the portal saw, and
 * `certificateExpiresOn` when the portal sent its certificate (`ExtensionReport`). `&fresh=1`
 * (the page's Refresh) reads ARM and the cluster now instead of sharing a recent read. 400 for a bad id, 404 when the extension does not exist
 * (or no longer: a finished delete), 401 without a credential. Pages poll this. Explanations and
 * component reasons follow the caller's language (cookie, then Accept-Language; English by default).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const params = new URL(request.url).searchParams;
    const id = params.get('id')?.trim() ?? '';
    if (!parseExtensionId(id)) {
      throw new AppError({ code: 'InvalidResourceId', status: 400, target: id, userText: { key: 'api.passExtensionId' } });
    }
    const locale = localeOfRequest(request);
    return jsonOk(await readExtensionReport(credential, id, domainTextFor(locale), (error) => translateAppError(error, locale), { fresh: params.get('fresh') === '1' }));
  } catch (err) {
    return handleApiError(err, { action: 'read the extension status' }, request);
  }
}
