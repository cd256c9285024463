/**
 * What the deploy wizard's server actions answer. Kept out of `actions.ts` because a `'use server'`
 * module may export only async functions. Every answer is a value: expected failures (bad input,
 * a blocking finding, an ARM refusal) never throw. None of them carries a PEM or a private key.
 */
import type { IacExports } from '@/lib/domain/iac-export';
import type { CertificateSummary } from '@/lib/domain/pem-checks';
import type { PlanEffects } from '@/lib/domain/plan-effects';
import type { Finding } from '@/lib/domain/preflight/types';

/** A message about one form field (`tls.sslCname`, `nodeSelector`, ...) or, when no field fits, a CLI key. */
export interface FieldError {
  path: string;
  message: string;
}

/** Outcomes every action shares. */
export type ActionFailure =
  /** No credential for this visitor (live mode before sign-in). */
  | { status: 'unauthenticated'; message: string }
  /** The request did not come from this portal's own pages (Origin does not match Host). */
  | { status: 'forbidden'; message: string }
  /** The input broke a rule: each message is shown at its field. */
  | { status: 'invalid'; errors: FieldError[] }
  /** Azure refused or failed; `message` is safe to show. */
  | { status: 'failed'; code: string; message: string; retryable: boolean };

/** `planDeploymentAction`: the ARM body and az command the deploy would send, and what preflight found. */
export type PlanDeploymentResult =
  | {
      status: 'planned';
      /** The ARM PUT body with every protected value masked. */
      extension: unknown;
      azCommand: string;
      /** The same install as Bicep and Terraform; protected settings are parameters, never values. */
      exports: IacExports;
      warnings: FieldError[];
      findings: Finding[];
      /** What the install does beyond the answers: Arc Relay resources, the identity, the settings the CLI adds (no secret). */
      effects: PlanEffects;
    }
  | ActionFailure;

/** `deployExtensionAction`: the extension PUT was accepted, or why not. */
export type DeployExtensionResult =
  | { status: 'created'; id: string; statusUrl: string; resourcePath: string }
  /** Preflight found an error on the cluster: nothing was created. */
  | { status: 'blocked'; findings: Finding[] }
  | ActionFailure;

/** `checkPemAction`: the server-side PEM pair checks (DOMAIN.md section 3, rule 6); the summary holds public facts only. */
export type CheckPemResult =
  | { status: 'checked'; errors: FieldError[]; warnings: FieldError[]; certificate?: CertificateSummary }
  | ActionFailure;

/** `registerProviderAction`: the provider is Registered, or why not. */
export type RegisterProviderResult = { status: 'registered'; namespace: string; registrationState: string } | ActionFailure;
