/**
 * What the update wizard's server actions answer (kept out of `actions.ts`: a `'use server'`
 * module exports only async functions). The deploy actions' dialect: every expected outcome is a
 * value, none carries a PEM, a key or a Relay string.
 */
import type { ActionFailure } from '@/app/deploy/action-types';
import type { FormUpdatePlan } from '@/lib/deploy/update-service';
import type { Finding } from '@/lib/domain/preflight/types';
import type { UpdateImpact } from '@/lib/domain/update-impact';

/** `planUpdateAction`: what the PATCH will carry (protected values masked) and what it will do. */
export type PlanUpdateResult = ({ status: 'planned' } & FormUpdatePlan) | ActionFailure;

/** `updateExtensionAction`: ARM accepted the PATCH, or why nothing was sent. */
export type UpdateExtensionResult =
  | { status: 'started'; resourcePath: string }
  /** The impacts were not confirmed: nothing was sent. */
  | { status: 'needs-confirmation'; impacts: UpdateImpact[] }
  /** The change would break the extension (preflight on the settings after it): nothing was sent. */
  | { status: 'blocked'; findings: Finding[] }
  | ActionFailure;
