import 'server-only';

import type { PatchExtension } from '@azure/arm-kubernetesconfiguration';
import type { TokenCredential } from '@azure/core-auth';
import { z } from 'zod';

import { getCluster } from '@/lib/azure/clusters';
import { beginExtensionWrite } from '@/lib/audit/audit';
import { preflightRefusal } from '@/lib/audit/create-audit';
import { forgetExtensionStatus } from '@/lib/azure/extension-status';
import { deleteExtension, getExtension, listExtensions, updateExtension, type ExtensionResource } from '@/lib/azure/extensions';
import { ensureRelayForArcCluster } from '@/lib/azure/relay';
import { preflightSettingsChange } from '@/lib/deploy/preflight-service';
import { releaseFieldSchemasFor } from '@/lib/domain/cli-settings';
import { readBooleanSetting } from '@/lib/domain/expected-components';
import { parseExtensionId } from '@/lib/domain/extension-id';
import type { Finding } from '@/lib/domain/preflight/types';
import { setOwn } from '@/lib/domain/own-keys';
import { settingsRecordSchema } from '@/lib/domain/setting-keys';
import { updateImpacts, type UpdateImpact } from '@/lib/domain/update-impact';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';
import { domainTextFor, errorTextFor, localeOfRequest } from '@/lib/i18n/server';
import { AppError, type AppErrorText } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';

import { readJsonBody } from './read-json-body';
import { handleApiError, jsonOk, requireApiCredential } from './respond';
import { zodParseOptions } from './zod-locale';

/**
 * List, update and delete of Azure ML extensions, for `GET/PATCH/DELETE /api/v1/extensions` and
 * the status page's server actions. Both speak through {@link startExtensionUpdate} and
 * {@link startExtensionDelete}, so the rules (impact confirmation, protected settings) live once.
 */

/** Where a client follows an operation: the status route of the extension. */
export function statusUrlOf(extensionId: string): string {
  return `/api/v1/extensions/status?id=${encodeURIComponent(extensionId)}`;
}

function requireQueryExtensionId(request: Request): string {
  const id = new URL(request.url).searchParams.get('id')?.trim() ?? '';
  if (!parseExtensionId(id)) {
    throw new AppError({ code: 'InvalidResourceId', status: 400, target: id, userText: { key: 'api.passExtensionId' } });
  }
  return id;
}

/**
 * Protected keys that carry PEM text in CLI vocabulary, and the ARM keys they become (base64). A
 * Map, so a key named `constructor` or `toString` is not mistaken for one of them.
 */
const PEM_KEYS: ReadonlyMap<string, string> = new Map([
  ['sslCertPemFile', 'scoringFe.sslCert'],
  ['sslKeyPemFile', 'scoringFe.sslKey'],
]);
/** The Relay connection string's two protected keys (DOMAIN.md section 4). */
const RELAY_KEYS = ['relayServerConnectionString', 'relayserver.relayConnectionString'] as const;

/**
 * PATCH body: ARM's updatable fields plus the explicit confirmation of impacts. Keys, release
 * train and version follow the create schema's rules (one place each), with its messages in
 * `text`'s language.
 */
export function extensionUpdateSchemaFor(text: DomainText) {
  const release = releaseFieldSchemasFor(text);
  return z
    .object({
      // null removes a key, as in ARM's merge-PATCH.
      configurationSettings: settingsRecordSchema(z.string().nullable(), text).optional(),
      configurationProtectedSettings: settingsRecordSchema(z.string(), text).optional(),
      releaseTrain: z.string().trim().min(1).pipe(release.releaseTrain).optional(),
      version: z.string().trim().min(1).pipe(release.version).nullable().optional(),
      autoUpgradeMinorVersion: z.boolean().optional(),
      confirmImpacts: z.boolean().optional(),
    })
    .strict();
}
/** {@link extensionUpdateSchemaFor} in English. */
export const extensionUpdateSchema = extensionUpdateSchemaFor(englishText);
export type ExtensionUpdate = z.infer<typeof extensionUpdateSchema>;

/** What an update request comes to: refused by preflight, held for confirmation, or accepted by ARM. */
export type UpdateOutcome =
  | { status: 'refused'; findings: Finding[] }
  | { status: 'needs-confirmation'; impacts: UpdateImpact[] }
  | { status: 'started'; id: string; statusUrl: string; impacts: UpdateImpact[] };

/** The settings after a merge-PATCH: `null` removes a key; every key is an own one, `__proto__` too. */
export function mergeSettings(before: Record<string, string>, changes: Record<string, string | null> | undefined): Record<string, string> {
  const after = { ...before };
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === null) delete after[key];
    else setOwn(after, key, value);
  }
  return after;
}

/** True when the settings serve HTTPS from a PEM pair held in protected settings. */
function usesPemPair(settings: Record<string, string>): boolean {
  return (
    readBooleanSetting(settings, 'enableInference', false) &&
    !readBooleanSetting(settings, 'allowInsecureConnections', false) &&
    !settings.sslSecret
  );
}

function unprocessable(userText: AppErrorText, target: string): AppError {
  return new AppError({ code: 'BadRequest', status: 422, target, userText });
}

/**
 * The protected settings a request sent, in ARM's vocabulary: PEM text under its `scoringFe.*` key,
 * base64. 422 when a key is also a plain setting (own keys only: `constructor` is not in every
 * map). Pure apart from the error it throws.
 */
