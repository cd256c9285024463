'use client';

import { Body1, Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, tokens } from '@fluentui/react-components';
import NextLink from 'next/link';
import { useEffect, useState } from 'react';
import { useFormatter, useTranslations } from 'use-intl';

import { deleteExtensionAction } from '@/app/resource/[...id]/actions';
import type { ExtensionReport } from '@/lib/deploy/extension-report';
import { usesPemPair } from '@/lib/domain/update-plan';
import { isChanging } from '@/lib/ui/extension-polling';
import { updatePagePath } from '@/lib/ui/routes';

import { ClusterComputes } from './attach/cluster-computes';
import { CertificateExpiryNotice } from './certificate-expiry-notice';
import { DangerButton } from './danger-button';
import { ComponentHealthTable } from './component-health-table';
import { useDateTimeText } from './date-time';
import { ExtensionDeleteDialog } from './extension-delete-dialog';
import { ExtensionSettings } from './extension-settings';
import { ExtensionTimeline } from './extension-timeline';
import { FailureExplanation } from './failure-explanation';
import { HealthSummaryBadge } from './health-summary';
import { InferenceEndpointCard } from './inference-endpoint-card';
import { PageHeader } from './page-header';
import { ReadinessChart } from './readiness-chart';
import { StatusBadge } from './status-badge';
import { useExtensionStatus } from './use-extension-status';

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'center', flexWrap: 'wrap', marginBlockEnd: tokens.spacingVerticalL },
  section: { marginBlockStart: tokens.spacingVerticalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  notices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBlockEnd: tokens.spacingVerticalM },
});

/** How often "checked 12 seconds ago" is rewritten. */
const AGO_TICK_MS = 5_000;

/**
 * "Checked 25 seconds ago", kept current. The first render counts from the read itself, so the
 * server's and the browser's first render agree; the clock then ticks in the browser only.
 */
function CheckedAgo({ at }: { at: string }) {
  const t = useTranslations('status.view');
  const format = useFormatter();
  const timeOf = useDateTimeText();
  const [now, setNow] = useState(() => Date.parse(at));
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGO_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const then = new Date(at);
  return (
    <Body1>
      <time dateTime={at} title={timeOf(at)} suppressHydrationWarning>
        {t('checkedAgo', { ago: format.relativeTime(then, { now: Math.max(now, then.getTime()), style: 'long' }) })}
      </time>
    </Body1>
  );
}

/** Props of {@link ExtensionStatusView}. */
export interface ExtensionStatusViewProps {
  extensionId: string;
  /** The server's first read (null when it failed; polling then starts from nothing). */
  initial: ExtensionReport | null;
}

