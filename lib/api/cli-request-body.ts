import 'server-only';

import { jsonOk } from '@/lib/api/respond';
import { MAX_JSON_BODY_BYTES, readJsonBody } from '@/lib/api/read-json-body';
import { cliRequestSchemaFor, type CliRequest } from '@/lib/domain/cli-settings';
import { domainTextFor, localeOfRequest } from '@/lib/i18n/server';

import { zodParseOptions } from './zod-locale';

/** Largest body of the install routes (plan, extensions POST): the API-wide JSON limit. */
export const MAX_CLI_REQUEST_BYTES = MAX_JSON_BODY_BYTES;

export type BodyResult = { ok: true; request: CliRequest } | { ok: false; response: Response };

/**
 * The body of `POST /api/v1/plan` and `POST /api/v1/extensions`: a `CliRequest` as JSON. Answers
 * 413 when too large, 400 when not JSON ({@link readJsonBody}), 422 `{ errors: [{ key, message }] }`
 * when the shape is wrong (the domain rules run later, with the same error format), in the
 * request's language. Never echoes the body.
 */
export async function readCliRequest(request: Request): Promise<BodyResult> {
  const body = await readJsonBody(request, MAX_CLI_REQUEST_BYTES);
  if (!body.ok) return body;
  const locale = localeOfRequest(request);
  const parsed = cliRequestSchemaFor(domainTextFor(locale)).safeParse(body.json, zodParseOptions(locale));
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      key: issue.path.map(String).join('.') || 'body',
      // zod's messages describe types and sizes, never the value, so no secret is echoed.
      message: issue.message,
    }));
    return { ok: false, response: jsonOk({ errors }, { status: 422 }) };
  }
  return { ok: true, request: parsed.data };
}