export function armProtectedSettings(sent: Record<string, string>, settings: Record<string, string>, extensionId: string): Record<string, string> {
  const protectedSettings: Record<string, string> = {};
  for (const [key, value] of Object.entries(sent)) {
    const armKey = PEM_KEYS.get(key);
    setOwn(protectedSettings, armKey ?? key, armKey ? Buffer.from(value, 'utf8').toString('base64') : value);
  }
  const clash = Object.keys(protectedSettings).find((key) => Object.hasOwn(settings, key));
  if (clash) throw unprocessable({ key: 'api.settingAndProtected', values: { key: clash } }, extensionId);
  return protectedSettings;
}

/**
 * The complete protected settings to resend: ARM replaces them wholesale and never returns
 * them, so whatever the request does not carry is lost. The portal can recreate only the Relay
 * connection string (Arc; re-read from Azure as the CLI does); the PEM pair must come with the
 * request.
 */
async function completeProtectedSettings(
  credential: TokenCredential,
  extensionId: string,
  settings: Record<string, string>,
  sent: Record<string, string>,
): Promise<Record<string, string>> {
  const protectedSettings = armProtectedSettings(sent, settings, extensionId);
  if (usesPemPair(settings) && !(protectedSettings['scoringFe.sslCert'] && protectedSettings['scoringFe.sslKey'])) {
    throw unprocessable({ key: 'api.resendPemPair' }, extensionId);
  }
  const { clusterId, cluster } = parseExtensionId(extensionId)!;
  if (cluster.type === 'connectedClusters' && readBooleanSetting(settings, 'relayserver.enabled', true)) {
    const details = await getCluster(credential, clusterId);
    const relay = await ensureRelayForArcCluster(credential, details.summary);
    for (const key of RELAY_KEYS) protectedSettings[key] = relay.connectionString;
  }
  return protectedSettings;
}

/**
 * Validates and starts an update. Impacts (DOMAIN.md section 5) are computed from the current
 * settings and the merged ones; with any impact and no `confirmImpacts` nothing is sent.
 */
export async function startExtensionUpdate(
  credential: TokenCredential,
  extensionId: string,
  update: ExtensionUpdate,
  text: DomainText = englishText,
): Promise<UpdateOutcome> {
  const audit = {
    action: 'update' as const,
    extensionId,
    settings: update.configurationSettings ?? undefined,
    protectedKeys: Object.keys(update.configurationProtectedSettings ?? {}),
  };
  // Write-ahead: recorded before the PATCH, settled after (a crash in between leaves the row).
  const write = await beginExtensionWrite(credential, audit);
  try {
    const outcome = await sendExtensionUpdate(credential, extensionId, update, text);
    // Asking the user to confirm impacts writes nothing: only a sent or refused update stays in the trail.
    if (outcome.status === 'started') await write.settle('accepted');
    else if (outcome.status === 'refused') await write.settle('refused', preflightRefusal(outcome.findings));
    else await write.discard();
    return outcome;
  } catch (err) {
    await write.fail(err);
    throw err;
  }
}

async function sendExtensionUpdate(
  credential: TokenCredential,
  extensionId: string,
  update: ExtensionUpdate,
  text: DomainText,
): Promise<UpdateOutcome> {
  const current = await getExtension(credential, extensionId);
  const before = current.configurationSettings ?? {};
  const after = mergeSettings(before, update.configurationSettings);
  if (update.configurationSettings) {
    // The setting-dependent rules of an install hold for an update too, on the merged settings.
    const change = await preflightSettingsChange(credential, parseExtensionId(extensionId)!.clusterId, before, after, text);
    if (change.blocking) return { status: 'refused', findings: change.findings };
  }
  const impacts = updateImpacts(before, after, text);
  if (impacts.length > 0 && !update.confirmImpacts) return { status: 'needs-confirmation', impacts };

  const autoUpgrade = update.autoUpgradeMinorVersion ?? current.autoUpgradeMinorVersion ?? true;
  const version = update.version === undefined ? current.version : update.version;
  if (version && autoUpgrade) {
    throw unprocessable({ key: 'api.pinnedVersion' }, extensionId);
  }
  const patch: PatchExtension = {};
  if (update.configurationSettings) patch.configurationSettings = update.configurationSettings as Record<string, string>;
  if (update.releaseTrain !== undefined) patch.releaseTrain = update.releaseTrain;
  if (update.version !== undefined) patch.version = update.version ?? undefined;
  if (update.autoUpgradeMinorVersion !== undefined) patch.autoUpgradeMinorVersion = update.autoUpgradeMinorVersion;
  if (update.configurationProtectedSettings && Object.keys(update.configurationProtectedSettings).length > 0) {
    patch.configurationProtectedSettings = await completeProtectedSettings(
      credential,
      extensionId,
      after,
      update.configurationProtectedSettings,
    );
  }
  if (Object.keys(patch).length === 0) throw unprocessable({ key: 'api.nothingToUpdate' }, extensionId);
  await updateExtension(credential, extensionId, patch);
  forgetExtensionStatus(extensionId);
  return { status: 'started', id: extensionId, statusUrl: statusUrlOf(extensionId), impacts };
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
  return { id: extensionId, statusUrl: statusUrlOf(extensionId) };
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
    statusUrl: extension.id ? statusUrlOf(extension.id) : undefined,
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
