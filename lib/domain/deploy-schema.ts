/**
 * The deploy wizard's form: one zod schema per step, composed into the whole (the Dub pattern).
 * Used by the wizard through `zodResolver(deployFormSchema)` and by the server on the same data.
 * Pure, no `'use server'`: client components import it.
 *
 * The step schemas hold only the shape. Every domain rule (TLS material, sslCname, nodePort with
 * an internal load balancer, version pinning, label syntax, the extension name) lives once, in
 * `cli-validation.ts`: the composed schema converts the form to the CLI vocabulary, runs those
 * rules, and maps each message back to the form field with `formPathForCliKey` (the settings
 * catalog's `formField`).
 *
 * Every message is in the reader's language: the schemas are built from a `DomainText`
 * (`deployFormSchemaFor(useDomainText())` in the wizard, `deployFormSchemaFor(await getDomainText())`
 * in the server actions). The exported constants are the English build, for callers that only
 * need the shape. No message is zod's own: each field names its problem from our catalogs.
 */
import { z } from 'zod';

// Before any schema below is built: no eval probe under the strict CSP (see the module).
import '@/lib/security/zod-jitless';

import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import { formToCliRequest } from './cli-settings';
import { validateCliRequest } from './cli-validation';
import { ownValue } from './own-keys';
import { DEFAULT_RELEASE_TRAIN, INSTALL_FLAGS, SERVICE_TYPES, SETTING, booleanDefault, settingEntry, type InstallFlag } from './settings-catalog';

