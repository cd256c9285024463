'use client';

import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';

import type { DeployStep } from '@/lib/domain/deploy-schema';

import { hasBlockingFinding } from '@/lib/domain/preflight/types';

import type { DeployCluster } from './deploy-types';
import { StepAdvanced } from './step-advanced';
import { StepCluster } from './step-cluster';
import { StepReview } from './step-review';
import { StepRouter } from './step-router';
import { StepUpdateReview } from './step-update-review';
import { StepWorkload } from './step-workload';
import type { DeployWizardState } from './use-deploy-wizard';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: '200px 1fr', gap: tokens.spacingHorizontalXXL, alignItems: 'start' },
  stepList: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  stepItem: { color: tokens.colorNeutralForeground3 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', paddingBlockStart: tokens.spacingVerticalM },
});

/** Props of {@link DeployWizardView}. */
export interface DeployWizardViewProps {
  wizard: DeployWizardState;
  clusters: readonly DeployCluster[];
  /** Opens the import dialog; absent in the update wizard (it starts from the extension). */
  onOpenImport?: () => void;
}

/** The wizard's frame: the step list, the current step and Back / Next / Deploy. Pure: all state comes in. */
export function DeployWizardView({ wizard, clusters, onOpenImport }: DeployWizardViewProps) {
  const styles = useStyles();
  const t = useTranslations('deploy');
  const common = useTranslations('common');
  const { step, steps, stepIndex, review, update, updateReview } = wizard;
  // What each step is called in the step list and its heading (deploy.steps); a renewal's router step is its certificate.
  const title = (candidate: DeployStep) => {
    if (update?.renew && candidate === 'router') return t('steps.certificate');
    if (update && candidate === 'review') return t('steps.reviewUpdate');
    return t(`steps.${candidate}`);
  };
  const last = stepIndex === steps.length - 1;
  const plan = review.plan;
  const canDeploy = plan.status === 'planned' && !hasBlockingFinding(plan.findings) && review.deploy.status !== 'deploying';
  const submitting = update ? updateReview.submit.status === 'updating' : review.deploy.status === 'deploying';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const bodyRef = useRef<HTMLElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  // Counts refused Nexts; each one takes the focus to the first field that says what is wrong.
  const [refusals, setRefusals] = useState(0);

  // A new step replaces the content under the focus: its heading takes it, so a screen reader
  // says where the user is and Tab continues from the top of the step. Only after the user's own
  // moves: the step a reload restores is not one, so the first load leaves the focus alone.
  useEffect(() => {
    if (wizard.moves > 0) headingRef.current?.focus();
  }, [wizard.moves]);

  // After the render that shows the errors (their messages are role="alert", tied to their inputs).
  useEffect(() => {
    if (refusals > 0 && !focusFirstInvalid(bodyRef.current)) nextRef.current?.focus();
  }, [refusals]);

  const goNext = async () => {
    if (!(await wizard.next())) setRefusals((count) => count + 1);
  };

  return (
    <div className={styles.layout}>
      <nav aria-label={t('wizard.stepsLabel')}>
        <ol className={styles.stepList}>
          {steps.map((candidate, index) => (
            <li key={candidate} aria-current={candidate === step ? 'step' : undefined} className={candidate === step ? styles.current : styles.stepItem}>
              {index + 1}. {title(candidate)}
            </li>
          ))}
        </ol>
      </nav>
      <section className={styles.body} aria-labelledby="deploy-step-title" ref={bodyRef}>
        <div className={styles.header}>
          {/* Subtitle2's look; Text, because a preset takes no ref. */}
          <Text as="h2" size={400} weight="semibold" id="deploy-step-title" tabIndex={-1} ref={headingRef}>
            {title(step)}
          </Text>
          {onOpenImport ? <Button onClick={onOpenImport}>{t('wizard.importSettings')}</Button> : null}
        </div>
        {wizard.draftRestored ? (
          <MessageBar intent="info">
            <MessageBarBody>{t('wizard.draftRestored')}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={wizard.startOver}>{t('wizard.startOver')}</Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
        {renderStep(step, wizard, clusters)}
        <div className={styles.actions}>
          <Button onClick={wizard.back} disabled={stepIndex <= 0 || submitting}>
            {common('back')}
          </Button>
          {last && update ? (
            <Button appearance="primary" onClick={() => void updateReview.submitNow()} disabled={!updateReview.canSubmit}>
              {submitting ? t('wizard.updating') : t(update.renew ? 'wizard.renew' : 'wizard.update')}
            </Button>
          ) : last ? (
            <Button appearance="primary" onClick={() => void review.deployNow()} disabled={!canDeploy}>
              {review.deploy.status === 'deploying' ? t('wizard.deploying') : t('wizard.deploy')}
            </Button>
          ) : (
            <Button appearance="primary" ref={nextRef} onClick={() => void goNext()} disabled={wizard.advancing || wizard.clusterBlocked}>
              {common('next')}
            </Button>
          )}
          {wizard.advancing ? <Spinner size="tiny" label={t('wizard.checking')} /> : null}
          {update ? (
            <Button as="a" appearance="subtle" href={update.statusPath} disabled={submitting}>
              {common('cancel')}
            </Button>
          ) : null}
        </div>
      </section>
    </div>
  );
}

/** One case per step: a step added to DEPLOY_STEPS without a view here is a compile error. */
function renderStep(step: DeployStep, wizard: DeployWizardState, clusters: readonly DeployCluster[]) {
  switch (step) {
    case 'cluster':
      return <StepCluster clusters={clusters} preflight={wizard.preflight} onRefreshPreflight={wizard.refreshPreflight} />;
    case 'workload':
      return <StepWorkload />;
    case 'router':
      return (
        <StepRouter
          cluster={wizard.cluster}
          pemCheck={wizard.pemCheck}
          onCheckPem={wizard.checkPem}
          onPemChanged={wizard.resetPemCheck}
          certificateOnly={wizard.update?.renew ?? false}
          keepsCurrentCertificate={wizard.update?.initialForm.tls.mode === 'current'}
        />
      );
    case 'advanced':
      return <StepAdvanced update={wizard.update} />;
    case 'review':
      if (wizard.update) {
        return <StepUpdateReview review={wizard.updateReview} steps={wizard.steps} onGoTo={wizard.goTo} onReplan={() => void wizard.updateReview.startReview()} />;
      }
      return (
        <StepReview
          cluster={wizard.cluster}
          plan={wizard.review.plan}
          deploy={wizard.review.deploy}
          steps={wizard.steps}
          onGoTo={wizard.goTo}
          onReplan={() => void wizard.review.startReview()}
        />
      );
    default: {
      const unreachable: never = step;
      throw new Error(`Unknown deploy step: ${String(unreachable)}`);
    }
  }
}

/**
 * Focuses the first control Fluent's Field marked `aria-invalid` under `root`: the input itself,
 * or for a radio group its checked (else first) radio. False when nothing there is invalid.
 */
function focusFirstInvalid(root: HTMLElement | null): boolean {
  const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!invalid) return false;
  const control = invalid.matches('input, select, textarea, button')
    ? invalid
    : (invalid.querySelector<HTMLElement>('input:checked') ?? invalid.querySelector<HTMLElement>('input, select, textarea, button'));
  if (!control) return false;
  control.focus();
  return true;
}
