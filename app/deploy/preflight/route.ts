import { handleApiError, jsonOk } from '@/lib/api/respond';
import { credentialFromAuthorizationHeader, getPageCredential } from '@/lib/auth/request-credential';
import { runPreflight } from '@/lib/deploy/preflight-service';
import { AppError } from '@/lib/errors';

/** Per visitor, live from ARM and the cluster: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `GET /deploy/preflight?clusterId=<ARM id>` → `{ clusterId, findings }`: the same answer as
 * `GET /api/v1/preflight`, for the wizard in the browser. That route accepts only
 * `Authorization: Bearer`, which a browser page does not have; this one falls back to the page's
 * visitor (`getPageCredential`, as server components do). Retire it once the API routes accept
 * the browser session.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const sent = request.headers.get('authorization');
    const credential = sent ? credentialFromAuthorizationHeader(request.headers) : await getPageCredential();
    if (!credential) throw new AppError({ code: 'Unauthenticated', status: 401, userMessage: 'Sign in to check a cluster.' });
    const clusterId = new URL(request.url).searchParams.get('clusterId')?.trim() ?? '';
    if (!clusterId) {
      throw new AppError({ code: 'InvalidResourceId', status: 400, userMessage: 'Pass clusterId=<ARM resource id of an AKS or Arc-enabled Kubernetes cluster>.' });
    }
    return jsonOk({ clusterId, findings: await runPreflight(credential, clusterId) });
  } catch (err) {
    return handleApiError(err, { action: 'check the cluster before installing' });
  }
}
