'use client';

import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';

import { detachComputeAction } from '@/app/attach/actions';
import { failureMessage } from '@/app/resource/[...id]/action-types';
import { StatusBadge } from '@/components/status-badge';
import type { ClusterCompute } from '@/lib/deploy/attach-service';
import { DOCS } from '@/lib/ui/docs-links';
import { FAST_POLL_MS } from '@/lib/ui/extension-polling';
import { attachPagePath, instanceTypesPagePath } from '@/lib/ui/routes';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/** Props of {@link ClusterComputes}. */
export interface ClusterComputesProps {
  clusterId: string;
  /** Attaching needs the extension Succeeded (the attach preflight says why otherwise). */
  canAttach: boolean;
}

/** Reads of the list, 2 s apart, while a detached compute is still in it (a minute at most). */
const DETACH_WATCH_READS = 30;

type Listing = { status: 'loading' } | { status: 'read'; computes: ClusterCompute[] } | { status: 'failed'; message: string };

/** GET /api/v1/computes?clusterId=: the computes on the cluster, or why they could not be read. */
async function readComputes(clusterId: string): Promise<Listing> {
  try {
    const response = await fetch(`/api/v1/computes?clusterId=${encodeURIComponent(clusterId)}`, { cache: 'no-store', headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => ({}))) as { value?: ClusterCompute[]; error?: { message?: string } };
    if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    return { status: 'read', computes: body.value ?? [] };
  } catch (err) {
    return { status: 'failed', message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The status page's Azure Machine Learning section: the workspaces this cluster is attached to
 * (across those the reader can see), each with Detach; Attach and Instance types.
 */
export function ClusterComputes({ clusterId, canAttach }: ClusterComputesProps) {
  const styles = useStyles();
  const t = useTranslations('compute.computes');
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [detaching, setDetaching] = useState<ClusterCompute | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // After a detach, the list is read again until the compute has left it (ARM shows it Deleting first).
  const [detached, setDetached] = useState<string | null>(null);
  useEffect(() => {
    if (!detached) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = async (attempt: number) => {
      const read = await readComputes(clusterId);
      if (!current) return;
      setListing(read);
      const stillThere = read.status === 'read' && read.computes.some((compute) => compute.id.toLowerCase() === detached.toLowerCase());
      if (stillThere && attempt < DETACH_WATCH_READS) timer = setTimeout(() => void watch(attempt + 1), FAST_POLL_MS);
    };
    void watch(1);
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [clusterId, detached]);

  useEffect(() => {
    let current = true;
    void readComputes(clusterId).then((read) => {
      if (current) setListing(read);
    });
    return () => {
      current = false;
    };
  }, [clusterId]);

  return (
    <div className={styles.root}>
      <Body1>
        {t('intro')}{' '}
        <Link href={DOCS.attachCluster} inline>
          {t('docs')}
        </Link>
      </Body1>
      <div className={styles.actions}>
        <Button as="a" appearance="primary" href={attachPagePath(clusterId)} disabled={!canAttach}>
          {t('attach')}
        </Button>
        <Button as="a" href={instanceTypesPagePath(clusterId)}>
          {t('instanceTypes')}
        </Button>
        {!canAttach ? <Text>{t('notReady')}</Text> : null}
      </div>
      {notice ? (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {listing.status === 'loading' ? <Spinner size="tiny" label={t('loading')} /> : null}
      {listing.status === 'failed' ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('readFailed', { message: listing.message })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {listing.status === 'read' && listing.computes.length === 0 ? <Body1>{t('none')}</Body1> : null}
      {listing.status === 'read' && listing.computes.length > 0 ? (
        <Table aria-label={t('tableLabel')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('name')}</TableHeaderCell>
              <TableHeaderCell>{t('workspace')}</TableHeaderCell>
              <TableHeaderCell>{t('namespace')}</TableHeaderCell>
              <TableHeaderCell>{t('state')}</TableHeaderCell>
              <TableHeaderCell>{t('actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {listing.computes.map((compute) => (
              <TableRow key={compute.id}>
                <TableCell>{compute.name}</TableCell>
                <TableCell title={compute.workspaceId}>{compute.workspaceName}</TableCell>
                <TableCell>{compute.namespace ?? '—'}</TableCell>
                <TableCell>
                  <StatusBadge state={compute.provisioningState} />
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => setDetaching(compute)} aria-label={`${t('detach')} ${compute.name}`}>
                    {t('detach')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <DetachDialog
        compute={detaching}
        onClose={() => setDetaching(null)}
        onStarted={(compute) => {
          setDetaching(null);
          setNotice(t('detachStarted', { name: compute.name }));
          setDetached(compute.id);
        }}
      />
    </div>
  );
}

/** Confirms a detach, saying what it does not do (it uninstalls nothing). Stays mounted: an unmounted open dialog leaves the page aria-hidden. */
function DetachDialog({ compute, onClose, onStarted }: { compute: ClusterCompute | null; onClose(): void; onStarted(compute: ClusterCompute): void }) {
  const t = useTranslations('compute.computes.detachDialog');
  const common = useTranslations('common');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const detach = async () => {
    if (!compute) return;
    setBusy(true);
    setError(null);
    const result = await detachComputeAction(compute.id);
    setBusy(false);
    if (result.status !== 'started') {
      setError(failureMessage(result));
      return;
    }
    onStarted(compute);
  };
  return (
    <Dialog open={compute !== null} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('title', { name: compute?.name ?? '' })}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Text>{t('body', { workspace: compute?.workspaceName ?? '' })}</Text>
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{common('cancel')}</Button>
            <Button appearance="primary" disabled={busy} onClick={() => void detach()}>
              {t('submit')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
