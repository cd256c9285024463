'use client';

import { Checkbox, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens } from '@fluentui/react-components';
import { useFormatter, useTranslations } from 'use-intl';

import type { DeployStep } from '@/lib/domain/deploy-schema';

import { CopyBlock } from './copy-block';
import { FindingList } from './finding-list';
import { FieldErrors, isNoPlan, NoPlan, PlanFailure, type SignInAgainProps } from './plan-failure';
import { planSendsSomething, type UpdatePlanState, type UpdateReviewState } from './use-update-review';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '110ch' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  changes: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  key: { fontFamily: tokens.fontFamilyMonospace },
  value: { margin: 0, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** Props of {@link StepUpdateReview}. */
export interface StepUpdateReviewProps {
  review: UpdateReviewState;
  steps: readonly DeployStep[];
  onGoTo: (step: DeployStep) => void;
  onReplan: () => void;
}

/**
 * The update wizard's last step: what the PATCH will change, what stays, what it resends, what it
 * will do to running work (to confirm), what preflight says of the change, and the body itself.
 * Every line comes from the server's plan of the same answers, so it cannot disagree with what is sent.
 */
export function StepUpdateReview({ review, steps, onGoTo, onReplan }: StepUpdateReviewProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.updateReview');
  const { plan, submit } = review;
  const signIn = useSignInAgain(review);
  return (
    <div className={styles.root}>
      <PlanView plan={plan} review={review} steps={steps} onGoTo={onGoTo} onReplan={onReplan} />
      {submit.status === 'updating' ? <Spinner size="tiny" label={t('updating')} /> : null}
      {submit.status === 'blocked' ? (
        <section aria-label={t('refusedLabel')} className={styles.section}>
          <Text weight="semibold">{t('refused')}</Text>
          <FindingList label={t('refusedLabel')} findings={submit.findings} onResolved={onReplan} />
        </section>
      ) : null}
      {submit.status === 'needs-confirmation' ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('confirmFirst')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {submit.status === 'invalid' ? <FieldErrors errors={submit.errors} steps={steps} onGoTo={onGoTo} /> : null}
      {submit.status === 'failed' || submit.status === 'unauthenticated' || submit.status === 'forbidden' ? (
        <PlanFailure title={t('notSent')} failure={submit} signIn={signIn} />
      ) : null}
    </div>
  );
}

/** The way back: sign-in returns to this update page, which opens again on the extension's current settings (an update keeps no draft). */
function useSignInAgain(review: UpdateReviewState): SignInAgainProps {
  const t = useTranslations('deploy.updateReview');
  return { returnTo: review.returnTo, note: t('signInAgainStartsOver') };
}

function PlanView({ plan, review, steps, onGoTo, onReplan }: { plan: UpdatePlanState; review: UpdateReviewState; steps: readonly DeployStep[]; onGoTo: (step: DeployStep) => void; onReplan: () => void }) {
  const styles = useStyles();
  const t = useTranslations('deploy.updateReview');
  const format = useFormatter();
  const signIn = useSignInAgain(review);
  if (isNoPlan(plan)) return <NoPlan title={t('notPlanned')} failure={plan} steps={steps} onGoTo={onGoTo} signIn={signIn} onRetry={onReplan} />;
  switch (plan.status) {
    case 'idle':
    case 'planning':
      return <Spinner size="small" label={t('planning')} />;
    case 'planned': {
      const { properties } = plan.patch;
      return (
        <>
          {!planSendsSomething(plan) ? (
            <MessageBar intent="info">
              <MessageBarBody>{t('nothingChanges')}</MessageBarBody>
            </MessageBar>
          ) : null}
          {plan.changes.length > 0 ? (
            <section aria-label={t('changesTitle')} className={styles.section}>
              <Text weight="semibold">{t('changesTitle')}</Text>
              <dl className={styles.changes}>
                {plan.changes.map((change) => (
                  <div key={change.key} style={{ display: 'contents' }}>
                    <dt className={styles.key}>{change.key}</dt>
                    <dd className={styles.value}>{change.before === undefined ? t('added', { after: change.after }) : t('changed', { before: change.before, after: change.after })}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          {properties.releaseTrain !== undefined || properties.version !== undefined || properties.autoUpgradeMinorVersion !== undefined ? (
            <section aria-label={t('releaseTitle')} className={styles.section}>
              <Text weight="semibold">{t('releaseTitle')}</Text>
              <ul className={styles.list}>
                {properties.releaseTrain !== undefined ? <li>{t('releaseTrainTo', { train: properties.releaseTrain })}</li> : null}
                {properties.version !== undefined ? <li>{properties.version ? t('pinTo', { version: properties.version }) : t('unpin')}</li> : null}
                {properties.autoUpgradeMinorVersion !== undefined ? <li>{t(properties.autoUpgradeMinorVersion ? 'autoUpgradeOn' : 'autoUpgradeOff')}</li> : null}
              </ul>
            </section>
          ) : null}
          {plan.protectedSettings !== 'keep' ? (
            <section aria-label={t('protectedTitle')} className={styles.section}>
              <Text weight="semibold">{t('protectedTitle')}</Text>
              <Text>
                {plan.protectedSettings === 'replace' ? t('protectedReplace') : t('protectedDrop')}{' '}
                {t('protectedKeys', { keys: Object.keys(properties.configurationProtectedSettings ?? {}).join(', ') || t('none') })}
              </Text>
              {plan.certificate ? (
                <Text>
                  {t('newCertificate', {
                    names: plan.certificate.sans.join(', ') || plan.certificate.subject,
                    date: format.dateTime(new Date(plan.certificate.notAfter), { dateStyle: 'long' }),
                  })}
                </Text>
              ) : null}
            </section>
          ) : null}
          {plan.kept.length > 0 ? (
            <section aria-label={t('keptTitle')} className={styles.section}>
              <Text weight="semibold">{t('keptTitle')}</Text>
              <ul className={styles.list}>
                {plan.kept.map((kept) => (
                  <li key={kept.key}>{t(kept.reason === 'nodeSelectorStays' ? 'keptNodeSelector' : 'keptUnused', { key: kept.key, value: kept.value })}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {plan.impacts.length > 0 ? (
            <section aria-label={t('impactsTitle')} className={styles.section}>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t('impactsTitle')}</MessageBarTitle>
                  <ul className={styles.list}>
                    {plan.impacts.map((impact) => (
                      <li key={impact.key}>{impact.message}</li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
              <Checkbox checked={review.confirmed} onChange={(_, data) => review.setConfirmed(data.checked === true)} label={t('confirmImpacts')} />
            </section>
          ) : null}
          <section aria-label={t('findingsRegion')} className={styles.section}>
            <Text weight="semibold">{plan.findings.length === 0 ? t('preflightClear') : t('preflight')}</Text>
            <FindingList label={t('findingsLabel')} findings={plan.findings} onResolved={onReplan} />
          </section>
          {planSendsSomething(plan) ? <CopyBlock title={t('patchBody')} text={JSON.stringify(plan.patch, null, 2)} /> : null}
        </>
      );
    }
    default: {
      const unreachable: never = plan;
      return unreachable;
    }
  }
}
