'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { PlanUpdateResult, UpdateExtensionResult } from '@/app/update/action-types';
import { planUpdateAction, updateExtensionAction } from '@/app/update/actions';
import type { DeployForm } from '@/lib/domain/deploy-schema';
import { hasBlockingFinding } from '@/lib/domain/preflight/types';

import { unreachable, useShowAtFields } from './use-deploy-review';

/** The update review's plan: loading, the plan, or why there is none. */
export type UpdatePlanState = { status: 'idle' } | { status: 'planning' } | PlanUpdateResult;

/** The Update button's last answer when it did not navigate away. */
export type UpdateSubmitState = { status: 'idle' } | { status: 'updating' } | Exclude<UpdateExtensionResult, { status: 'started' }>;

/** True when the planned PATCH would send anything at all. */
export function planSendsSomething(plan: UpdatePlanState): boolean {
  return plan.status === 'planned' && Object.keys(plan.patch.properties).length > 0;
}

/**
 * The update review's work, as `useDeployReview` is the install's: plan the PATCH from the answers
 * (what it sends, its impacts and findings), then send it once the impacts are confirmed. A second
 * click while one is pending does nothing (a ref: state lands a render too late).
 */
export function useUpdateReview(form: UseFormReturn<DeployForm>, extensionId: string) {
  const router = useRouter();
  // Signing in again comes back to this page as it is (`/update?id=…`, a renewal's `&renew=1` kept).
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const returnTo = query ? `${pathname}?${query}` : pathname;
  const t = useTranslations('deploy.review');
  const [plan, setPlan] = useState<UpdatePlanState>({ status: 'idle' });
  const [submit, setSubmit] = useState<UpdateSubmitState>({ status: 'idle' });
  const [confirmed, setConfirmed] = useState(false);
  const pending = useRef(false);
  const planRequest = useRef(0);

  const showAtFields = useShowAtFields(form);

  const startReview = useCallback(async () => {
    const request = ++planRequest.current;
    setSubmit({ status: 'idle' });
    setConfirmed(false);
    setPlan({ status: 'planning' });
    let result: PlanUpdateResult;
    try {
      result = await planUpdateAction(extensionId, form.getValues());
    } catch {
      result = unreachable(t('unreachable'));
    }
    if (request !== planRequest.current) return;
    if (result.status === 'invalid') showAtFields(result.errors);
    setPlan(result);
  }, [extensionId, form, showAtFields, t]);

  const canSubmit =
    plan.status === 'planned' &&
    planSendsSomething(plan) &&
    !hasBlockingFinding(plan.findings) &&
    (plan.impacts.length === 0 || confirmed) &&
    submit.status !== 'updating';

  const submitNow = useCallback(async () => {
    if (pending.current) return;
    pending.current = true;
    setSubmit({ status: 'updating' });
    let result: UpdateExtensionResult;
    try {
      result = await updateExtensionAction(extensionId, form.getValues(), confirmed);
    } catch {
      result = unreachable(t('unreachable'));
    }
    if (result.status === 'started') {
      router.push(result.resourcePath);
      return;
    }
    if (result.status === 'invalid') showAtFields(result.errors);
    pending.current = false;
    setSubmit(result);
  }, [confirmed, extensionId, form, router, showAtFields, t]);

  return { plan, submit, confirmed, setConfirmed, canSubmit, startReview, submitNow, returnTo };
}

export type UpdateReviewState = ReturnType<typeof useUpdateReview>;
