'use client';

import {
  Badge,
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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { useTranslations } from 'use-intl';

import { deleteInstanceTypeAction } from '@/app/instance-types/actions';
import { failureMessage } from '@/app/resource/[...id]/action-types';
import type { InstanceTypeListing } from '@/lib/deploy/instance-type-service';
import type { InstanceTypeRow } from '@/lib/domain/instance-types';

import { InstanceTypeDialog, type InstanceTypeDialogMode } from './instance-type-dialog';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  cellActions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  pairs: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** Props of {@link InstanceTypesView}. */
export interface InstanceTypesViewProps {
  clusterId: string;
  /** The server's first read; null when it failed (`readError` says why). */
  initial: InstanceTypeListing | null;
  readError?: string;
  /** The extension's node selector settings (`nodeSelector.<key>`), for the form's conflict check. */
  extensionSettings: Record<string, string>;
  statusPath?: string;
}

/** `key=value` pairs, one per line, or the fallback. */
function Pairs({ values, empty }: { values: Record<string, string>; empty: string }) {
  const styles = useStyles();
  const entries = Object.entries(values);
  if (entries.length === 0) return <Text>{empty}</Text>;
  return (
    <span className={styles.pairs}>
      {entries.map(([key, value]) => (
        <span key={key} style={{ display: 'block' }}>
          {key}={value}
        </span>
      ))}
    </span>
  );
}

/**
 * A cluster's instance types: the list (the default marked, the extension's built-in one said so),
 * New / New GPU (offered when the cluster has GPU nodes and the NVIDIA plugin), Edit and Delete.
 * Writes go through server actions; the list is read again from GET /api/v1/instance-types.
 */
export function InstanceTypesView({ clusterId, initial, readError, extensionSettings, statusPath }: InstanceTypesViewProps) {
  const styles = useStyles();
  const t = useTranslations('compute.instanceTypes');
  const [listing, setListing] = useState<InstanceTypeListing | null>(initial);
  const [error, setError] = useState<string | null>(readError ?? null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<InstanceTypeDialogMode | null>(null);
  const [openings, setOpenings] = useState(0);
  const [deleting, setDeleting] = useState<InstanceTypeRow | null>(null);

  const reload = useCallback(async () => {
    try {
      const response = await fetch(`/api/v1/instance-types?clusterId=${encodeURIComponent(clusterId)}`, { cache: 'no-store', headers: { accept: 'application/json' } });
      const body = (await response.json().catch(() => ({}))) as { value?: InstanceTypeRow[]; error?: { message?: string } } & Partial<InstanceTypeListing>;
      if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      setListing((current) => ({ ...(current as InstanceTypeListing), ...body, items: body.value ?? [] }) as InstanceTypeListing);
      setError(null);
    } catch (err) {
      setError(t('readFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  }, [clusterId, t]);

  // The dialog stays mounted once opened (unmounting an open Fluent dialog leaves the page
  // aria-hidden); a new key per opening gives the form fresh values.
  const [lastMode, setLastMode] = useState<InstanceTypeDialogMode | null>(null);
  const open = (mode: InstanceTypeDialogMode) => {
    setOpenings((n) => n + 1);
    setLastMode(mode);
    setDialog(mode);
  };
  const writable = listing?.writable ?? false;
  const gpuOffer = listing?.gpuOffer;

  return (
    <div className={styles.root}>
      {listing && !listing.writable && listing.reason ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('notWritable', { reason: listing.reason })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {listing?.writable && listing.via ? <Body1>{t('via', { via: listing.via })}</Body1> : null}
      {gpuOffer ? (
        <MessageBar intent={gpuOffer.offer ? 'info' : 'warning'}>
          <MessageBarBody>{gpuOffer.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {notice ? (
        <MessageBar intent="success">
          <MessageBarBody role="status">{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!writable} onClick={() => open({ kind: 'new', gpu: false })}>
          {t('new')}
        </Button>
        {gpuOffer?.offer ? (
          <Button disabled={!writable} onClick={() => open({ kind: 'new', gpu: true })}>
            {t('newGpu')}
          </Button>
        ) : null}
        {statusPath ? <Link href={statusPath}>{t('backToExtension')}</Link> : null}
      </div>
      {listing ? (
        <Table aria-label={t('tableLabel')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('name')}</TableHeaderCell>
              <TableHeaderCell>{t('nodeSelector')}</TableHeaderCell>
              <TableHeaderCell>{t('requests')}</TableHeaderCell>
              <TableHeaderCell>{t('limits')}</TableHeaderCell>
              <TableHeaderCell>{t('actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {listing.items.map((row) => (
              <TableRow key={row.name}>
                <TableCell>
                  <span className={styles.cellActions}>
                    <Text weight="semibold">{row.name}</Text>
                    {row.isDefault ? <Badge appearance="tint" color="brand">{t('default')}</Badge> : null}
                    {row.builtIn ? (
                      <Badge appearance="outline" color="informative" title={t('builtInHint')}>
                        {t('builtIn')}
                      </Badge>
                    ) : null}
                  </span>
                </TableCell>
                <TableCell>
                  <Pairs values={row.nodeSelector} empty={t('any')} />
                </TableCell>
                <TableCell>
                  <Pairs values={row.requests} empty="—" />
                </TableCell>
                <TableCell>
                  <Pairs values={row.limits} empty="—" />
                </TableCell>
                <TableCell>
                  <span className={styles.cellActions}>
                    <Button size="small" disabled={!writable} onClick={() => open({ kind: 'edit', row })} aria-label={`${t('edit')} ${row.name}`}>
                      {t('edit')}
                    </Button>
                    {row.builtIn ? null : (
                      <Button size="small" disabled={!writable} onClick={() => setDeleting(row)} aria-label={`${t('delete')} ${row.name}`}>
                        {t('delete')}
                      </Button>
                    )}
                  </span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {lastMode ? (
        <InstanceTypeDialog
          key={`instance-type-${openings}`}
          open={dialog !== null}
          clusterId={clusterId}
          mode={lastMode}
          extensionSettings={extensionSettings}
          onClose={() => setDialog(null)}
          onSaved={(row) => {
            setDialog(null);
            setNotice(t('saved', { name: row.name }));
            void reload();
          }}
        />
      ) : null}
      <DeleteDialog
        clusterId={clusterId}
        row={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(row) => {
          setDeleting(null);
          setNotice(t('deleted', { name: row.name }));
          void reload();
        }}
      />
    </div>
  );
}

/** Confirms a delete, saying what it means for jobs. Stays mounted (an unmounted open dialog leaves the page aria-hidden). */
function DeleteDialog({ clusterId, row, onClose, onDeleted }: { clusterId: string; row: InstanceTypeRow | null; onClose(): void; onDeleted(row: InstanceTypeRow): void }) {
  const t = useTranslations('compute.instanceTypes.deleteDialog');
  const common = useTranslations('common');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    if (!row) return;
    setBusy(true);
    setError(null);
    const result = await deleteInstanceTypeAction(clusterId, row.name);
    setBusy(false);
    if (result.status !== 'deleted') {
      setError(failureMessage(result));
      return;
    }
    onDeleted(row);
  };
  return (
    <Dialog open={row !== null} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('title', { name: row?.name ?? '' })}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Text>{t('body', { name: row?.name ?? '' })}</Text>
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{common('cancel')}</Button>
            <Button appearance="primary" disabled={busy} onClick={() => void remove()}>
              {t('submit')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
