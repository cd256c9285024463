import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { AppError, parseLroFailure, redactSecrets, toAppError } from './errors';

const URL = 'https://management.azure.com/subscriptions/s1/providers/x';

/** A RestError as the classic (core-client) SDKs throw it: code/message copied from the ARM body. */
function armRestError(status: number, code: string, message: string, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: URL, headers: createHttpHeaders({ authorization: 'Bearer secret-token' }) });
  const bodyAsText = JSON.stringify({ error: { code, message } });
  const err = new RestError(message, {
    code,
    statusCode: status,
    request,
    response: { status, request, headers: createHttpHeaders(headers), bodyAsText },
  });
  return err;
}

/** A RestError as the modular SDKs throw it: the ARM body deserialised into `details`. */
function modularRestError(status: number, code: string, message: string): RestError {
  const err = new RestError(message, { statusCode: status, code });
  err.details = { error: { code, message, target: undefined } };
  return err;
}

describe('toAppError: HTTP errors from ARM', () => {
  it('401 -> Unauthenticated, not retryable', () => {
    const appError = toAppError(armRestError(401, 'InvalidAuthenticationToken', 'The access token is invalid.'));
    expect(appError).toBeInstanceOf(AppError);
    expect(appError).toMatchObject({ code: 'Unauthenticated', status: 401, retryable: false, armCode: 'InvalidAuthenticationToken' });
    expect(appError.userMessage).toMatch(/sign in again/i);
  });

  it('403 AuthorizationFailed names the missing permission and the scope', () => {
    const message =
      "The client 'user@contoso.com' with object id '1111' does not have authorization to perform action " +
      "'Microsoft.KubernetesConfiguration/extensions/write' over scope '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1/providers/Microsoft.KubernetesConfiguration/extensions/azureml' or the scope is invalid.";
    const appError = toAppError(armRestError(403, 'AuthorizationFailed', message), { action: 'install the extension' });
    expect(appError.code).toBe('AuthorizationFailed');
    expect(appError.status).toBe(403);
    expect(appError.userMessage).toContain("'Microsoft.KubernetesConfiguration/extensions/write'");
    expect(appError.userMessage).toContain('/managedClusters/aks1/');
    expect(appError.userMessage.startsWith('Could not install the extension: ')).toBe(true);
  });

  it('403 without the ARM wording still names the target from the context', () => {
    const appError = toAppError(modularRestError(403, 'Forbidden', 'nope'), { target: '/subscriptions/s1/x' });
    expect(appError.userMessage).toContain('/subscriptions/s1/x');
    expect(appError.target).toBe('/subscriptions/s1/x');
  });

  it('404 -> ResourceNotFound with the target', () => {
    const appError = toAppError(modularRestError(404, 'ResourceNotFound', "The Resource 'x' was not found."), {
      target: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/x',
    });
    expect(appError).toMatchObject({ code: 'ResourceNotFound', status: 404, retryable: false });
    expect(appError.userMessage).toContain('managedClusters/x was not found');
  });

  it('409 MissingSubscriptionRegistration says which provider to register', () => {
    const appError = toAppError(
      armRestError(
        409,
        'MissingSubscriptionRegistration',
        "The subscription is not registered to use namespace 'Microsoft.KubernetesConfiguration'. See https://aka.ms/rps-not-found for how to register subscriptions.",
      ),
    );
    expect(appError).toMatchObject({ code: 'MissingSubscriptionRegistration', status: 409, retryable: false });
    expect(appError.userMessage).toContain('Register the resource provider Microsoft.KubernetesConfiguration');
  });

  it('MissingSubscriptionRegistration is recognised whatever status ARM uses', () => {
    const appError = toAppError(modularRestError(400, 'MissingSubscriptionRegistration', "not registered to use namespace 'Microsoft.Relay'"));
    expect(appError.code).toBe('MissingSubscriptionRegistration');
    expect(appError.userMessage).toContain('Microsoft.Relay');
  });

  it('other 409 -> Conflict, retryable, with ARM message', () => {
    const appError = toAppError(modularRestError(409, 'OperationNotAllowed', 'Another operation is in progress.'));
    expect(appError).toMatchObject({ code: 'Conflict', status: 409, retryable: true });
    expect(appError.userMessage).toContain('Another operation is in progress.');
  });

  it.each<{ header: Record<string, string>; says: RegExp }>([
    { header: {}, says: /Wait a minute/ },
    { header: { 'retry-after': '17' }, says: /wait 17 seconds before trying again/ },
    { header: { 'retry-after': '1' }, says: /wait 1 second before trying again/ },
    { header: { 'retry-after': 'soon' }, says: /Wait a minute/ },
  ])('429 with Retry-After $header tells the user the wait ARM asked for', ({ header, says }) => {
    const appError = toAppError(armRestError(429, 'TooManyRequests', 'slow down', header));
    expect(appError).toMatchObject({ code: 'Throttled', retryable: true });
    expect(appError.userMessage).toMatch(says);
  });

  it('429 -> Throttled, retryable', () => {
    expect(toAppError(armRestError(429, 'TooManyRequests', 'slow down'))).toMatchObject({ code: 'Throttled', status: 429, retryable: true });
  });

  it.each([500, 502, 503, 504])('%i -> AzureUnavailable, retryable', (status) => {
    expect(toAppError(armRestError(status, 'InternalServerError', 'boom'))).toMatchObject({
      code: 'AzureUnavailable',
      retryable: true,
      status: 503,
    });
  });

  it('other 4xx -> BadRequest carrying the ARM code and message', () => {
    const appError = toAppError(armRestError(400, 'InvalidParameter', 'extensionType is required'));
    expect(appError).toMatchObject({ code: 'BadRequest', status: 400, armCode: 'InvalidParameter' });
    expect(appError.userMessage).toBe('Azure rejected the request (InvalidParameter). extensionType is required');
  });

  it('reads the ARM body from bodyAsText when code/message were not copied', () => {
    const request = createPipelineRequest({ url: URL });
    const err = new RestError('{"error":{"code":"ResourceGroupNotFound","message":"Resource group \'rg9\' could not be found."}}', {
      statusCode: 404,
      request,
      response: {
        status: 404,
        request,
        headers: createHttpHeaders(),
        bodyAsText: '{"error":{"code":"ResourceGroupNotFound","message":"Resource group \'rg9\' could not be found."}}',
      },
    });
    const appError = toAppError(err);
    expect(appError.armCode).toBe('ResourceGroupNotFound');
    expect(appError.userMessage).toContain("Resource group 'rg9' could not be found.");
  });

  it('never puts the bearer token of the request into the user message', () => {
    const appError = toAppError(armRestError(400, 'Bad', 'Authorization: Bearer abc.def.ghi was refused'));
    expect(appError.userMessage).not.toContain('abc.def.ghi');
    expect(appError.userMessage).not.toContain('secret-token');
  });
});

