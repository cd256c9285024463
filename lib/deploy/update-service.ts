import 'server-only';

import type { PatchExtension } from '@azure/arm-kubernetesconfiguration';
import type { TokenCredential } from '@azure/core-auth';

import { beginExtensionWrite } from '@/lib/audit/audit';
import { preflightRefusal } from '@/lib/audit/create-audit';
import { getCluster } from '@/lib/azure/clusters';
import { forgetExtensionStatus } from '@/lib/azure/extension-status';
import { getExtension, updateExtension, type ExtensionResource } from '@/lib/azure/extensions';
import { ensureRelayForArcCluster } from '@/lib/azure/relay';
import { SETTING, formToCliRequest } from '@/lib/domain/cli-settings';
import type { FieldMessage } from '@/lib/domain/cli-validation';
import type { ClusterDetails } from '@/lib/domain/cluster';
import type { DeployForm } from '@/lib/domain/deploy-schema';
import { base64OfText, MASKED_VALUE } from '@/lib/domain/extension-body';
import { parseExtensionId } from '@/lib/domain/extension-id';
import { checkPemPair, type CertificateSummary } from '@/lib/domain/pem-checks';
import type { Finding } from '@/lib/domain/preflight/types';
import { ownValue, setOwn } from '@/lib/domain/own-keys';
import { CLI_SETTING, readBooleanSetting } from '@/lib/domain/settings-catalog';
import { updateImpacts, type UpdateImpact } from '@/lib/domain/update-impact';
import {
  formFromExtension,
  planSettingsUpdate,
  protectedPlanOf,
  settingsOfAnswers,
  usesPemPair,
  type KeptSetting,
} from '@/lib/domain/update-plan';
import { cliUpdateSettings, patchOf, type ExtensionUpdate, type UpdateDraft, type UpdatePatch } from '@/lib/domain/update-request';
import { AppError, type AppErrorText } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { rememberCheckedCertificate } from './certificate-service';
import { extensionStatusUrl } from './deploy-service';
import { preflightSettingsChange } from './preflight-service';

/**
 * Updates of an installed extension (DOMAIN.md section 5), for the JSON API's PATCH (settings in
 * the CLI's vocabulary, a merge) and the update wizard (the form's answers). Both come to one
 * {@link UpdateDraft} and go through one path: the install's setting-dependent preflight on the
 * settings after the update, the impacts to confirm, then one PATCH carrying the complete settings
 * (never `null`: see lib/domain/update-plan.ts) and, when protected settings change, all of them.
 */

/** What an update request comes to: refused by preflight, held for confirmation, or accepted by ARM. */
export type UpdateOutcome =
  | { status: 'refused'; findings: Finding[] }
  | { status: 'needs-confirmation'; impacts: UpdateImpact[] }
  | { status: 'started'; id: string; statusUrl: string; impacts: UpdateImpact[] };

/** The ARM keys a PEM pair goes to, base64 (DOMAIN.md section 4). */
const PEM_ARM_KEYS = { cert: CLI_SETTING.scoringFeSslCert, key: CLI_SETTING.scoringFeSslKey } as const;
/** CLI-vocabulary PEM keys and the ARM keys they become. A Map: `constructor` is not one of them. */
const PEM_KEYS: ReadonlyMap<string, string> = new Map([
  [SETTING.sslCertPemFile, PEM_ARM_KEYS.cert],
  [SETTING.sslKeyPemFile, PEM_ARM_KEYS.key],
]);
/** The Relay connection string's two protected keys (DOMAIN.md section 4). */
const RELAY_KEYS = [CLI_SETTING.relayServerConnectionString, CLI_SETTING.relayConnectionString] as const;

function unprocessable(userText: AppErrorText, target: string): AppError {
  return new AppError({ code: 'BadRequest', status: 422, target, userText });
}

/**
 * The protected settings a request sent, in ARM's vocabulary: PEM text under its `scoringFe.*` key,
 * base64. 422 when a key is also a plain setting (own keys only). Pure apart from the error it throws.
 */
export function armProtectedSettings(sent: Record<string, string>, settings: Record<string, string>, extensionId: string): Record<string, string> {
  const protectedSettings: Record<string, string> = {};
  for (const [key, value] of Object.entries(sent)) {
    const armKey = PEM_KEYS.get(key);
    setOwn(protectedSettings, armKey ?? key, armKey ? base64OfText(value) : value);
  }
  const clash = Object.keys(protectedSettings).find((key) => Object.hasOwn(settings, key));
  if (clash) throw unprocessable({ key: 'api.settingAndProtected', values: { key: clash } }, extensionId);
  return protectedSettings;
}

