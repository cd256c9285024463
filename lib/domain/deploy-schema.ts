/**
 * The deploy wizard's form: one zod schema per step, composed into the whole (the Dub pattern).
 * Used by the wizard through `zodResolver(deployFormSchema)` and by the server on the same data.
 * Pure, no `'use server'`: client components import it.
 *
 * The step schemas hold only the shape. Every domain rule (TLS material, sslCname, nodePort with
 * an internal load balancer, version pinning, label syntax, the extension name) lives once, in
 * `cli-validation.ts`: the composed schema converts the form to the CLI vocabulary, runs those
 * rules, and maps each message back to the form field with `formPathForCliKey`.
 */
import { z } from 'zod';

import { NODE_SELECTOR_PREFIX, SETTING, formToCliRequest } from './cli-settings';
import { validateCliRequest } from './cli-validation';

/** The wizard's steps, in order. */
export const DEPLOY_STEPS = ['cluster', 'workload', 'router', 'advanced', 'review'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

export const clusterStepSchema = z.object({
  clusterId: z.string().min(1, 'Pick a cluster'),
});

export const workloadStepSchema = z.object({
  workload: z.enum(['training', 'inference', 'both']),
});

/**
 * How `azureml-fe` serves HTTPS. A union, so "HTTPS without a certificate" cannot be represented.
 * `certPem`/`keyPem` are PEM text read in the browser; they are sent once, never persisted.
 */
export const tlsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('insecure') }),
  z.object({ mode: z.literal('secret'), sslSecret: z.string(), sslCname: z.string() }),
  z.object({ mode: z.literal('pem'), certPem: z.string(), keyPem: z.string(), sslCname: z.string() }),
]);
export type TlsSettings = z.infer<typeof tlsSchema>;

export const routerStepSchema = z.object({
  serviceType: z.enum(['loadBalancer', 'nodePort', 'clusterIP']),
  internalLoadBalancer: z.boolean(),
  inferenceRouterHA: z.boolean(),
  tls: tlsSchema,
});

export const advancedStepSchema = z.object({
  nodeSelector: z.array(z.object({ key: z.string(), value: z.string() })),
  installNvidiaDevicePlugin: z.boolean(),
  installPromOp: z.boolean(),
  installVolcano: z.boolean(),
  installDcgmExporter: z.boolean(),
  releaseTrain: z.string(),
  /** '' = latest. */
  version: z.string(),
  autoUpgradeMinorVersion: z.boolean(),
  extensionName: z.string(),
});

/** Form field for each CLI key that is not simply the same name. */
const FORM_PATH_BY_CLI_KEY: Readonly<Record<string, string>> = {
  name: 'extensionName',
  [SETTING.enableTraining]: 'workload',
  [SETTING.enableInference]: 'workload',
  [SETTING.inferenceRouterServiceType]: 'serviceType',
  [SETTING.internalLoadBalancerProvider]: 'internalLoadBalancer',
  [SETTING.allowInsecureConnections]: 'tls.mode',
  [SETTING.sslSecret]: 'tls.sslSecret',
  [SETTING.sslCname]: 'tls.sslCname',
  [SETTING.sslCertPemFile]: 'tls.certPem',
  [SETTING.sslKeyPemFile]: 'tls.keyPem',
};

/**
 * The form field a CLI-vocabulary message belongs to: `sslCname` → `tls.sslCname`,
 * `nodeSelector.pool` → `nodeSelector`, `inferenceRouterServiceType` → `serviceType`. Keys the
 * form has no field for come back unchanged (the UI shows them as form-level messages).
 */
export function formPathForCliKey(key: string): string {
  if (key.startsWith(NODE_SELECTOR_PREFIX)) return 'nodeSelector';
  return FORM_PATH_BY_CLI_KEY[key] ?? key;
}

const deployFormShape = clusterStepSchema
  .extend(workloadStepSchema.shape)
  .extend(routerStepSchema.shape)
  .extend(advancedStepSchema.shape);

/**
 * The whole form. Cross-field rules come from `validateCliRequest` (so training-only skips every
 * router rule, as the CLI does); each error carries its form path so react-hook-form shows it at
 * the field. Warnings (unknown keys) cannot arise from the form and are not issues.
 */
export const deployFormSchema = deployFormShape.superRefine((form, ctx) => {
  const { errors } = validateCliRequest(formToCliRequest(form));
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
/** Same as `z.infer<typeof deployFormSchema>` (refinements do not change the type); inferred from the
 * shape so the refinement, which takes a `DeployForm`, does not reference its own type. */
export type DeployForm = z.infer<typeof deployFormShape>;

/** A fresh wizard: both workloads, public load balancer with HA, HTTP until TLS is chosen. */
export const DEFAULT_DEPLOY_FORM: DeployForm = {
  clusterId: '',
  workload: 'both',
  serviceType: 'loadBalancer',
  internalLoadBalancer: false,
  inferenceRouterHA: true,
  tls: { mode: 'insecure' },
  nodeSelector: [],
  installNvidiaDevicePlugin: false,
  installPromOp: true,
  installVolcano: true,
  installDcgmExporter: false,
  releaseTrain: 'stable',
  version: '',
  autoUpgradeMinorVersion: true,
  extensionName: 'azureml',
};

/** The shape of each input step, for per-step parsing. Cross-field rules are in `deployFormSchema`. */
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
