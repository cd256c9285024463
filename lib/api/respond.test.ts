import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';

import { AppError } from '@/lib/errors';

import { handleApiError, jsonError } from './respond';

const URL = 'http://localhost/api/v1/anything';

function throttled(): RestError {
  return new RestError('slow down', { statusCode: 429, code: 'TooManyRequests' });
}

describe('JSON errors in the caller language', () => {
  it('answers English without Accept-Language, and without a request', async () => {
    const english = "Could not list clusters: Azure is throttling requests (HTTP 429); the portal already retried, honouring Azure's Retry-After. Wait a minute and try again.";
    const answered = await handleApiError(throttled(), { action: 'list clusters' }, new Request(URL)).json();
    expect(answered).toEqual({ error: { code: 'Throttled', message: english } });
    expect(await handleApiError(throttled(), { action: 'list clusters' }).json()).toEqual(answered);
  });

  it('answers Brazilian Portuguese with Accept-Language pt-BR, keeping the code and status', async () => {
    const request = new Request(URL, { headers: { 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.8' } });
    const response = handleApiError(throttled(), { action: 'list clusters' }, request);
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: {
        code: 'Throttled',
        message:
          'Não foi possível listar os clusters: o Azure está limitando as solicitações (HTTP 429); o portal já tentou novamente, respeitando o Retry-After do Azure. Aguarde um minuto e tente novamente.',
      },
    });
  });

  it('follows the portal language cookie over Accept-Language', async () => {
    const request = new Request(URL, { headers: { 'accept-language': 'en-US', cookie: 'portal-locale=pt-BR' } });
    const error = new AppError({ code: 'BadRequest', status: 400, userText: { key: 'api.bodyNotJson' } });
    expect(await jsonError(error, request).json()).toEqual({ error: { code: 'BadRequest', message: 'O corpo da solicitação não é um JSON válido.' } });
  });

  it('keeps the 401 challenge whatever the language', () => {
    const error = new AppError({ code: 'Unauthenticated', status: 401, userText: { key: 'auth.sessionExpired' } });
    const response = jsonError(error, new Request(URL, { headers: { 'accept-language': 'pt-BR' } }));
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it("passes Azure's Retry-After on to the API caller, and none when Azure gave none", () => {
    const request = createPipelineRequest({ url: 'https://management.azure.com/x' });
    const response = { status: 429, request, headers: createHttpHeaders({ 'retry-after': '17' }), bodyAsText: null };
    const withWait = handleApiError(new RestError('slow down', { statusCode: 429, code: 'TooManyRequests', response }), { action: 'list clusters' });
    expect(withWait.status).toBe(429);
    expect(withWait.headers.get('retry-after')).toBe('17');
    expect(handleApiError(throttled()).headers.get('retry-after')).toBeNull();
  });
});
