'use client';

import { Body1, Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, tokens } from '@fluentui/react-components';
import NextLink from 'next/link';
import { useState } from 'react';

import { deleteExtensionAction, updateExtensionAction } from '@/app/resource/[...id]/actions';
import type { ExtensionStatusView as Status } from '@/lib/azure/extension-status';
import { isChanging } from '@/lib/ui/extension-polling';

import { ComponentHealthTable } from './component-health-table';
import { ExtensionDeleteDialog } from './extension-delete-dialog';
import { ExtensionSettings } from './extension-settings';
import { ExtensionTimeline } from './extension-timeline';
import { ExtensionUpdateDialog } from './extension-update-dialog';
import { FailureExplanation } from './failure-explanation';
import { PageHeader } from './page-header';
import { StatusBadge } from './status-badge';
import { useExtensionStatus } from './use-extension-status';

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'center', flexWrap: 'wrap', marginBlockEnd: tokens.spacingVerticalL },
  section: { marginBlockStart: tokens.spacingVerticalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  notices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBlockEnd: tokens.spacingVerticalM },
});

/** Props of {@link ExtensionStatusView}. */
export interface ExtensionStatusViewProps {
  extensionId: string;
  /** The server's first read (null when it failed; polling then starts from nothing). */
  initial: Status | null;
}

/** The status page's body: header, state, explanation, components, timeline, settings, actions. */
export function ExtensionStatusView({ extensionId, initial }: ExtensionStatusViewProps) {
  const styles = useStyles();
  const live = useExtensionStatus(extensionId, initial);
  const [dialog, setDialog] = useState<'update' | 'delete' | null>(null);
  // Dialogs stay mounted (unmounting an open Fluent dialog leaves the page aria-hidden); a new
  // key per opening gives the form fresh values.
  const [openings, setOpenings] = useState(0);
  const openDialog = (which: 'update' | 'delete') => {
    setOpenings((n) => n + 1);
    setDialog(which);
  };
  const status = live.status;
  const name = status?.name ?? extensionId.split('/').pop() ?? 'Extension';
  const state = live.deleted ? 'Deleted' : status?.provisioningState;
  const busy = live.deleted || isChanging(status?.provisioningState);
  const clusterKind = status?.clusterType === 'connectedClusters' ? 'Arc-enabled cluster' : 'AKS cluster';

  return (
    <>
      <PageHeader
        title={name}
        subtitle={
          status
            ? `${clusterKind} ${status.clusterName} · version ${status.version ?? 'unknown'} · release train ${status.releaseTrain ?? 'unknown'}`
            : undefined
        }
      />
      <div className={styles.toolbar}>
        <div role="status" aria-label="Provisioning state">
          <StatusBadge state={state} size="large" />
        </div>
        <Body1>{live.lastUpdated ? `Last updated ${new Date(live.lastUpdated).toLocaleTimeString()}` : 'Not read yet'}</Body1>
        <Button disabled={busy || !status} onClick={() => openDialog('update')}>
          Update
        </Button>
        <Button disabled={busy || !status} onClick={() => openDialog('delete')}>
          Delete
        </Button>
        <Link as="a" href="/" appearance="subtle">
          All clusters
        </Link>
      </div>

      <div className={styles.notices}>
        {live.deleted ? (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Extension deleted</MessageBarTitle>
              {`${name} has been deleted. `}
              <NextLink href="/">Back to clusters</NextLink>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {live.error ? (
          <MessageBar intent={live.stopped === 'error-budget' ? 'error' : 'warning'}>
            <MessageBarBody>
              <MessageBarTitle>{live.stopped === 'error-budget' ? 'Stopped refreshing' : 'Refresh failed'}</MessageBarTitle>
              {live.error}
              {live.stopped === 'error-budget' ? <Button size="small" onClick={live.restart}>Retry</Button> : null}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {live.takingLong ? (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Taking longer than expected</MessageBarTitle>
              The operation is still running. The page keeps checking; the cluster may be slow to reconcile.
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
            <Subtitle2 as="h2" id="components-heading">Components</Subtitle2>
            <ComponentHealthTable components={status.components} available={status.componentsAvailable} reason={status.componentsReason} />
          </section>
        </>
      ) : null}
      <section className={styles.section} aria-labelledby="timeline-heading">
        <Subtitle2 as="h2" id="timeline-heading">Provisioning</Subtitle2>
        <ExtensionTimeline createdAt={status?.createdAt} lastModifiedAt={status?.lastModifiedAt} transitions={live.transitions} />
      </section>
      {status && !live.deleted ? (
        <section className={styles.section} aria-labelledby="settings-heading">
          <Subtitle2 as="h2" id="settings-heading">Settings</Subtitle2>
          <ExtensionSettings settings={status.configurationSettings} />
        </section>
      ) : null}

      {status ? (
        <ExtensionUpdateDialog
          key={`update-${openings}`}
          open={dialog === 'update'}
          onOpenChange={(open) => setDialog(open ? 'update' : null)}
          settings={status.configurationSettings}
          releaseTrain={status.releaseTrain}
          version={status.pinnedVersion}
          autoUpgradeMinorVersion={status.autoUpgradeMinorVersion}
          submit={(update) => updateExtensionAction(extensionId, update)}
          onStarted={live.restart}
        />
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
