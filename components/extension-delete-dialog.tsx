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
  MessageBar,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

import { failureMessage, type DeleteExtensionResult } from '@/app/resource/[...id]/action-types';

import { DangerButton } from './danger-button';

/** Props of {@link ExtensionDeleteDialog}. */
export interface ExtensionDeleteDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The name the user must type to confirm. */
  extensionName: string;
  submit(force: boolean): Promise<DeleteExtensionResult>;
  onStarted(): void;
}

/**
 * Delete confirmation: typing the extension's name, as the Azure portal asks, so a delete is
 * never one stray click. Force deletes the ARM resource without waiting for the cluster agent.
 */
export function ExtensionDeleteDialog(props: ExtensionDeleteDialogProps) {
  const t = useTranslations('status.deleteDialog');
  const common = useTranslations('common');
  const [typed, setTyped] = useState('');
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onDelete() {
    setBusy(true);
    setError(null);
    const result = await props.submit(force);
    setBusy(false);
    if (result.status !== 'started') {
      setError(failureMessage(result));
      return;
    }
    props.onOpenChange(false);
    props.onStarted();
  }

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => props.onOpenChange(data.open)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Text>{t('body')}</Text>
            <Field label={t('typeToConfirm', { name: props.extensionName })}>
              <Input value={typed} onChange={(_, d) => setTyped(d.value)} />
            </Field>
            <Checkbox
              label={t('force')}
              checked={force}
              onChange={(_, d) => setForce(d.checked === true)}
            />
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => props.onOpenChange(false)}>{common('cancel')}</Button>
            <DangerButton disabled={busy || typed !== props.extensionName} onClick={() => void onDelete()}>
              {t('submit')}
            </DangerButton>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
