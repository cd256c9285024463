/**
 * The JSON API's update request (`PATCH /api/v1/extensions?id=`): ARM's updatable fields in the
 * CLI's vocabulary, merged into the installed settings, and the keys the CLI's `Update` derives
 * from them; and the PATCH body every update sends (`patchOf`), whichever way it came. Pure: the
 * API parses with it, the update use case (lib/deploy/update-service.ts) applies it.
 */
import { z } from 'zod';

// Before any schema below is built: no eval probe under the strict CSP (see the module).
import '@/lib/security/zod-jitless';

import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { SETTING, normaliseServiceType, pythonBool, releaseFieldSchemasFor } from './cli-settings';
import { setOwn } from './own-keys';
import { settingsRecordSchema } from './setting-keys';
import { DERIVED_SETTING, planSettingsUpdate } from './update-plan';

/**
 * The PATCH body, with the create schema's rules for keys, release train and version (one place
 * each) and its messages in `text`'s language. A `null` setting is refused at its key: settings
 * values are strings in ARM's spec, so no update can remove one (lib/domain/update-plan.ts).
 */
export function extensionUpdateSchemaFor(text: DomainText) {
  const release = releaseFieldSchemasFor(text);
  const settingValue = z.string().nullable();
  return z
    .object({
      configurationSettings: settingsRecordSchema(settingValue, text)
        .superRefine((map, ctx) => {
          for (const [key, value] of Object.entries(map)) {
            if (value === null) ctx.addIssue({ code: 'custom', path: [key], message: text('cli.cannotRemoveSetting', { key }) });
          }
        })
        .transform((map) => map as Record<string, string>)
        .optional(),
      configurationProtectedSettings: settingsRecordSchema(z.string(), text).optional(),
      releaseTrain: z.string().trim().min(1).pipe(release.releaseTrain).optional(),
      // null unpins: `version` is the one nullable field of ARM's patch.
      version: z.string().trim().min(1).pipe(release.version).nullable().optional(),
      autoUpgradeMinorVersion: z.boolean().optional(),
      confirmImpacts: z.boolean().optional(),
    })
    .strict();
}

/** {@link extensionUpdateSchemaFor} in English. */
export const extensionUpdateSchema = extensionUpdateSchemaFor(englishText);
export type ExtensionUpdate = z.infer<typeof extensionUpdateSchema>;

/**
 * The settings an API update asks for, with what the CLI's `Update` adds (`__normalize_config`,
 * `__set_inference_ssl_from_secret`): a router type writes `scoringFe.serviceType.nodePort`, a
 * load balancer provider `scoringFe.serviceType.internalLoadBalancer`, a secret `scoringFe.sslSecret`.
 */
export function cliUpdateSettings(changes: Readonly<Record<string, string>>): Record<string, string> {
  const wanted: Record<string, string> = {};
  for (const [key, value] of Object.entries(changes)) setOwn(wanted, key, value);
  const serviceType = Object.hasOwn(changes, SETTING.inferenceRouterServiceType) ? normaliseServiceType(changes[SETTING.inferenceRouterServiceType]) : null;
  if (serviceType) wanted[DERIVED_SETTING.nodePort] = pythonBool(serviceType === 'nodePort');
  const provider = Object.hasOwn(changes, SETTING.internalLoadBalancerProvider) ? changes[SETTING.internalLoadBalancerProvider].trim() : '';
  if (provider) wanted[DERIVED_SETTING.internalLoadBalancer] = pythonBool(provider.toLowerCase() === 'azure');
  const secret = Object.hasOwn(changes, SETTING.sslSecret) ? changes[SETTING.sslSecret].trim() : '';
  if (secret) wanted[DERIVED_SETTING.sslSecret] = secret;
  return wanted;
}

/** What an update asks for, from the API's request or the wizard's answers (lib/deploy/update-service.ts). */
export interface UpdateDraft {
  /** The complete settings after the update (lib/domain/update-plan.ts: never `null`, a superset of the current keys). */
  settings: Record<string, string>;
  /**
   * The protected settings to send, in ARM's vocabulary: ARM replaces the set wholesale, so the
   * update use case adds the Relay strings it re-reads before the PATCH. Undefined sends none (the
   * ones on file stay).
   */
  protectedSettings?: Record<string, string>;
  releaseTrain?: string;
  /** `null` unpins (the spec's `version` is nullable). */
  version?: string | null;
  autoUpgradeMinorVersion?: boolean;
}

/** What a PATCH is compared with: the installed extension's updatable fields, as ARM's GET returns them. */
export interface PatchedExtension {
  configurationSettings?: Readonly<Record<string, string>> | null;
  releaseTrain?: string | null;
  version?: string | null;
  autoUpgradeMinorVersion?: boolean | null;
}

/** ARM's PATCH body (`properties`), as the REST spec has it: `version` may be `null`, which unpins. */
export interface UpdatePatch {
  configurationSettings?: Record<string, string>;
  configurationProtectedSettings?: Record<string, string>;
  releaseTrain?: string;
  version?: string | null;
  autoUpgradeMinorVersion?: boolean;
}

/** Release trains compare without case (`Stable` is `stable`), as ARM reads them. */
function sameTrain(a: string, b: string | null | undefined): boolean {
  return a.toLowerCase() === (b ?? '').toLowerCase();
}

/**
 * The PATCH an update sends to `current`: each field of `draft` that differs from the extension's
 * (the settings when any value changes, then all of them; the release train without case; the
 * version, `null` unpinning; automatic minor upgrades), and the protected settings whenever the
 * draft has any. The update review shows this body (protected values masked) and the update sends
 * it, so the two cannot disagree. An empty body means the update changes nothing.
 */
export function patchOf(current: PatchedExtension, draft: UpdateDraft): UpdatePatch {
  const patch: UpdatePatch = {};
  if (planSettingsUpdate(current.configurationSettings ?? {}, draft.settings).changed.length > 0) patch.configurationSettings = draft.settings;
  if (draft.releaseTrain !== undefined && !sameTrain(draft.releaseTrain, current.releaseTrain)) patch.releaseTrain = draft.releaseTrain;
  if (draft.version !== undefined && draft.version !== (current.version ?? null)) patch.version = draft.version;
  if (draft.autoUpgradeMinorVersion !== undefined && draft.autoUpgradeMinorVersion !== current.autoUpgradeMinorVersion) patch.autoUpgradeMinorVersion = draft.autoUpgradeMinorVersion;
  if (draft.protectedSettings) patch.configurationProtectedSettings = draft.protectedSettings;
  return patch;
}
