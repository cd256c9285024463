import 'server-only';

import { jsonError, jsonOk } from '@/lib/api/respond';
import { cliRequestSchema, type CliRequest } from '@/lib/domain/cli-settings';
import { AppError } from '@/lib/errors';

/**
 * Largest request body the install routes read: settings plus a full-chain certificate and a key
 * (64 KiB each at most) fit with room to spare; anything bigger is refused before parsing.
 */
export const MAX_CLI_REQUEST_BYTES = 256 * 1024;

export type BodyResult = { ok: true; request: CliRequest } | { ok: false; response: Response };

function tooLarge(): Response {
  return jsonError(new AppError({ code: 'BadRequest', status: 413, userMessage: `The request body is larger than ${MAX_CLI_REQUEST_BYTES / 1024} KiB.` }));
}

/** Reads at most `MAX_CLI_REQUEST_BYTES`, stopping as soon as the stream goes over. */
async function readLimited(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_CLI_REQUEST_BYTES) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_CLI_REQUEST_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * The body of `POST /api/v1/plan` and `POST /api/v1/extensions`: a `CliRequest` as JSON. Answers
 * 413 when too large, 400 when not JSON, 422 `{ errors: [{ key, message }] }` when the shape is
 * wrong (the domain rules run later, with the same error format). Never echoes the body.
 */
export async function readCliRequest(request: Request): Promise<BodyResult> {
  const text = await readLimited(request);
  if (text === null) return { ok: false, response: tooLarge() };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonError(new AppError({ code: 'BadRequest', status: 400, userMessage: 'The request body is not valid JSON.' })) };
  }
  const parsed = cliRequestSchema.safeParse(json);
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
