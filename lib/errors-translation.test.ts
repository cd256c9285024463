import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';

import { englishErrorText } from '@/lib/i18n/error-text';
import { MESSAGES } from '@/lib/i18n/messages';
import { translateAppError } from '@/lib/i18n/server';

import { AppError, ERROR_ACTIONS, PARAMETRIZED_ACTIONS, toAppError, type ErrorAction } from './errors';

/** A RestError as the modular SDKs throw it, with ARM's body. */
function armError(status: number, code: string | undefined, message: string, target?: string): RestError {
  const err = new RestError(message, { statusCode: status, code });
  err.details = { error: { code, message, target } };
  return err;
}

/** A 429 whose response carries ARM's Retry-After (the SDKs' retries already waited). */
function throttledFor(seconds: number): RestError {
  const request = createPipelineRequest({ url: 'https://management.azure.com/x' });
  const response = { status: 429, request, headers: createHttpHeaders({ 'retry-after': String(seconds) }), bodyAsText: null };
  const err = new RestError('slow down', { statusCode: 429, code: 'TooManyRequests', response });
  err.details = { error: { code: 'TooManyRequests', message: 'slow down' } };
  return err;
}

const FORBIDDEN_MESSAGE =
  "The client 'reader@contoso.com' with object id '2222' does not have authorization to perform action " +
  "'Microsoft.KubernetesConfiguration/extensions/write' over scope '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus' or the scope is invalid.";

/** One failure for every sentence toAppError can write, by the code it produces. */
const EVERY_FAILURE: Array<[string, unknown]> = [
  ['Unauthenticated', armError(401, 'InvalidAuthenticationToken', 'expired')],
  ['AuthorizationFailed', armError(403, 'AuthorizationFailed', FORBIDDEN_MESSAGE)],
  ['AuthorizationFailed', armError(403, 'AuthorizationFailed', "not authorized to perform action 'Microsoft.Kubernetes/connectedClusters/read'")],
  ['AuthorizationFailed', armError(403, 'Forbidden', 'nope', '/subscriptions/s1')],
  ['AuthorizationFailed', armError(403, 'Forbidden', 'nope')],
  ['ResourceNotFound', armError(404, 'ResourceNotFound', "The Resource 'x' was not found.", '/subscriptions/s1/x')],
  ['ResourceNotFound', armError(404, 'NotFound', '')],
  ['MissingSubscriptionRegistration', armError(409, 'MissingSubscriptionRegistration', "not registered to use namespace 'Microsoft.Relay'")],
  ['MissingSubscriptionRegistration', armError(409, 'MissingSubscriptionRegistration', 'not registered')],
  ['Conflict', armError(409, 'OperationNotAllowed', 'Another operation is in progress.')],
  ['Throttled', armError(429, 'TooManyRequests', 'slow down')],
  ['Throttled', throttledFor(30)],
  ['AzureUnavailable', armError(503, 'ServiceUnavailable', 'boom')],
  ['BadRequest', armError(400, 'InvalidParameter', 'extensionType is required')],
  ['BadRequest', armError(400, undefined, '')],
  ['OperationFailed', new Error('The long-running operation has failed. ExtensionOperationFailed. Helm failed: E40002')],
  ['OperationFailed', new Error('The long-running operation has failed')],
  ['NetworkError', new RestError('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' })],
  ['TlsError', new RestError('self-signed certificate', { code: 'SELF_SIGNED_CERT_IN_CHAIN' })],
  ['Unexpected', new TypeError('cannot read properties of undefined')],
];

const withAndWithoutAction = (err: unknown): AppError[] => [toAppError(err), toAppError(err, { action: 'install the extension' })];

describe('AppError messages in both languages', () => {
  it.each(EVERY_FAILURE)('%s: English is exactly the userMessage; Portuguese is translated', (code, err) => {
    for (const error of withAndWithoutAction(err)) {
      expect(error.code).toBe(code);
      expect(translateAppError(error, 'en')).toBe(error.userMessage);
      const portuguese = translateAppError(error, 'pt-BR');
      expect(portuguese).not.toBe(error.userMessage);
      expect(portuguese).not.toMatch(/[{}]|Could not|\byou\b|\bthe\b/);
    }
  });

  it('has a failure above for every sentence of errors.azure', () => {
    const used = new Set(EVERY_FAILURE.map(([, err]) => toAppError(err).userText?.key));
    expect([...used].sort()).toEqual(Object.keys(MESSAGES.en.errors.azure).map((key) => `azure.${key}`).sort());
  });

  it('keeps the throttling message the e2e specs read, word for word', () => {
    expect(toAppError(armError(429, 'TooManyRequests', 'x'), { action: 'list clusters' }).userMessage).toBe(
      "Could not list clusters: Azure is throttling requests (HTTP 429); the portal already retried, honouring Azure's Retry-After. Wait a minute and try again.",
    );
  });

  it('names the missing permission and the cluster in Portuguese (403)', () => {
    const error = toAppError(armError(403, 'AuthorizationFailed', FORBIDDEN_MESSAGE), { action: 'install the extension' });
    expect(translateAppError(error, 'pt-BR')).toBe(
      "Não foi possível instalar a extensão: você não tem a permissão 'Microsoft.KubernetesConfiguration/extensions/write' em /subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus. Peça a um proprietário da assinatura uma função que a conceda e entre novamente.",
    );
    expect(error.userMessage).toBe(
      "Could not install the extension: you do not have permission 'Microsoft.KubernetesConfiguration/extensions/write' on /subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus. Ask an owner of the subscription for a role that grants it, then sign in again.",
    );
  });

  it('appends Azure own words untranslated, and capitalises a sentence said without an action', () => {
    const error = toAppError(armError(409, 'OperationNotAllowed', 'Another operation is in progress.'));
    expect(translateAppError(error, 'pt-BR')).toBe(
      'O Azure informa uma operação conflitante em andamento; aguarde a conclusão dela e tente novamente. Another operation is in progress.',
    );
  });

  it('translates an AppError built with a bare userMessage as that message (tests and fakes)', () => {
    const bare = new AppError({ code: 'RunCommandFailed', status: 422, userMessage: 'x' });
    expect(translateAppError(bare, 'pt-BR')).toBe('x');
  });
});

describe('error actions', () => {
  it('every fixed action phrase is exactly the English of its key', () => {
    for (const [phrase, key] of Object.entries(ERROR_ACTIONS)) expect(englishErrorText(key)).toBe(phrase);
  });

  it('every phrase with a value reads back through its pattern', () => {
    for (const { pattern, key, value } of PARAMETRIZED_ACTIONS) {
      const phrase = englishErrorText(key, { [value]: 'Microsoft.Relay' });
      expect(pattern.exec(phrase)?.[1]).toBe('Microsoft.Relay');
      const error = toAppError(armError(429, 'TooManyRequests', 'x'), { action: phrase as ErrorAction });
      expect(error.userMessage.startsWith(`Could not ${phrase}: `)).toBe(true);
      expect(translateAppError(error, 'pt-BR')).toMatch(/^Não foi possível .*Microsoft\.Relay: o Azure está limitando/);
    }
  });

  it('every key of errors.actions has a phrase', () => {
    const keys = new Set([...Object.values(ERROR_ACTIONS), ...PARAMETRIZED_ACTIONS.map((action) => action.key)]);
    expect([...keys].sort()).toEqual(Object.keys(MESSAGES.en.errors.actions).map((key) => `actions.${key}`).sort());
  });
});
