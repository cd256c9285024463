import 'server-only';

import type { TokenCredential } from '@azure/core-auth';
import type { z } from 'zod';

import { beginExtensionWrite } from '@/lib/audit/audit';
import { forgetExtensionStatus } from '@/lib/azure/extension-status';
import { deleteExtension, listExtensions, type ExtensionResource } from '@/lib/azure/extensions';
import { forgetSentCertificate } from '@/lib/deploy/certificate-service';
import { extensionStatusUrl } from '@/lib/deploy/deploy-service';
import { startExtensionUpdate } from '@/lib/deploy/update-service';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { extensionUpdateSchemaFor } from '@/lib/domain/update-request';
import { domainTextFor, errorTextFor, localeOfRequest } from '@/lib/i18n/server';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';

import { readJsonBody } from './read-json-body';
import { handleApiError, jsonOk, requireApiCredential } from './respond';
import { zodParseOptions } from './zod-locale';

/**
 * List, update and delete of Azure ML extensions, for `GET/PATCH/DELETE /api/v1/extensions` and
 * the status page's server actions. Updates go through lib/deploy/update-service.ts (the update
 * wizard's path too), deletes through {@link startExtensionDelete}, so the rules live once.
 */

function requireQueryExtensionId(request: Request): string {
  const id = new URL(request.url).searchParams.get('id')?.trim() ?? '';
  if (!parseExtensionId(id)) {
    throw new AppError({ code: 'InvalidResourceId', status: 400, target: id, userText: { key: 'api.passExtensionId' } });
  }
  return id;
}

/** Starts a delete; `force` removes the ARM resource without waiting for the cluster's agents. */
export async function startExtensionDelete(credential: TokenCredential, extensionId: string, force: boolean) {
  const write = await beginExtensionWrite(credential, { action: 'delete', extensionId });
  try {
    await deleteExtension(credential, extensionId, { force });
  } catch (err) {
    await write.fail(err);
    throw err;
  }
  await write.settle('accepted');
  forgetExtensionStatus(extensionId);
  await forgetSentCertificate(extensionId);
  return { id: extensionId, statusUrl: extensionStatusUrl(extensionId) };
}

/** The public fields of an extension in a list. */
function toListItem(extension: ExtensionResource) {
  return {
    id: extension.id,
    name: extension.name,
    extensionType: extension.extensionType,
    provisioningState: extension.provisioningState,
    version: extension.currentVersion ?? extension.version ?? null,
    releaseTrain: extension.releaseTrain ?? null,
    statusUrl: extension.id ? extensionStatusUrl(extension.id) : undefined,
  };
}

/** `GET /api/v1/extensions?clusterId=` → `{ value }`; the route sends requests without clusterId to the fleet listing. */
export async function handleListExtensions(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const clusterId = new URL(request.url).searchParams.get('clusterId')?.trim();
    if (!clusterId) {
      throw new AppError({ code: 'BadRequest', status: 400, userText: { key: 'api.passClusterId' } });
    }
    const extensions = await listExtensions(credential, clusterId);
    return jsonOk({ value: extensions.map(toListItem) });
  } catch (err) {
    return handleApiError(err, { action: 'list the extensions of the cluster' }, request);
  }
}

/** `DELETE /api/v1/extensions?id=&force=true` → 202 `{ id, statusUrl }`. */
export async function handleDeleteExtension(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const id = requireQueryExtensionId(request);
    const force = new URL(request.url).searchParams.get('force')?.toLowerCase() === 'true';
    return jsonOk(await startExtensionDelete(credential, id, force), { status: 202 });
  } catch (err) {
    return handleApiError(err, { action: 'delete the extension' }, request);
  }
}

/** The 400 of a PATCH body the schema refuses: the first issue (zod's words are already in the reader's language). */
function invalidUpdate(issue: z.core.$ZodIssue | undefined): AppError {
  return new AppError({
    code: 'BadRequest',
    status: 400,
    userText: issue
      ? { key: 'api.invalidUpdate', values: { path: issue.path.join('.') || 'body', problem: issue.message } }
      : { key: 'api.invalidUpdateNotObject' },
  });
}

/** Why a PATCH with impacts and no `confirmImpacts` was refused, in the reader's language. */
function confirmationMessage(locale: Locale): string {
  return errorTextFor(locale)('api.confirmImpacts');
}

/**
 * `PATCH /api/v1/extensions?id=` with an {@link ExtensionUpdate} body → 202 `{ id, statusUrl,
 * impacts }`; 409 `{ findings }` when the change would break the extension (preflight on the
 * merged settings, as at install; nothing is sent), 409 `{ error, impacts }` when impacts need
 * `confirmImpacts: true`; 422 when
 * protected settings cannot be completed; 413 past the body limit, 400 for malformed JSON.
 */
export async function handleUpdateExtension(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const id = requireQueryExtensionId(request);
    const body = await readJsonBody(request);
    if (!body.ok) return body.response;
    const locale = localeOfRequest(request);
    const parsed = extensionUpdateSchemaFor(domainTextFor(locale)).safeParse(body.json, zodParseOptions(locale));
    if (!parsed.success) throw invalidUpdate(parsed.error.issues[0]);
    const outcome = await startExtensionUpdate(credential, id, parsed.data, domainTextFor(locale));
    if (outcome.status === 'refused') return jsonOk({ findings: outcome.findings }, { status: 409 });
    if (outcome.status === 'needs-confirmation') {
      return Response.json(
        {
          error: { code: 'ConfirmationRequired', message: confirmationMessage(locale) },
          impacts: outcome.impacts,
        },
        { status: 409, headers: { 'cache-control': 'no-store' } },
      );
    }
    return jsonOk({ id: outcome.id, statusUrl: outcome.statusUrl, impacts: outcome.impacts }, { status: 202 });
  } catch (err) {
    return handleApiError(err, { action: 'update the extension' }, request);
  }
}
