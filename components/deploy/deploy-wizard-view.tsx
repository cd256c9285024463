'use client';

import { Button, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';

import type { DeployStep } from '@/lib/domain/deploy-schema';

import { hasBlockingFinding, type DeployCluster } from './deploy-types';
import { StepAdvanced } from './step-advanced';
import { StepCluster } from './step-cluster';
import { StepReview } from './step-review';
import { StepRouter } from './step-router';
import { StepWorkload } from './step-workload';
import type { DeployWizardState } from './use-deploy-wizard';

/** What each step is called in the step list and its heading. */
export const STEP_TITLES: Record<DeployStep, string> = {
  cluster: 'Cluster',
  workload: 'Workload',
  router: 'Inference router',
  advanced: 'Advanced',
  review: 'Review and deploy',
};

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
  onOpenImport: () => void;
}

/** The wizard's frame: the step list, the current step and Back / Next / Deploy. Pure: all state comes in. */
export function DeployWizardView({ wizard, clusters, onOpenImport }: DeployWizardViewProps) {
  const styles = useStyles();
  const { step, steps, stepIndex, review } = wizard;
  const last = stepIndex === steps.length - 1;
  const plan = review.plan;
  const canDeploy = plan.status === 'planned' && !hasBlockingFinding(plan.findings) && review.deploy.status !== 'deploying';

  return (
    <div className={styles.layout}>
      <nav aria-label="Wizard steps">
        <ol className={styles.stepList}>
          {steps.map((candidate, index) => (
            <li key={candidate} aria-current={candidate === step ? 'step' : undefined} className={candidate === step ? styles.current : styles.stepItem}>
              {index + 1}. {STEP_TITLES[candidate]}
            </li>
          ))}
        </ol>
      </nav>
      <section className={styles.body} aria-labelledby="deploy-step-title">
        <div className={styles.header}>
          <Subtitle2 as="h2" id="deploy-step-title">
            {STEP_TITLES[step]}
          </Subtitle2>
          <Button onClick={onOpenImport}>Import settings</Button>
        </div>
        {renderStep(step, wizard, clusters)}
        <div className={styles.actions}>
          <Button onClick={wizard.back} disabled={stepIndex <= 0 || review.deploy.status === 'deploying'}>
            Back
          </Button>
          {last ? (
            <Button appearance="primary" onClick={() => void review.deployNow()} disabled={!canDeploy}>
              {review.deploy.status === 'deploying' ? 'Deploying…' : 'Deploy'}
            </Button>
          ) : (
            <Button appearance="primary" onClick={() => void wizard.next()} disabled={wizard.advancing || wizard.clusterBlocked}>
              Next
            </Button>
          )}
          {wizard.advancing ? <Spinner size="tiny" label="Checking…" /> : null}
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
      return <StepRouter cluster={wizard.cluster} pemCheck={wizard.pemCheck} onCheckPem={wizard.checkPem} onPemChanged={wizard.resetPemCheck} />;
    case 'advanced':
      return <StepAdvanced />;
    case 'review':
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
