'use client';

import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import type { ActionFailure } from '@/app/deploy/action-types';
import { signInPath } from '@/lib/auth/return-to';

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
  /** What could not be done (`The deployment could not be planned`). */
  title: string;
  failure: PlanFailureState;
  /** Where signing in again leads, for a failure of the session. */
  signIn: SignInAgainProps;
  /** Plans again, for any other failure. */
  onRetry: () => void;
}

/**
 * Why a review has no plan, for the install and the update alike: the message, then signing in
 * again when the session has ended (retrying would fail the same way), otherwise a retry.
 */
export function PlanFailure({ title, failure, signIn, onRetry }: PlanFailureProps) {
  const t = useTranslations('deploy.review');
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {failure.message}
        {sessionEnded(failure) ? (
          <SignInAgain {...signIn} />
        ) : (
          <>
            {' '}
            <Link as="button" onClick={onRetry}>
              {t('tryAgain')}
            </Link>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
