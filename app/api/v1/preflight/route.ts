import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { runPreflight } from '@/lib/deploy/preflight-service';
import { AppError } from '@/lib/errors';
import { domainTextFor, localeOfRequest } from '@/lib/i18n/server';

/** Per caller, live from ARM and the cluster: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/preflight?clusterId=<ARM id>` → `{ clusterId, findings: Finding[] }`: the
 * prerequisites and limitations (DOMAIN.md section 6) of one AKS or Arc cluster, checked against
 * the default settings. The wizard's cluster step reads it before the user chooses anything;
 * setting-dependent rules (HA nodes, load balancer, GPU plugin) run again at deploy time with the
 * chosen settings. 401 without credentials, 400 for a missing or invalid id, 404 for an unknown
 * cluster; a failed in-cluster look (AKS Run Command) is not an error. Findings and errors are
 * in the caller's language (the portal's cookie, then Accept-Language; English by default).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const clusterId = new URL(request.url).searchParams.get('clusterId')?.trim() ?? '';
    if (!clusterId) {
      throw new AppError({ code: 'InvalidResourceId', status: 400, userText: { key: 'api.passPreflightClusterId' } });
    }
    const findings = await runPreflight(credential, clusterId, undefined, domainTextFor(localeOfRequest(request)));
    return jsonOk({ clusterId, findings });
  } catch (err) {
    return handleApiError(err, { action: 'check the cluster before installing' }, request);
  }
}
