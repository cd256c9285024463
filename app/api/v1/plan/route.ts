import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { planExtension } from '@/lib/deploy/deploy-service';
import { domainTextFor, localeOfRequest } from '@/lib/i18n/server';

import { readCliRequest } from '@/lib/api/cli-request-body';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `POST /api/v1/plan` with a `CliRequest` → 200 `{ extension, azCommand, exports, findings, warnings }`:
 * the ARM body an install would send (protected values masked), the equivalent `az` command, the
 * same install as `exports.bicep` and `exports.terraform` (protected values as parameters) and
 * the preflight findings. Nothing is created. 422 `{ errors: [{ key, message }] }` when a rule
 * fails; 400 bad JSON; 413 too large; 401 without credentials. Rule messages follow
 * Accept-Language (English by default).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const body = await readCliRequest(request);
    if (!body.ok) return body.response;
    const plan = await planExtension(credential, body.request, domainTextFor(localeOfRequest(request)));
    if (!plan.ok) return jsonOk({ errors: plan.errors }, { status: 422 });
    return jsonOk({ extension: plan.extension, azCommand: plan.azCommand, exports: plan.exports, findings: plan.findings, warnings: plan.warnings });
  } catch (err) {
    return handleApiError(err, { action: 'plan the install' }, request);
  }
}
