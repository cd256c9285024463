'use client';

import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens } from '@fluentui/react-components';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import { parseClusterId } from '@/lib/domain/cluster';
import type { DeployForm, DeployStep } from '@/lib/domain/deploy-schema';
import { useDomainText } from '@/components/intl-provider';
import type { PlanEffects } from '@/lib/domain/plan-effects';
import { HA_MIN_NODES } from '@/lib/domain/settings-catalog';
import { plannedFlag, plannedNodeSelectors, plannedRelease, plannedRouter, plannedRouterHa, plannedTls, plannedWorkload, serviceTypeLabel } from '@/lib/ui/planned-settings';
import { deployPagePath } from '@/lib/ui/routes';

import { CopyBlock } from './copy-block';
import { clusterKindLabel, type DeployCluster } from './deploy-types';
import { ExportChoice } from './export-choice';
import { FindingList } from './finding-list';
import { FieldErrors, isNoPlan, NoPlan, PlanFailure, type SignInAgainProps } from './plan-failure';
import type { DeployState, PlanState } from './use-deploy-review';

/** The review's messages (`deploy.review`). */
type ReviewText = ReturnType<typeof useTranslations<'deploy.review'>>;
type CommonText = ReturnType<typeof useTranslations<'common'>>;

const WORKLOAD_LABELS = { training: 'trainingOnly', inference: 'inferenceOnly', both: 'both' } as const satisfies Record<DeployForm['workload'], string>;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '110ch' },
  summary: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
});

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

/** Step 5: what will be installed, as words, as the ARM body and as az CLI, Bicep or Terraform, and what preflight says. */
export function StepReview({ cluster, plan, deploy, steps, onGoTo, onReplan }: StepReviewProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.review');
  const common = useTranslations('common');
  const { control } = useFormContext<DeployForm>();
  const form = useWatch({ control }) as DeployForm;
  // Uploaded PEM files are never stored: after signing in again they must be chosen again.
  const pem = form.tls?.mode === 'pem';

  return (
    <div className={styles.root}>
      <dl className={styles.summary} aria-label={t('summaryLabel')}>
        {summaryRows(form, plan.status === 'planned' ? plan.extension : undefined, cluster, t, common).map(([term, detail]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.detail}>{detail}</dd>
          </div>
        ))}
      </dl>
      {plan.status === 'planned' && plan.effects ? <EffectsView effects={plan.effects} /> : null}
      <PlanView plan={plan} steps={steps} onGoTo={onGoTo} onReplan={onReplan} pem={pem} names={{ extensionName: form.extensionName, clusterName: cluster?.name ?? parseClusterId(form.clusterId)?.name ?? '' }} />
      <DeployOutcome deploy={deploy} steps={steps} onGoTo={onGoTo} pem={pem} />
    </div>
  );
}

/** The summary in words; where the CLI changes an answer on the way, the planned body's value (`planned`) wins. */
function summaryRows(form: DeployForm, planned: unknown, cluster: DeployCluster | undefined, t: ReviewText, common: CommonText): Array<[string, string]> {
  // Every row the body determines reads it once planned (the form's answer until then), so the words cannot disagree with what is sent.
  const workload = plannedWorkload(planned, form.workload);
  const rows: Array<[string, string]> = [
    [
      t('cluster'),
      cluster ? t('clusterDetail', { name: cluster.name, kind: clusterKindLabel(cluster), location: cluster.location, count: cluster.nodeCount }) : form.clusterId,
    ],
    [t('workload'), t(WORKLOAD_LABELS[workload])],
  ];
  if (workload !== 'training') {
    // The planned value (the CLI's loadBalancer) in the words the router step used (LoadBalancer).
    const router = plannedRouter(planned, form);
    const serviceType = serviceTypeLabel(router.serviceType);
    rows.push([t('routerServiceType'), router.internal ? t('routerServiceTypeInternal', { type: serviceType }) : serviceType]);
    rows.push([t('routerHighAvailability'), plannedRouterHa(planned, form.inferenceRouterHA) ? t('haOn') : t('haOff')]);
    const tls = plannedTls(planned, formTls(form));
    rows.push([
      t('endpointSecurity'),
      tls.mode === 'insecure' ? t('insecure') : tls.mode === 'secret' ? t('secret', { secret: tls.secret, cname: tls.cname }) : tls.mode === 'pem' ? t('pem', { cname: tls.cname }) : t('tlsNone'),
    ]);
  }
  const selectors = plannedNodeSelectors(planned, form.nodeSelector);
  rows.push([t('nodeSelector'), selectors.length > 0 ? selectors.join(', ') : t('allNodes')]);
  const components = [
    plannedFlag(planned, 'installNvidiaDevicePlugin', form.installNvidiaDevicePlugin) && t('nvidiaDevicePlugin'),
    plannedFlag(planned, 'installPromOp', form.installPromOp) && t('prometheusOperator'),
    plannedFlag(planned, 'installVolcano', form.installVolcano) && workload !== 'inference' && t('volcano'),
    plannedFlag(planned, 'installDcgmExporter', form.installDcgmExporter) && t('dcgmExporter'),
  ].filter((item): item is string => Boolean(item));
  rows.push([t('optionalComponents'), components.length > 0 ? components.join(', ') : common('none')]);
  const release = plannedRelease(planned, form);
  rows.push([
    t('extension'),
    t('extensionDetail', {
      name: form.extensionName,
      train: release.releaseTrain,
      version: release.version ? t('pinnedVersion', { version: release.version }) : t('newestVersion'),
      upgrades: release.autoUpgradeMinorVersion ? 'automatic' : 'manual',
    }),
  ]);
  return rows;
}