describe('toAppError: long-running operations', () => {
  it('parses the core-lro failure message into OperationFailed with the ARM code', () => {
    const err = new Error(
      'The long-running operation has failed. ExtensionOperationFailed. Helm installation failed: pre-install hook failed: E40002 fewer than 3 healthy nodes',
    );
    const appError = toAppError(err, { action: 'install the extension', target: '/x' });
    expect(appError).toMatchObject({ code: 'OperationFailed', armCode: 'ExtensionOperationFailed', status: 422, target: '/x' });
    expect(appError.userMessage).toContain('E40002');
  });

  it('handles the bare message core-lro uses when the status body has no error', () => {
    expect(toAppError(new Error('The long-running operation has failed'))).toMatchObject({ code: 'OperationFailed', armCode: undefined });
  });

  it('parseLroFailure ignores other messages', () => {
    expect(parseLroFailure('Something else')).toBeUndefined();
  });
});

describe('toAppError: transport', () => {
  it('connection refused (RestError without status) -> NetworkError, retryable', () => {
    const err = new RestError('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' });
    expect(toAppError(err)).toMatchObject({ code: 'NetworkError', retryable: true, status: 502 });
  });

  it('an untrusted certificate -> TlsError, not retryable', () => {
    const err = new RestError('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(toAppError(err)).toMatchObject({ code: 'TlsError', retryable: false });
  });

  it('looks through `cause` for Node error codes', () => {
    const inner = Object.assign(new Error('getaddrinfo ENOTFOUND management.azure.com'), { code: 'ENOTFOUND' });
    expect(toAppError(new Error('fetch failed', { cause: inner })).code).toBe('NetworkError');
  });
});

describe('toAppError: everything else', () => {
  it('passes an AppError through unchanged', () => {
    const original = new AppError({ code: 'RunCommandFailed', userMessage: 'x', status: 422 });
    expect(toAppError(original, { action: 'read the cluster' })).toBe(original);
  });

  it('turns unknown throws into Unexpected without leaking their text', () => {
    const appError = toAppError(new TypeError('cannot read properties of undefined (secret internals)'));
    expect(appError).toMatchObject({ code: 'Unexpected', status: 500, retryable: false });
    expect(appError.userMessage).not.toContain('secret internals');
    expect(toAppError('a string').code).toBe('Unexpected');
  });
});

describe('redactSecrets', () => {
  it('redacts relay connection strings, bearer tokens and signed URL parameters', () => {
    const text = redactSecrets(
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=azureml_rw;SharedAccessKey=abc123= and Bearer eyJ0.x.y and https://x?sig=zzz&a=1',
    );
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('eyJ0.x.y');
    expect(text).not.toContain('zzz');
    expect(text).toContain('SharedAccessKeyName=azureml_rw');
  });
});
