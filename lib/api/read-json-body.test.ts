import { describe, expect, it } from 'vitest';

import { MAX_JSON_BODY_BYTES, readJsonBody } from './read-json-body';

const URL = 'http://localhost/api/v1/anything';

/** A body streamed in chunks without Content-Length, recording how many chunks were pulled. */
function streamedRequest(chunk: Uint8Array, count: number) {
  const pulled = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks >= count) return controller.close();
      pulled.chunks += 1;
      controller.enqueue(chunk);
    },
  });
  const request = new Request(URL, { method: 'POST', body, duplex: 'half' } as RequestInit & { duplex: 'half' });
  return { request, pulled };
}

describe('readJsonBody', () => {
  it('parses a JSON body under the limit', async () => {
    const result = await readJsonBody(new Request(URL, { method: 'POST', body: '{"a":[1,2]}' }));
    expect(result).toEqual({ ok: true, json: { a: [1, 2] } });
  });

  it('answers 400 for malformed JSON without echoing the body', async () => {
    const result = await readJsonBody(new Request(URL, { method: 'POST', body: '{"key":"-----BEGIN PRIVATE KEY-----' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(400);
    const text = await result.response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'BadRequest', message: 'The request body is not valid JSON.' } });
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('answers 400 for an empty body and for bytes that are not UTF-8', async () => {
    for (const body of ['', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]) {
      const result = await readJsonBody(new Request(URL, { method: 'POST', body }));
      expect(result.ok ? 200 : result.response.status).toBe(400);
    }
  });

  it('answers 413 from a declared Content-Length over the limit', async () => {
    const request = new Request(URL, { method: 'POST', body: '{}', headers: { 'content-length': String(MAX_JSON_BODY_BYTES + 1) } });
    const result = await readJsonBody(request);
    expect(result.ok ? 200 : result.response.status).toBe(413);
    if (!result.ok) expect(await result.response.json()).toEqual({ error: { code: 'BadRequest', message: 'The request body is larger than 256 KiB.' } });
  });

  it('answers 413 for an undeclared oversized stream and stops reading at the limit', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const { request, pulled } = streamedRequest(chunk, 1000);
    const result = await readJsonBody(request);
    expect(result.ok ? 200 : result.response.status).toBe(413);
    // 256 KiB is four 64 KiB chunks; the fifth goes over. A reader that drained all 1000 would not stop.
    expect(pulled.chunks).toBeLessThan(10);
  });

  it('takes a body exactly at a smaller, route-specific limit and refuses one byte more', async () => {
    const exact = JSON.stringify('x'.repeat(8));
    expect((await readJsonBody(new Request(URL, { method: 'POST', body: exact }), exact.length)).ok).toBe(true);
    const over = await readJsonBody(new Request(URL, { method: 'POST', body: `${exact} ` }), exact.length);
    expect(over.ok ? 200 : over.response.status).toBe(413);
  });
});