/** The wizard's steps, in order. */
export const DEPLOY_STEPS = ['cluster', 'workload', 'router', 'advanced', 'review'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

/** The step schemas with their messages in `text`'s language. */
function stepSchemasOf(text: DomainText) {
  // A wrong type or a missing field cannot come from the wizard's own inputs (a stale tab or a
  // hand-made post can): one message for all of them, rather than zod's English.
  const invalid = { error: text('cli.form.invalidValue') };
  const string = () => z.string(invalid);
  const boolean = () => z.boolean(invalid);

  const cluster = z.object({
    clusterId: string().min(1, text('cli.form.pickCluster')),
  }, invalid);

  const workload = z.object({
    workload: z.enum(['training', 'inference', 'both'], { error: text('cli.form.workload') }),
  }, invalid);

  /**
   * How `azureml-fe` serves HTTPS. A union, so "HTTPS without a certificate" cannot be represented.
   * `certPem`/`keyPem` are PEM text read in the browser; they are sent once, never persisted.
   */
  const tls = z.discriminatedUnion(
    'mode',
    [
      z.object({ mode: z.literal('insecure') }, invalid),
      z.object({ mode: z.literal('secret'), sslSecret: string(), sslCname: string() }, invalid),
      z.object({ mode: z.literal('pem'), certPem: string(), keyPem: string(), sslCname: string() }, invalid),
      // Update only: the PEM pair already on the extension (ARM never returns it) stays; its host name with it.
      z.object({ mode: z.literal('current'), sslCname: string() }, invalid),
    ],
    { error: text('cli.form.tlsMode') },
  );

  const router = z.object({
    serviceType: z.enum(SERVICE_TYPES, { error: text('cli.form.serviceType') }),
    internalLoadBalancer: boolean(),
    inferenceRouterHA: boolean(),
    tls,
  }, invalid);

  const advanced = z.object({
    nodeSelector: z.array(z.object({ key: string(), value: string() }, invalid), invalid),
    installNvidiaDevicePlugin: boolean(),
    installPromOp: boolean(),
    installVolcano: boolean(),
    installDcgmExporter: boolean(),
    releaseTrain: string(),
    /** '' = latest. */
    version: string(),
    autoUpgradeMinorVersion: boolean(),
    extensionName: string(),
  }, invalid);

  return { cluster, workload, tls, router, advanced };
}

const englishSteps = stepSchemasOf(englishText);

export const clusterStepSchema = englishSteps.cluster;
export const workloadStepSchema = englishSteps.workload;
/** How `azureml-fe` serves HTTPS: insecure HTTP, a Kubernetes secret, or an uploaded PEM pair. */
export const tlsSchema = englishSteps.tls;
export type TlsSettings = z.infer<typeof tlsSchema>;
export const routerStepSchema = englishSteps.router;
export const advancedStepSchema = englishSteps.advanced;

/** Form field for each request field (not a setting) whose name differs; settings map by their catalog `formField`. */
const FORM_PATH_BY_REQUEST_FIELD: Readonly<Record<string, string>> = {
  name: 'extensionName',
};

/**
 * The form field a CLI-vocabulary message belongs to: the setting's `formField` in the catalog
 * (`sslCname` → `tls.sslCname`, `nodeSelector.pool` → `nodeSelector`, `inferenceRouterServiceType`
 * → `serviceType`), `name` → `extensionName`. Keys the form has no field for come back unchanged
 * (the UI shows them as form-level messages).
 */
export function formPathForCliKey(key: string): string {
  // `constructor` is a setting the form has no field for, not Object's constructor.
  return settingEntry(key)?.formField ?? ownValue(FORM_PATH_BY_REQUEST_FIELD, key) ?? key;
}

function formShapeOf(steps: ReturnType<typeof stepSchemasOf>) {
  return steps.cluster.extend(steps.workload.shape).extend(steps.router.shape).extend(steps.advanced.shape);
}

/**
 * The whole form, its messages in `text`'s language. Cross-field rules come from
 * `validateCliRequest` (so training-only skips every router rule, as the CLI does); each error
 * carries its form path so react-hook-form shows it at the field. Warnings (unknown keys) cannot
 * arise from the form and are not issues. The wizard and the server actions build it for their
 * reader, so a message set by the server reads like one set in the browser.
 */
export function deployFormSchemaFor(text: DomainText, purpose: FormPurpose = 'install') {
  return formShapeOf(stepSchemasOf(text)).superRefine((form, ctx) => {
    // Only an installed extension has a PEM pair to keep; an install must bring one.
    if (form.tls.mode === 'current' && purpose === 'install') {
      ctx.addIssue({ code: 'custom', path: ['tls', 'mode'], message: text('cli.form.tlsMode') });
      return;
    }
    const { errors } = validateCliRequest(formToCliRequest(form), { installedPemPair: form.tls.mode === 'current' }, text);
    const seen = new Set<string>();
    for (const { key, message } of errors) {
      const path = formPathForCliKey(key);
      // "Pick a cluster" is the step schema's message; do not say it twice.
      if (path === 'clusterId' && form.clusterId === '') continue;
      if (seen.has(`${path}\n${message}`)) continue;
      seen.add(`${path}\n${message}`);
      ctx.addIssue({ code: 'custom', path: path.split('.'), message });
    }
  });
}

/** What the form is for: a new install, or an update of an installed extension (which may keep its PEM pair). */
export type FormPurpose = 'install' | 'update';

/** The whole form with English messages (tests, and callers that need no reader's language). */
export const deployFormSchema = deployFormSchemaFor(englishText);
/** Same as `z.infer<typeof deployFormSchema>` (refinements do not change the type); inferred from the
 * shape so the refinement, which takes a `DeployForm`, does not reference its own type. */
export type DeployForm = z.infer<ReturnType<typeof formShapeOf>>;

/** A fresh wizard: both workloads, public load balancer with HA, HTTP until TLS is chosen. */
export const DEFAULT_DEPLOY_FORM: DeployForm = {
  clusterId: '',
  workload: 'both',
  serviceType: 'loadBalancer',
  internalLoadBalancer: false,
  inferenceRouterHA: booleanDefault(SETTING.inferenceRouterHA),
  tls: { mode: 'insecure' },
  nodeSelector: [],
  // The extension's defaults, so a fresh wizard writes none of them.
  ...(Object.fromEntries(INSTALL_FLAGS.map((flag) => [flag, booleanDefault(flag)])) as Record<InstallFlag, boolean>),
  releaseTrain: DEFAULT_RELEASE_TRAIN,
  version: '',
  autoUpgradeMinorVersion: true,
  extensionName: 'azureml',
};

/** The shape of each input step, for per-step parsing (English messages). Cross-field rules are in `deployFormSchema`. */
export const STEP_SCHEMAS: Record<Exclude<DeployStep, 'review'>, z.ZodType> = {
  cluster: clusterStepSchema,
  workload: workloadStepSchema,
  router: routerStepSchema,
  advanced: advancedStepSchema,
};

/**
 * Top-level form fields each step owns: `trigger(STEP_FIELDS[step])` with
 * `zodResolver(deployFormSchema)` validates a step including its cross-field rules.
 */
export const STEP_FIELDS: Record<DeployStep, readonly string[]> = {
  cluster: Object.keys(clusterStepSchema.shape),
  workload: Object.keys(workloadStepSchema.shape),
  router: Object.keys(routerStepSchema.shape),
  advanced: Object.keys(advancedStepSchema.shape),
  review: [],
};
