'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';

import { DEFAULT_DEPLOY_FORM, DEPLOY_STEPS, STEP_FIELDS, type DeployForm, type DeployStep } from '@/lib/domain/deploy-schema';

import { hasBlockingFinding } from '@/lib/domain/preflight/types';

import type { DeployCluster, UpdateTarget } from './deploy-types';
import { useDeployReview } from './use-deploy-review';
import { useUpdateReview } from './use-update-review';
import { usePemCheck } from './use-pem-check';
import { usePreflight } from './use-preflight';
import { clearWizard, loadWizard, saveWizard } from './wizard-storage';

export interface UseDeployWizardOptions {
  form: UseFormReturn<DeployForm>;
  clusters: readonly DeployCluster[];
  /** From `/deploy?clusterId=`: wins over a restored pick, because the link is the newer intent. */
  initialClusterId?: string;
  /** An update of this installed extension instead of an install: no cluster step, no saved draft. */
  update?: UpdateTarget;
}

/** The steps this form goes through: the router step exists only when inference is on. */
export function stepsFor(workload: DeployForm['workload']): DeployStep[] {
  return DEPLOY_STEPS.filter((step) => step !== 'router' || workload !== 'training');
}

/**
 * An update's steps: the install's without the cluster (it is the extension's own); a renewal only
 * the certificate (on the router step) and the review.
 */
export function updateStepsFor(workload: DeployForm['workload'], renew: boolean): DeployStep[] {
  return renew ? ['router', 'review'] : stepsFor(workload).filter((step) => step !== 'cluster');
}

/**
 * The wizard's state: the current step, per-step validation, Back without losing anything,
 * session persistence (never the PEM text), the picked cluster's preflight, the PEM checks and
 * the review. The form itself stays in react-hook-form; this hook only drives it.
 */
export function useDeployWizard({ form, clusters, initialClusterId, update }: UseDeployWizardOptions) {
  const [step, setStep] = useState<DeployStep>(update ? updateStepsFor(update.initialForm.workload, update.renew)[0] : 'cluster');
  const [advancing, setAdvancing] = useState(false);
  // The user's moves between steps (Next, Back, a jump from the review or after an import), never
  // the restore on load: the view focuses the new step's heading after each.
  const [moves, setMoves] = useState(0);
  const restored = useRef(false);
  // True while the form holds a draft restored from this browser session, until Start over.
  const [draftRestored, setDraftRestored] = useState(false);
  const workload = useWatch({ control: form.control, name: 'workload' });
  const clusterId = useWatch({ control: form.control, name: 'clusterId' });
  const renew = update?.renew ?? false;
  const steps = useMemo(() => (update ? updateStepsFor(workload, renew) : stepsFor(workload)), [update, workload, renew]);
  const cluster = useMemo(() => clusters.find((candidate) => candidate.id === clusterId), [clusters, clusterId]);
  // An update has no cluster step: its preflight runs on the change, at the review.
  const { preflight, refresh: refreshPreflight } = usePreflight(update ? '' : clusterId);
  const { pemCheck, checkPem, resetPemCheck } = usePemCheck(form);
  const review = useDeployReview(form);
  const updateReview = useUpdateReview(form, update?.extensionId ?? '');
  const startReview = update ? updateReview.startReview : review.startReview;

  // Restore once after hydration: the server has no sessionStorage, so this cannot happen during render.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    // An update starts from the extension, never from a draft of an install.
    if (update) return;
    const saved = loadWizard();
    const values: DeployForm = { ...DEFAULT_DEPLOY_FORM, ...saved?.form, ...(initialClusterId ? { clusterId: initialClusterId } : {}) };
    form.reset(values);
    if (!saved) return;
    // The certificate and key were not saved: a PEM choice resumes at the router step to re-upload.
    const resumable = stepsFor(values.workload);
    let resumeAt = resumable.includes(saved.step) ? saved.step : 'cluster';
    if (values.tls.mode === 'pem' && resumable.indexOf(resumeAt) > resumable.indexOf('router')) resumeAt = 'router';
    // The review plans on entry; a reload resumes at the step before it so the plan is fresh.
    if (resumeAt === 'review') resumeAt = resumable[resumable.length - 2];
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring browser storage after hydration is exactly an external sync
    setStep(resumeAt);
    // The same sync: the view offers Start over for a draft worth the name (a step passed or a cluster
    // picked), not for the defaults a mere visit saves.
    setDraftRestored(saved.step !== 'cluster' || saved.form.clusterId !== DEFAULT_DEPLOY_FORM.clusterId);
  }, [form, initialClusterId, update]);

  // Save on every change and on every step, without the PEM text (an install's draft only).
  useEffect(() => {
    if (!restored.current || update) return;
    saveWizard(step, form.getValues());
    const subscription = form.watch((values) => saveWizard(step, { ...DEFAULT_DEPLOY_FORM, ...(values as DeployForm) }));
    return () => subscription.unsubscribe();
  }, [form, step, update]);

  const index = steps.indexOf(step);
  const clusterBlocked =
    step === 'cluster' && (preflight.status !== 'loaded' || preflight.clusterId !== clusterId || hasBlockingFinding(preflight.findings));

  const goTo = useCallback(
    (target: DeployStep) => {
      setStep(target);
      setMoves((count) => count + 1);
      if (target === 'review') void startReview();
    },
    [startReview],
  );

  /**
   * Validates this step (its fields with their cross-field rules, plus the server PEM checks), then
   * moves on. Answers whether it moved: when not, the view takes the focus to what is wrong.
   */
  const next = useCallback(async (): Promise<boolean> => {
    if (advancing || index < 0 || index >= steps.length - 1) return false;
    setAdvancing(true);
    try {
      const fields = STEP_FIELDS[step] as FieldPath<DeployForm>[];
      const valid = fields.length === 0 || (await form.trigger(fields, { shouldFocus: true }));
      if (!valid) return false;
      if (step === 'cluster' && clusterBlocked) return false;
      if (step === 'router' && !(await checkPem())) return false;
      goTo(steps[index + 1]);
      return true;
    } finally {
      setAdvancing(false);
    }
  }, [advancing, checkPem, clusterBlocked, form, goTo, index, step, steps]);

  /** Drops a restored draft: the saved copy, every answer (back to the defaults), the PEM check; the first step. */
  const startOver = useCallback(() => {
    clearWizard();
    form.reset({ ...DEFAULT_DEPLOY_FORM });
    resetPemCheck();
    setDraftRestored(false);
    setStep('cluster');
    setMoves((count) => count + 1);
  }, [form, resetPemCheck]);

  /** Back never validates and never clears: everything typed stays in the form. */
  const back = useCallback(() => {
    if (index <= 0) return;
    setStep(steps[index - 1]);
    setMoves((count) => count + 1);
  }, [index, steps]);

  return {
    step,
    steps,
    stepIndex: index,
    cluster,
    preflight,
    refreshPreflight,
    clusterBlocked,
    advancing,
    moves,
    next,
    back,
    goTo,
    pemCheck,
    checkPem,
    resetPemCheck,
    review,
    update,
    updateReview,
    draftRestored,
    startOver,
  };
}

export type DeployWizardState = ReturnType<typeof useDeployWizard>;
