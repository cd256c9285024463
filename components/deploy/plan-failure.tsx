'use client';

import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import type { ActionFailure, FieldError } from '@/app/deploy/action-types';
import { signInPath } from '@/lib/auth/return-to';
import { DEPLOY_STEPS, STEP_FIELDS, type DeployStep } from '@/lib/domain/deploy-schema';

/**
 * Why a review (the install's, step-review.tsx, and the update's, step-update-review.tsx) has no
 * plan: answers to fix at their fields, or a failure with its way out (sign in again or retry).
 */

/** "Fix in <step>" names the step as the review says it (`deploy.review.step*`). */
const STEP_LABELS = {
  cluster: 'stepCluster',
  workload: 'stepWorkload',
  router: 'stepRouter',
  advanced: 'stepAdvanced',
  review: 'stepReview',
} as const satisfies Record<DeployStep, string>;

/** The step a form path belongs to (`tls.sslCname` → router), for "fix it there" links. */
function stepOfPath(path: string): DeployStep | undefined {
  const field = path.split('.')[0];
  return DEPLOY_STEPS.find((step) => STEP_FIELDS[step].includes(field));
}

/** Props of {@link FieldErrors}. */
export interface FieldErrorsProps {
  errors: FieldError[];
  /** Steps of this form, so "fix it" links only point at steps that exist. */
  steps: readonly DeployStep[];
  onGoTo: (step: DeployStep) => void;
}

/** The answers to fix, each with a link to the step that asks for it. */
export function FieldErrors({ errors, steps, onGoTo }: FieldErrorsProps) {
  const t = useTranslations('deploy.review');
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('fixTheseTitle')}</MessageBarTitle>
        <ul>
          {errors.map((error) => {
            const step = stepOfPath(error.path);
            return (
              <li key={`${error.path}:${error.message}`}>
                {error.message}{' '}
                {step && steps.includes(step) ? (
                  <Link as="button" onClick={() => onGoTo(step)}>
                    {t('fixIn', { step: t(STEP_LABELS[step]) })}
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** A failure with nothing to fix at a field: no session, a refused origin, or Azure failing. */
export type PlanFailureState = Exclude<ActionFailure, { status: 'invalid' }>;

/** The sign-in has ended (no session, or Azure refused its token): only signing in again helps. */
export function sessionEnded(failure: ActionFailure): boolean {
  return failure.status === 'unauthenticated' || (failure.status === 'failed' && failure.code === 'Unauthenticated');
}

/** Props of {@link SignInAgain}. */
export interface SignInAgainProps {
  /** The page signing in returns to, with its query (the wizard's own: `/deploy`, `/update?id=…`). */
  returnTo: string;
  /** What becomes of the answers, appended to the link (`; your answers are kept.`). */
  note: string;
}

/** The way back when the sign-in has ended: a link through sign-in to `returnTo`. */
export function SignInAgain({ returnTo, note }: SignInAgainProps) {
  const t = useTranslations('deploy.review');
  return (
    <>
      {' '}
      <Link href={signInPath(returnTo, 'expired')}>{t('signInAgain')}</Link>
      {note}
    </>
  );
}

/** Props of {@link PlanFailure}. */
export interface PlanFailureProps {
  /** What could not be done (`The deployment could not be planned`, `The update was not sent`). */
  title: string;
  failure: PlanFailureState;
  /** Where signing in again leads, for a failure of the session. */
  signIn: SignInAgainProps;
  /** Plans again, for any other failure; absent for a write's failure (sending again is the user's call). */
  onRetry?: () => void;
}

/**
 * Why a review has no plan, or why its Deploy or Update sent nothing, for the install and the
 * update alike: the message, then signing in again when the session has ended (retrying would
 * fail the same way), otherwise a retry when there is one. A write's answer is announced (`alert`).
 */
export function PlanFailure({ title, failure, signIn, onRetry }: PlanFailureProps) {
  const t = useTranslations('deploy.review');
  return (
    <MessageBar intent="error" layout="multiline" role={onRetry ? undefined : 'alert'}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {failure.message}
        {sessionEnded(failure) ? (
          <SignInAgain {...signIn} />
        ) : onRetry ? (
          <>
            {' '}
            <Link as="button" onClick={onRetry}>
              {t('tryAgain')}
            </Link>
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Props of {@link NoPlan}. */
export type NoPlanProps = Omit<PlanFailureProps, 'failure'> & Omit<FieldErrorsProps, 'errors'> & { failure: ActionFailure };

const NO_PLAN_STATUSES: ReadonlySet<string> = new Set<ActionFailure['status']>(['invalid', 'unauthenticated', 'forbidden', 'failed']);

/** True when a review's plan state is a failure (the reviews show it with {@link NoPlan}). */
export function isNoPlan<S extends { status: string }>(state: S): state is Extract<S, ActionFailure> {
  return NO_PLAN_STATUSES.has(state.status);
}

/** A review's answer when it has no plan: the fields to fix, or why planning failed. */
export function NoPlan({ failure, steps, onGoTo, ...rest }: NoPlanProps) {
  return failure.status === 'invalid' ? <FieldErrors errors={failure.errors} steps={steps} onGoTo={onGoTo} /> : <PlanFailure failure={failure} {...rest} />;
}
