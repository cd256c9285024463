'use client';

import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

import type { UpdateExtensionActionResult } from '@/app/resource/[...id]/actions';
import { FindingList } from '@/components/deploy/finding-list';
import type { Finding } from '@/lib/domain/preflight/types';
import type { UpdateImpact } from '@/lib/domain/update-impact';

const useStyles = makeStyles({
  rows: { display: 'grid', gridTemplateColumns: '1fr 1fr auto', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  pair: { display: 'flex', gap: tokens.spacingHorizontalM },
});

/** What the dialog edits; the extension's current values come in, the changes go out. */
export interface ExtensionUpdateDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  settings: Record<string, string>;
  releaseTrain: string | null;
  version: string | null;
  autoUpgradeMinorVersion: boolean;
  /** Sends the update (a server action); answers with impacts to confirm, or started. */
  submit(update: Record<string, unknown>): Promise<UpdateExtensionActionResult>;
  /** Called once ARM accepted the update. */
  onStarted(): void;
}

interface Row {
  key: string;
  value: string;
}

/** Only what changed: ARM merges settings key by key, and `null` removes a key. */
function settingsChanges(before: Record<string, string>, rows: Row[]): Record<string, string | null> {
  const after = new Map(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value] as const));
  const changes: Record<string, string | null> = {};
  for (const [key, value] of after) if (before[key] !== value) changes[key] = value;
  for (const key of Object.keys(before)) if (!after.has(key)) changes[key] = null;
  return changes;
}

/**
 * Update dialog: the non-protected settings as key/value rows, release train, version. Impacts
 * come from the server (DOMAIN.md section 5) and must be confirmed with a checkbox before the
 * update is sent again with `confirmImpacts`.
 */
export function ExtensionUpdateDialog(props: ExtensionUpdateDialogProps) {
  const styles = useStyles();
  const t = useTranslations('status.updateDialog');
  const common = useTranslations('common');
  const [rows, setRows] = useState<Row[]>(() => Object.entries(props.settings).map(([key, value]) => ({ key, value })));
  const [releaseTrain, setReleaseTrain] = useState(props.releaseTrain ?? '');
  const [version, setVersion] = useState(props.version ?? '');
  const [autoUpgrade, setAutoUpgrade] = useState(props.autoUpgradeMinorVersion);
  const [impacts, setImpacts] = useState<UpdateImpact[]>([]);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const changeRows = (change: (current: Row[]) => Row[]) => {
    setRows(change);
    // A different change has different impacts: ask the server again.
    setImpacts([]);
    setFindings([]);
    setConfirmed(false);
  };
  const edit = (index: number, patch: Partial<Row>) => changeRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  async function onSubmit() {
    setBusy(true);
    setError(null);
    setFindings([]);
    const update: Record<string, unknown> = { configurationSettings: settingsChanges(props.settings, rows) };
    if (releaseTrain.trim() && releaseTrain.trim() !== (props.releaseTrain ?? '')) update.releaseTrain = releaseTrain.trim();
    if (version.trim() !== (props.version ?? '')) update.version = version.trim() || null;
    if (autoUpgrade !== props.autoUpgradeMinorVersion) update.autoUpgradeMinorVersion = autoUpgrade;
    if (impacts.length > 0 && confirmed) update.confirmImpacts = true;
    const result = await props.submit(update);
    setBusy(false);
    if (result.status === 'needs-confirmation') {
      setImpacts(result.impacts);
      setConfirmed(false);
    } else if (result.status === 'refused') {
      setFindings(result.findings);
    } else if (result.status === 'error') {
      setError(result.message);
    } else {
      props.onOpenChange(false);
      props.onStarted();
    }
  }

  const needsConfirmation = impacts.length > 0 && !confirmed;
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => props.onOpenChange(data.open)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <div className={styles.rows}>
              {rows.map((row, index) => (
                <div key={index} style={{ display: 'contents' }}>
                  <Input aria-label={t('keyOfSetting', { index: index + 1 })} value={row.key} onChange={(_, d) => edit(index, { key: d.value })} />
                  <Input
                    aria-label={row.key ? t('valueOfKey', { key: row.key }) : t('valueOfSetting', { index: index + 1 })}
                    value={row.value}
                    onChange={(_, d) => edit(index, { value: d.value })}
                  />
                  <Button
                    aria-label={row.key ? t('removeKey', { key: row.key }) : t('removeSetting', { index: index + 1 })}
                    onClick={() => changeRows((current) => current.filter((_, i) => i !== index))}
                  >
                    {t('remove')}
                  </Button>
                </div>
              ))}
            </div>
            <Button onClick={() => setRows((r) => [...r, { key: '', value: '' }])}>{t('addSetting')}</Button>
            <div className={styles.pair}>
              <Field label={t('releaseTrain')}>
                <Input value={releaseTrain} onChange={(_, d) => setReleaseTrain(d.value)} />
              </Field>
              <Field label={t('version')} hint={t('versionHint')}>
                <Input value={version} onChange={(_, d) => setVersion(d.value)} />
              </Field>
            </div>
            <Checkbox label={t('autoUpgrade')} checked={autoUpgrade} onChange={(_, d) => setAutoUpgrade(d.checked === true)} />
            {impacts.length > 0 ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t('impactsTitle')}</MessageBarTitle>
                  <ul aria-label={t('impactsLabel')}>
                    {impacts.map((impact) => (
                      <li key={impact.key}>{impact.message}</li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {impacts.length > 0 ? (
              <Checkbox label={t('confirmImpacts')} checked={confirmed} onChange={(_, d) => setConfirmed(d.checked === true)} />
            ) : null}
            <FindingList findings={findings} label={t('findingsLabel')} />
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => props.onOpenChange(false)}>{common('cancel')}</Button>
            <Button appearance="primary" disabled={busy || needsConfirmation} onClick={() => void onSubmit()}>
              {t('submit')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