/**
 * What ARM's wholesale replacement of the protected settings would otherwise lose and the portal
 * can recreate: on Arc, the Relay connection string's keys (unless relay is off or the request
 * brought its own). Pure; the update re-reads their value, the review names them.
 */
function relayKeysToResend(extensionId: string, before: Record<string, string>, protectedSettings: Record<string, string>): readonly string[] {
  const { cluster: parsed } = parseExtensionId(extensionId)!;
  const relayOn = readBooleanSetting(before, CLI_SETTING.relayEnabled, parsed.type === 'connectedClusters');
  if (parsed.type !== 'connectedClusters' || !relayOn || RELAY_KEYS.some((key) => Object.hasOwn(protectedSettings, key))) return [];
  return RELAY_KEYS;
}

/** The protected settings with the Relay connection string re-read from Azure, as the CLI's `Update` does. */
async function withRelayStrings(
  credential: TokenCredential,
  extensionId: string,
  before: Record<string, string>,
  protectedSettings: Record<string, string>,
  cluster: () => Promise<ClusterDetails>,
): Promise<Record<string, string>> {
  const keys = relayKeysToResend(extensionId, before, protectedSettings);
  if (keys.length === 0) return protectedSettings;
  const relay = await ensureRelayForArcCluster(credential, (await cluster()).summary);
  return { ...protectedSettings, ...Object.fromEntries(keys.map((key) => [key, relay.connectionString])) };
}

/** The one path of every update: preflight on the change, impacts, then the PATCH. */
async function sendUpdate(
  credential: TokenCredential,
  extensionId: string,
  current: ExtensionResource,
  draft: UpdateDraft,
  confirmImpacts: boolean,
  text: DomainText,
): Promise<UpdateOutcome> {
  const before = current.configurationSettings ?? {};
  const after = draft.settings;
  const changed = planSettingsUpdate(before, after).changed.length > 0;
  let details: ClusterDetails | undefined;
  if (changed) {
    // The setting-dependent rules of an install hold for an update too, on the settings after it.
    const change = await preflightSettingsChange(credential, parseExtensionId(extensionId)!.clusterId, before, after, text);
    if (change.blocking) return { status: 'refused', findings: change.findings };
    details = change.cluster;
  }
  const impacts = updateImpacts(before, after, text);
  if (impacts.length > 0 && !confirmImpacts) return { status: 'needs-confirmation', impacts };

  const autoUpgrade = draft.autoUpgradeMinorVersion ?? current.autoUpgradeMinorVersion ?? true;
  const version = draft.version === undefined ? current.version : draft.version;
  if (version && autoUpgrade) throw unprocessable({ key: 'api.pinnedVersion' }, extensionId);

  let sent = draft;
  if (draft.protectedSettings) {
    const clusterOf = async () => (details ??= await getCluster(credential, parseExtensionId(extensionId)!.clusterId));
    sent = { ...draft, protectedSettings: await withRelayStrings(credential, extensionId, before, draft.protectedSettings, clusterOf) };
  }
  const patch = patchOf(current, sent);
  if (Object.keys(patch).length === 0) throw unprocessable({ key: 'api.nothingToUpdate' }, extensionId);
  // The REST spec's `version` is nullable (null unpins); the SDK's model says string.
  await updateExtension(credential, extensionId, patch as PatchExtension);
  forgetExtensionStatus(extensionId);
  return { status: 'started', id: extensionId, statusUrl: extensionStatusUrl(extensionId), impacts };
}

/** Write-ahead audit around an update: recorded before the PATCH, settled after. */
async function audited(
  credential: TokenCredential,
  extensionId: string,
  audit: { settings?: Record<string, string>; previousSettings?: Record<string, string>; protectedKeys: string[] },
  work: () => Promise<UpdateOutcome | { status: 'invalid'; errors: FieldMessage[] }>,
) {
  const write = await beginExtensionWrite(credential, { action: 'update', extensionId, ...audit });
  try {
    const outcome = await work();
    // Asking the user to confirm impacts (or to fix a field) writes nothing: only a sent or refused update stays in the trail.
    if (outcome.status === 'started') await write.settle('accepted');
    else if (outcome.status === 'refused') await write.settle('refused', preflightRefusal(outcome.findings));
    else await write.discard();
    return outcome;
  } catch (err) {
    await write.fail(err);
    throw err;
  }
}

/**
 * The JSON API's update: settings in the CLI's vocabulary, merged key by key into the current
 * ones with the keys the CLI derives on update. Changing protected settings resends all of them:
 * the PEM pair must come with the request (422 otherwise), the Relay strings are re-read.
 */