/** The form's TLS answer in the readers' shape (a mode with nothing to show, such as keeping the current pair, reads as PEM). */
function formTls(form: DeployForm): Parameters<typeof plannedTls>[1] {
  const tls = form.tls as { mode: string; sslSecret?: string; sslCname?: string };
  if (tls.mode === 'insecure') return { mode: 'insecure' };
  if (tls.mode === 'secret') return { mode: 'secret', secret: tls.sslSecret ?? '', cname: tls.sslCname ?? '' };
  return { mode: 'pem', cname: tls.sslCname ?? '' };
}

/** "What this install will do": the Arc Relay resources, the identity, and every setting the CLI adds, each with why (from the plan). */
export function EffectsView({ effects }: { effects: PlanEffects }) {
  const t = useTranslations('deploy.review');
  const text = useDomainText();
  const { relay } = effects;
  return (
    <section aria-label={t('effectsTitle')} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Text weight="semibold">{t('effectsTitle')}</Text>
      <ul style={{ margin: 0 }}>
        {relay ? (
          <li>
            {t('effectsRelay', {
              namespace: relay.namespace,
              resourceGroup: relay.resourceGroup,
              location: relay.location,
              tag: relay.tags.created_by ?? '',
              hybridConnection: relay.hybridConnection,
              rule: relay.authorizationRule.name,
              rights: relay.authorizationRule.rights.join(', '),
            })}
            {relay.connectionStringKeys.length > 0 ? ` ${t('effectsRelaySecret', { keys: relay.connectionStringKeys.join(', ') })}` : null}
          </li>
        ) : null}
        {effects.identity ? <li>{t('effectsIdentity')}</li> : null}
      </ul>
      {effects.added.length > 0 ? (
        <>
          <Text weight="semibold">{t('effectsAddedTitle')}</Text>
          {effects.smallClusterNodes !== null ? <Text>{t('effectsSmallCluster', { nodes: effects.smallClusterNodes, min: HA_MIN_NODES })}</Text> : null}
          <ul aria-label={t('effectsAddedTitle')} style={{ margin: 0 }}>
            {effects.added.map((item) => (
              <li key={item.key}>
                <code>{item.protected || item.value === null ? t('effectsAddedProtected', { key: item.key }) : t('effectsAdded', { key: item.key, value: item.value })}</code>
                {item.replaced ? ` (${t('effectsReplaced')})` : null}
                {item.reason ? `: ${text(item.reason.key, item.reason.values)}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * The way back: sign-in returns to the wizard, which this tab kept (wizard-storage.ts), all but the
 * PEM files, which are never stored.
 */
function useSignInAgain(pem: boolean): SignInAgainProps {
  const t = useTranslations('deploy.review');
  return { returnTo: deployPagePath(), note: pem ? t('answersKeptChooseFiles') : t('answersKept') };
}

function PlanView({
  plan,
  steps,
  onGoTo,
  onReplan,
  pem,
  names,
}: {
  plan: PlanState;
  steps: readonly DeployStep[];
  onGoTo: (step: DeployStep) => void;
  onReplan: () => void;
  pem: boolean;
  /** Names of the downloaded exports. */
  names: { extensionName: string; clusterName: string };
}) {
  const t = useTranslations('deploy.review');
  const signIn = useSignInAgain(pem);
  if (isNoPlan(plan)) return <NoPlan title={t('notPlanned')} failure={plan} steps={steps} onGoTo={onGoTo} signIn={signIn} onRetry={onReplan} />;
  switch (plan.status) {
    case 'idle':
    case 'planning':
      return <Spinner size="small" label={t('planning')} />;
    case 'planned':
      return (
        <>
          <section aria-label={t('findingsRegion')} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Text weight="semibold">{plan.findings.length === 0 ? t('preflightClear') : t('preflight')}</Text>
            <FindingList label={t('findingsLabel')} findings={plan.findings} onResolved={onReplan} />
          </section>
          {plan.warnings.length > 0 ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t('settingsWarnings')}</MessageBarTitle>
                {plan.warnings.map((warning) => warning.message).join(' ')}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <CopyBlock title={t('armBody')} text={JSON.stringify(plan.extension, null, 2)} />
          <ExportChoice azCommand={plan.azCommand} exports={plan.exports} {...names} />
        </>
      );
    default: {
      const unreachable: never = plan;
      return unreachable;
    }
  }
}

function DeployOutcome({ deploy, steps, onGoTo, pem }: { deploy: DeployState; steps: readonly DeployStep[]; onGoTo: (step: DeployStep) => void; pem: boolean }) {
  const t = useTranslations('deploy.review');
  const signIn = useSignInAgain(pem);
  switch (deploy.status) {
    case 'idle':
      return null;
    case 'deploying':
      return <Spinner size="small" label={t('deploying')} />;
    case 'blocked':
      return <FindingList label={t('deployBlocked')} findings={deploy.findings} />;
    case 'invalid':
      return <FieldErrors errors={deploy.errors} steps={steps} onGoTo={onGoTo} />;
    case 'unauthenticated':
    case 'forbidden':
    case 'failed':
      return <PlanFailure title={t('notCreated')} failure={deploy} signIn={signIn} />;
    default: {
      const unreachable: never = deploy;
      return unreachable;
    }
  }
}
