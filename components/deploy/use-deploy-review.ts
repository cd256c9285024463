'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { DeployExtensionResult, FieldError, PlanDeploymentResult } from '@/app/deploy/action-types';
import { deployExtensionAction, planDeploymentAction } from '@/app/deploy/actions';
import type { DeployForm } from '@/lib/domain/deploy-schema';

import { clearWizard } from './wizard-storage';

/** The review's plan: loading, the plan, or why there is none. */
export type PlanState = { status: 'idle' } | { status: 'planning' } | PlanDeploymentResult;

/** The Deploy button's last answer when it did not navigate away. */
export type DeployState = { status: 'idle' } | { status: 'deploying' } | Exclude<DeployExtensionResult, { status: 'created' }>;

/** The answer when the action itself could not be called (network down, server gone). */
export function unreachable(message: string) {
  return { status: 'failed', code: 'NetworkError', message, retryable: true } as const;
}

/** Puts server messages on their fields so they are there when the user goes back to fix them. */
export function useShowAtFields(form: UseFormReturn<DeployForm>) {
  return useCallback(
    (errors: FieldError[]) => {
      for (const error of errors) form.setError(error.path as FieldPath<DeployForm>, { type: 'server', message: error.message });
    },
    [form],
  );
}

/**
 * The review step's work: plan the deployment (ARM body, az command, findings) and deploy it.
 * The idempotency key is made once per review, so a double click or a retry creates one
 * extension; the deploy also refuses to start while one is pending (a ref, because state updates
 * land a render too late to stop a fast second click).
 */
export function useDeployReview(form: UseFormReturn<DeployForm>) {
  const router = useRouter();
  const t = useTranslations('deploy.review');
  const [plan, setPlan] = useState<PlanState>({ status: 'idle' });
  const [deploy, setDeploy] = useState<DeployState>({ status: 'idle' });
  const idempotencyKey = useRef<string>('');
  const pending = useRef(false);
  const planRequest = useRef(0);

  const showAtFields = useShowAtFields(form);

  const startReview = useCallback(async () => {
    idempotencyKey.current = crypto.randomUUID();
    const request = ++planRequest.current;
    setDeploy({ status: 'idle' });
    setPlan({ status: 'planning' });
    let result: PlanDeploymentResult;
    try {
      result = await planDeploymentAction(form.getValues());
    } catch {
      result = unreachable(t('unreachable'));
    }
    // Leaving and re-entering the review starts a new plan; only the newest one may land.
    if (request !== planRequest.current) return;
    if (result.status === 'invalid') showAtFields(result.errors);
    setPlan(result);
  }, [form, showAtFields, t]);

  const deployNow = useCallback(async () => {
    if (pending.current) return;
    pending.current = true;
    setDeploy({ status: 'deploying' });
    let result: DeployExtensionResult;
    try {
      result = await deployExtensionAction(form.getValues(), idempotencyKey.current);
    } catch {
      result = unreachable(t('unreachable'));
    }
    if (result.status === 'created') {
      // Done: a reload of /deploy should start a fresh wizard, and the key must not be reused.
      clearWizard();
      router.push(result.resourcePath);
      return;
    }
    if (result.status === 'invalid') showAtFields(result.errors);
    pending.current = false;
    setDeploy(result);
  }, [form, router, showAtFields, t]);

  return { plan, deploy, startReview, deployNow };
}