export async function startExtensionUpdate(
  credential: TokenCredential,
  extensionId: string,
  update: ExtensionUpdate,
  text: DomainText = englishText,
): Promise<UpdateOutcome> {
  const sent = update.configurationProtectedSettings ?? {};
  const certPem = ownValue(sent, SETTING.sslCertPemFile);
  const keyPem = ownValue(sent, SETTING.sslKeyPemFile);
  // The API's one read of a PEM pair it sends: the certificate's public facts, remembered once ARM accepts.
  const certificate = certPem && keyPem ? checkPemPair({ certPem, keyPem, sslCname: '' }, text).certificate : undefined;
  // Read before the write-ahead entry, so the trail keeps the values the update replaces; a failed
  // read is still recorded, as the update's failure.
  const read = await getExtension(credential, extensionId).then(
    (extension) => ({ extension }),
    (error: unknown) => ({ error }),
  );
  const outcome = await audited(
    credential,
    extensionId,
    {
      settings: update.configurationSettings,
      ...('extension' in read ? { previousSettings: read.extension.configurationSettings ?? {} } : {}),
      protectedKeys: Object.keys(update.configurationProtectedSettings ?? {}),
    },
    async () => {
      if ('error' in read) throw read.error;
      const current = read.extension;
      const before = current.configurationSettings ?? {};
      const settings = update.configurationSettings ? planSettingsUpdate(before, cliUpdateSettings(update.configurationSettings)).settings : before;
      let protectedSettings: Record<string, string> | undefined;
      if (update.configurationProtectedSettings && Object.keys(update.configurationProtectedSettings).length > 0) {
        protectedSettings = armProtectedSettings(update.configurationProtectedSettings, settings, extensionId);
        if (usesPemPair(settings) && !(protectedSettings[PEM_ARM_KEYS.cert] && protectedSettings[PEM_ARM_KEYS.key])) {
          throw unprocessable({ key: 'api.resendPemPair' }, extensionId);
        }
      }
      const draft: UpdateDraft = {
        settings,
        ...(protectedSettings ? { protectedSettings } : {}),
        ...(update.releaseTrain !== undefined ? { releaseTrain: update.releaseTrain } : {}),
        ...(update.version !== undefined ? { version: update.version } : {}),
        ...(update.autoUpgradeMinorVersion !== undefined ? { autoUpgradeMinorVersion: update.autoUpgradeMinorVersion } : {}),
      };
      return sendUpdate(credential, extensionId, current, draft, update.confirmImpacts === true, text);
    },
  );
  if (outcome.status === 'started') await rememberCheckedCertificate(credential, extensionId, certificate);
  return outcome as UpdateOutcome;
}

/** The update wizard's starting point: the installed extension and its answers. */
export async function readExtensionForUpdate(credential: TokenCredential, extensionId: string) {
  const extension = await getExtension(credential, extensionId);
  const { clusterId } = parseExtensionId(extensionId)!;
  const form = formFromExtension({
    name: extension.name ?? parseExtensionId(extensionId)!.extensionName,
    clusterId,
    settings: extension.configurationSettings ?? {},
    releaseTrain: extension.releaseTrain,
    version: extension.version,
    autoUpgradeMinorVersion: extension.autoUpgradeMinorVersion,
  });
  return { extension, form };
}

/** What the update wizard's review shows: what the PATCH will carry (protected values masked) and what it does. */
export interface FormUpdatePlan {
  /** The PATCH body as it will be sent (`patchOf`), protected values masked. */
  patch: { properties: UpdatePatch };
  /** Setting keys whose value changes or that are new. */
  changed: string[];
  /** Each changed setting with its value before (absent for a new key) and after: plain settings, never protected ones. */
  changes: Array<{ key: string; before?: string; after: string }>;
  kept: KeptSetting[];
  impacts: UpdateImpact[];
  /** Findings the change brings (preflight on the settings after it). */
  findings: Finding[];
  /** `keep`, `replace` or `drop` the protected settings on file (lib/domain/update-plan.ts). */
  protectedSettings: ReturnType<typeof protectedPlanOf>;
  /** The uploaded certificate's public facts, for the review and for the expiry warnings. */
  certificate?: CertificateSummary;
}

type FormDraft = { ok: true; draft: UpdateDraft; current: ExtensionResource; plan: Omit<FormUpdatePlan, 'patch' | 'impacts' | 'findings'> } | { ok: false; errors: FieldMessage[] };

/**
 * The answers as an update draft. `form` has passed `deployFormSchemaFor(text, 'update')`; the
 * cluster and the name are the extension's own whatever the form says. A new PEM pair gets the
 * install's cryptographic checks.
 */
