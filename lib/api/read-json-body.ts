import 'server-only';

import { jsonError } from '@/lib/api/respond';
import { AppError } from '@/lib/errors';

/**
 * Largest JSON body any API route reads: settings plus a full-chain certificate and a key (64 KiB
 * each at most) fit with room to spare; anything bigger is refused before parsing.
 */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** A parsed body, or the error response to send as is. */
export type JsonBodyResult = { ok: true; json: unknown } | { ok: false; response: Response };

/** The 413 every route answers past its limit, naming the limit (never the body), in the request's language. */
export function payloadTooLarge(maxBytes: number, request?: Request): Response {
  return jsonError(new AppError({ code: 'BadRequest', status: 413, userText: { key: 'api.bodyTooLarge', values: { kib: Math.floor(maxBytes / 1024) } } }), request);
}

/**
 * Reads at most `maxBytes`, stopping as soon as the stream goes over, so a huge or endless body
 * costs at most the limit in memory. A declared `Content-Length` over the limit is refused unread.
 * Null when over the limit.
 */
async function readLimitedText(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
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
  // fatal: invalid UTF-8 is malformed input (400), not text to repair silently.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * The request's JSON body for any API route: 413 past `maxBytes` (default
 * {@link MAX_JSON_BODY_BYTES}), 400 when it is not UTF-8 JSON (an empty body included). Never
 * echoes the body, which may hold a private key, in an answer or a log.
 */
export async function readJsonBody(request: Request, maxBytes: number = MAX_JSON_BODY_BYTES): Promise<JsonBodyResult> {
  let text: string | null;
  try {
    text = await readLimitedText(request, maxBytes);
  } catch {
    // A broken stream (client gone) or bytes that are not UTF-8: the caller sent no usable body.
    return { ok: false, response: malformed(request) };
  }
  if (text === null) return { ok: false, response: payloadTooLarge(maxBytes, request) };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: malformed(request) };
  }
}

function malformed(request: Request): Response {
  return jsonError(new AppError({ code: 'BadRequest', status: 400, userText: { key: 'api.bodyNotJson' } }), request);
}
