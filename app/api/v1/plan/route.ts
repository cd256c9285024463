import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { planExtension } from '@/lib/deploy/deploy-service';

import { readCliRequest } from '@/lib/api/cli-request-body';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `POST /api/v1/plan` with a `CliRequest` → 200 `{ extension, azCommand, findings, warnings }`:
 * the ARM body an install would send (protected values masked), the equivalent `az` command and
 * the preflight findings. Nothing is created. 422 `{ errors: [{ key, message }] }` when a rule
 * fails; 400 bad JSON; 413 too large; 401 without credentials.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const body = await readCliRequest(request);
    if (!body.ok) return body.response;
    const plan = await planExtension(credential, body.request);
    if (!plan.ok) return jsonOk({ errors: plan.errors }, { status: 422 });
    return jsonOk({ extension: plan.extension, azCommand: plan.azCommand, findings: plan.findings, warnings: plan.warnings });
  } catch (err) {
    return handleApiError(err, { action: 'plan the install' });
  }
}
