'use client';

import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens } from '@fluentui/react-components';
import { useFormContext, useWatch } from 'react-hook-form';

import type { FieldError } from '@/app/deploy/action-types';
import { DEPLOY_STEPS, STEP_FIELDS, type DeployForm, type DeployStep } from '@/lib/domain/deploy-schema';

import { CopyBlock } from './copy-block';
import { clusterKindLabel, type DeployCluster } from './deploy-types';
import { FindingList } from './finding-list';
import type { DeployState, PlanState } from './use-deploy-review';

const STEP_LABELS: Record<DeployStep, string> = { cluster: 'Cluster', workload: 'Workload', router: 'Inference router', advanced: 'Advanced', review: 'Review' };
const WORKLOAD_LABELS: Record<DeployForm['workload'], string> = { training: 'Training only', inference: 'Inference only', both: 'Training and inference' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '110ch' },
  summary: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
});

/** The step a form path belongs to (`tls.sslCname` → router), for "fix it there" links. */
export function stepOfPath(path: string): DeployStep | undefined {
  const field = path.split('.')[0];
  return DEPLOY_STEPS.find((step) => STEP_FIELDS[step].includes(field));
}

/** Props of {@link StepReview}. */
export interface StepReviewProps {
  cluster: DeployCluster | undefined;
  plan: PlanState;
  deploy: DeployState;
  /** Steps of this form, so "fix it" links only point at steps that exist. */
  steps: readonly DeployStep[];
  onGoTo: (step: DeployStep) => void;
  /** Plans again (after a transient failure). */
  onReplan: () => void;
}

/** Step 5: what will be installed, as words, as the ARM body and as the az command, and what preflight says. */
export function StepReview({ cluster, plan, deploy, steps, onGoTo, onReplan }: StepReviewProps) {
  const styles = useStyles();
  const { control } = useFormContext<DeployForm>();
  const form = useWatch({ control }) as DeployForm;

  return (
    <div className={styles.root}>
      <dl className={styles.summary} aria-label="Summary">
        {summaryRows(form, cluster).map(([term, detail]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.detail}>{detail}</dd>
          </div>
        ))}
      </dl>
      <PlanView plan={plan} steps={steps} onGoTo={onGoTo} onReplan={onReplan} />
      <DeployOutcome deploy={deploy} steps={steps} onGoTo={onGoTo} />
    </div>
  );
}

function summaryRows(form: DeployForm, cluster: DeployCluster | undefined): Array<[string, string]> {
  const inference = form.workload !== 'training';
  const rows: Array<[string, string]> = [
    ['Cluster', cluster ? `${cluster.name} (${clusterKindLabel(cluster)}, ${cluster.location}, ${cluster.nodeCount} nodes)` : form.clusterId],
    ['Workload', WORKLOAD_LABELS[form.workload]],
  ];
  if (inference) {
    rows.push(['Router service type', form.serviceType + (form.internalLoadBalancer ? ' (internal Azure load balancer)' : '')]);
    rows.push(['Router high availability', form.inferenceRouterHA ? 'On: 3 replicas' : 'Off: 1 replica']);
    const tls = form.tls;
    rows.push([
      'Endpoint security',
      tls.mode === 'insecure' ? 'HTTP only (dev/test)' : tls.mode === 'secret' ? `HTTPS, secret ${tls.sslSecret} for ${tls.sslCname}` : `HTTPS, uploaded certificate and key for ${tls.sslCname}`,
    ]);
  }
  const selectors = form.nodeSelector.filter((row) => row.key || row.value).map((row) => `${row.key}=${row.value}`);
  rows.push(['Node selector', selectors.length > 0 ? selectors.join(', ') : 'All nodes']);
  const components = [
    form.installNvidiaDevicePlugin && 'NVIDIA device plugin',
    form.installPromOp && 'Prometheus operator',
    form.installVolcano && form.workload !== 'inference' && 'Volcano',
    form.installDcgmExporter && 'DCGM exporter',
  ].filter((item): item is string => Boolean(item));
  rows.push(['Optional components', components.length > 0 ? components.join(', ') : 'None']);
  rows.push(['Extension', `${form.extensionName}, ${form.releaseTrain} train, ${form.version ? `version ${form.version}` : 'newest version'}, minor upgrades ${form.autoUpgradeMinorVersion ? 'automatic' : 'manual'}`]);
  return rows;
}

function FieldErrors({ errors, steps, onGoTo }: { errors: FieldError[]; steps: readonly DeployStep[]; onGoTo: (step: DeployStep) => void }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Fix these before deploying</MessageBarTitle>
        <ul>
          {errors.map((error) => {
            const step = stepOfPath(error.path);
            return (
              <li key={`${error.path}:${error.message}`}>
                {error.message}{' '}
                {step && steps.includes(step) ? (
                  <Link as="button" onClick={() => onGoTo(step)}>
                    Fix in {STEP_LABELS[step]}
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

function PlanView({ plan, steps, onGoTo, onReplan }: { plan: PlanState; steps: readonly DeployStep[]; onGoTo: (step: DeployStep) => void; onReplan: () => void }) {
  switch (plan.status) {
    case 'idle':
    case 'planning':
      return <Spinner size="small" label="Building the exact settings and checking the cluster…" />;
    case 'planned':
      return (
        <>
          <section aria-label="Findings" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Text weight="semibold">{plan.findings.length === 0 ? 'Preflight: nothing stands in the way.' : 'Preflight'}</Text>
            <FindingList label="Review findings" findings={plan.findings} onResolved={onReplan} />
          </section>
          {plan.warnings.length > 0 ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Settings warnings</MessageBarTitle>
                {plan.warnings.map((warning) => warning.message).join(' ')}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <CopyBlock title="ARM request body" text={JSON.stringify(plan.extension, null, 2)} />
          <CopyBlock title="Azure CLI command" text={plan.azCommand} />
        </>
      );
    case 'invalid':
      return <FieldErrors errors={plan.errors} steps={steps} onGoTo={onGoTo} />;
    case 'unauthenticated':
    case 'forbidden':
    case 'failed':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The deployment could not be planned</MessageBarTitle>
            {plan.message}{' '}
            <Link as="button" onClick={onReplan}>
              Try again
            </Link>
          </MessageBarBody>
        </MessageBar>
      );
    default: {
      const unreachable: never = plan;
      return unreachable;
    }
  }
}

function DeployOutcome({ deploy, steps, onGoTo }: { deploy: DeployState; steps: readonly DeployStep[]; onGoTo: (step: DeployStep) => void }) {
  switch (deploy.status) {
    case 'idle':
      return null;
    case 'deploying':
      return <Spinner size="small" label="Sending the install to Azure…" />;
    case 'blocked':
      return <FindingList label="Deploy blocked" findings={deploy.findings} />;
    case 'invalid':
      return <FieldErrors errors={deploy.errors} steps={steps} onGoTo={onGoTo} />;
    case 'unauthenticated':
    case 'forbidden':
    case 'failed':
      return (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>The extension was not created</MessageBarTitle>
            {deploy.message}
          </MessageBarBody>
        </MessageBar>
      );
    default: {
      const unreachable: never = deploy;
      return unreachable;
    }
  }
}