async function draftOfForm(credential: TokenCredential, extensionId: string, answers: DeployForm, text: DomainText): Promise<FormDraft> {
  const current = await getExtension(credential, extensionId);
  const { clusterId, extensionName } = parseExtensionId(extensionId)!;
  const form: DeployForm = { ...answers, clusterId, extensionName };
  const request = formToCliRequest(form);
  let certificate: CertificateSummary | undefined;
  if (form.workload !== 'training' && form.tls.mode === 'pem') {
    const pem = checkPemPair({ certPem: form.tls.certPem, keyPem: form.tls.keyPem, sslCname: form.tls.sslCname.trim() }, text);
    if (pem.errors.length > 0) return { ok: false, errors: pem.errors };
    certificate = pem.certificate;
  }
  const before = current.configurationSettings ?? {};
  const settingsPlan = planSettingsUpdate(before, settingsOfAnswers(request, form));
  const protectedPlan = protectedPlanOf(before, form);
  const protectedSettings: Record<string, string> | undefined =
    protectedPlan === 'replace' && form.tls.mode === 'pem'
      ? { [PEM_ARM_KEYS.cert]: base64OfText(form.tls.certPem), [PEM_ARM_KEYS.key]: base64OfText(form.tls.keyPem) }
      : protectedPlan === 'drop'
        ? {}
        : undefined;
  const version = form.version.trim();
  const draft: UpdateDraft = {
    settings: settingsPlan.settings,
    ...(protectedSettings ? { protectedSettings } : {}),
    releaseTrain: form.releaseTrain.trim() || (current.releaseTrain ?? undefined),
    version: version === '' ? null : version,
    autoUpgradeMinorVersion: form.autoUpgradeMinorVersion,
  };
  return {
    ok: true,
    draft,
    current,
    plan: {
      changed: settingsPlan.changed,
      changes: settingsPlan.changed.map((key) => ({ key, ...(Object.hasOwn(before, key) ? { before: before[key] } : {}), after: settingsPlan.settings[key] })),
      kept: settingsPlan.kept,
      protectedSettings: protectedPlan,
      ...(certificate ? { certificate } : {}),
    },
  };
}

function masked(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(map).map((key) => [key, MASKED_VALUE]));
}

/** What the update would send and do, with no write: the review of the update wizard. */
export async function planFormUpdate(
  credential: TokenCredential,
  extensionId: string,
  form: DeployForm,
  text: DomainText = englishText,
): Promise<{ ok: true; plan: FormUpdatePlan } | { ok: false; errors: FieldMessage[] }> {
  const drafted = await draftOfForm(credential, extensionId, form, text);
  if (!drafted.ok) return drafted;
  const { draft, current, plan } = drafted;
  const before = current.configurationSettings ?? {};
  const change = plan.changed.length > 0 ? await preflightSettingsChange(credential, parseExtensionId(extensionId)!.clusterId, before, draft.settings, text) : undefined;
  // The body the update would send; the Relay strings are named, never read, for a preview.
  const relayKeys = draft.protectedSettings ? relayKeysToResend(extensionId, before, draft.protectedSettings) : [];
  const properties = patchOf(current, draft.protectedSettings ? { ...draft, protectedSettings: { ...draft.protectedSettings, ...Object.fromEntries(relayKeys.map((key) => [key, ''])) } } : draft);
  if (properties.configurationProtectedSettings) properties.configurationProtectedSettings = masked(properties.configurationProtectedSettings);
  return {
    ok: true,
    plan: { ...plan, patch: { properties }, impacts: updateImpacts(before, draft.settings, text), findings: change?.findings ?? [] },
  };
}

/** The update wizard's Update: the same draft as its review, through the one path. */
export async function startFormUpdate(
  credential: TokenCredential,
  extensionId: string,
  form: DeployForm,
  confirmImpacts: boolean,
  text: DomainText = englishText,
): Promise<(UpdateOutcome & { certificate?: CertificateSummary }) | { status: 'invalid'; errors: FieldMessage[] }> {
  // Drafting reads and checks only; the audit row starts before anything is sent.
  const drafted = await draftOfForm(credential, extensionId, form, text);
  if (!drafted.ok) return { status: 'invalid', errors: drafted.errors };
  const { draft, current, plan } = drafted;
  const changes = Object.fromEntries(plan.changed.map((key) => [key, draft.settings[key]]));
  const audit = { settings: changes, previousSettings: current.configurationSettings ?? {}, protectedKeys: Object.keys(draft.protectedSettings ?? {}) };
  const outcome = (await audited(credential, extensionId, audit, () =>
    sendUpdate(credential, extensionId, current, draft, confirmImpacts, text),
  )) as UpdateOutcome;
  // A renewal (any new pair) is remembered as the install's was, from the draft's check: its end date drives the expiry warnings.
  if (outcome.status === 'started' && plan.protectedSettings === 'replace') await rememberCheckedCertificate(credential, extensionId, plan.certificate);
  return outcome.status === 'started' && plan.certificate ? { ...outcome, certificate: plan.certificate } : outcome;
}