/** The status page's body: header, state, explanation, components, timeline, settings, actions. */
export function ExtensionStatusView({ extensionId, initial }: ExtensionStatusViewProps) {
  const styles = useStyles();
  const t = useTranslations('status.view');
  const common = useTranslations('common');
  const compute = useTranslations('compute.computes');
  const live = useExtensionStatus(extensionId, initial);
  const [dialog, setDialog] = useState<'delete' | null>(null);
  // Dialogs stay mounted (unmounting an open Fluent dialog leaves the page aria-hidden); a new
  // key per opening gives the form fresh values.
  const [openings, setOpenings] = useState(0);
  const openDialog = (which: 'delete') => {
    setOpenings((n) => n + 1);
    setDialog(which);
  };
  const status = live.status;
  // The HTTPS certificate the portal sent (install or renewal), when it remembers one: when it ends.
  const certificate = status?.certificate ?? null;
  const name = status?.name ?? extensionId.split('/').pop() ?? t('fallbackName');
  const state = live.deleted ? 'Deleted' : status?.provisioningState;
  const busy = live.deleted || isChanging(status?.provisioningState);

  return (
    <>
      <PageHeader
        title={name}
        subtitle={
          status
            ? t('subtitle', {
                clusterType: status.clusterType,
                cluster: status.clusterName,
                version: status.version ?? t('unknownVersion'),
                releaseTrain: status.releaseTrain ?? t('unknownReleaseTrain'),
              })
            : undefined
        }
      />
      <div className={styles.toolbar}>
        <div role="status" aria-label={t('provisioningState')}>
          <StatusBadge state={state} size="large" />
        </div>
        {status && !live.deleted ? (
          <div role="status" aria-label={t('healthHeading')}>
            <HealthSummaryBadge summary={status.summary} size="large" />
          </div>
        ) : null}
        {live.lastUpdated ? <CheckedAgo at={live.lastUpdated} /> : <Body1>{t('notReadYet')}</Body1>}
        {live.stopped === 'hidden' ? <Body1>{t('paused')}</Body1> : null}
        <Button onClick={live.refresh} disabled={live.deleted}>
          {common('refresh')}
        </Button>
        {/* Update is the install wizard on the current settings (/update); a renewal its certificate step only. */}
        <Button as="a" href={updatePagePath(extensionId)} disabled={busy || !status}>
          {t('update')}
        </Button>
        {status && usesPemPair(status.configurationSettings) ? (
          <Button as="a" href={updatePagePath(extensionId, { renew: true })} disabled={busy}>
            {t('renewCertificate')}
          </Button>
        ) : null}
        <DangerButton disabled={busy || !status} onClick={() => openDialog('delete')}>
          {t('delete')}
        </DangerButton>
        <Link as="a" href="/" appearance="subtle">
          {t('allClusters')}
        </Link>
      </div>

      <div className={styles.notices}>
        {certificate && !live.deleted ? <CertificateExpiryNotice certificate={certificate} renewPath={updatePagePath(extensionId, { renew: true })} /> : null}
        {live.deleted ? (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>{t('deletedTitle')}</MessageBarTitle>
              {t('deletedBody', { name })}{' '}
              <NextLink href="/">{t('backToClusters')}</NextLink>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {live.error ? (
          <MessageBar intent={live.stopped === 'error-budget' ? 'error' : 'warning'}>
            <MessageBarBody>
              <MessageBarTitle>{live.stopped === 'error-budget' ? t('notUpdating') : t('refreshFailed')}</MessageBarTitle>
              {live.error}
              {live.stopped === 'error-budget' ? (
                <Button size="small" onClick={live.restart}>
                  {t('retry')}
                </Button>
              ) : (
                // The poller keeps going within its error budget: say so, or people reload.
                <> {t('retryingAutomatically')}</>
              )}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {live.takingLong ? (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>{t('takingLongTitle')}</MessageBarTitle>
              {t('takingLongBody')}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>

      {status && !live.deleted ? (
        <>
          <FailureExplanation
            explanation={status.explanation}
            rawMessage={status.errorInfo?.message}
            legacySettings={status.legacySettings}
          />
          <section className={styles.section} aria-labelledby="components-heading">
            <Subtitle2 as="h2" id="components-heading">
              {t('componentsHeading')}
            </Subtitle2>
            <ComponentHealthTable components={status.components} available={status.componentsAvailable} reason={status.componentsReason} />
          </section>
          {status.componentsAvailable && status.components.length > 0 ? (
            <section className={styles.section} aria-labelledby="readiness-heading">
              <Subtitle2 as="h2" id="readiness-heading">
                {t('readinessHeading')}
              </Subtitle2>
              <ReadinessChart
                components={status.components}
                createdAt={status.createdAt}
                lastModifiedAt={status.lastModifiedAt}
                observedAt={status.observedAt}
              />
            </section>
          ) : null}
        </>
      ) : null}
      <section className={styles.section} aria-labelledby="timeline-heading">
        <Subtitle2 as="h2" id="timeline-heading">
          {t('provisioningHeading')}
        </Subtitle2>
        <ExtensionTimeline createdAt={status?.createdAt} lastModifiedAt={status?.lastModifiedAt} transitions={live.transitions} writes={status?.writes} />
      </section>
      {status?.endpoint && !live.deleted ? (
        <section className={styles.section}>
          <InferenceEndpointCard endpoint={status.endpoint} dns={status.dns} routerEnabled />
        </section>
      ) : null}
      {status && !live.deleted ? (
        <section className={styles.section} aria-labelledby="ml-heading">
          <Subtitle2 as="h2" id="ml-heading">
            {compute('heading')}
          </Subtitle2>
          <ClusterComputes clusterId={status.clusterId} canAttach={status.provisioningState.toLowerCase() === 'succeeded'} />
        </section>
      ) : null}
      {status && !live.deleted ? (
        <section className={styles.section} aria-labelledby="settings-heading">
          <Subtitle2 as="h2" id="settings-heading">
            {t('settingsHeading')}
          </Subtitle2>
          <ExtensionSettings settings={status.configurationSettings} />
        </section>
      ) : null}

      {status ? (
        <ExtensionDeleteDialog
          key={`delete-${openings}`}
          open={dialog === 'delete'}
          onOpenChange={(open) => setDialog(open ? 'delete' : null)}
          extensionName={status.name}
          submit={(force) => deleteExtensionAction(extensionId, force)}
          onStarted={live.watchDeletion}
        />
      ) : null}
    </>
  );
}
