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

import type { DeleteExtensionActionResult } from '@/app/resource/[...id]/actions';

/** Props of {@link ExtensionDeleteDialog}. */
export interface ExtensionDeleteDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The name the user must type to confirm. */
  extensionName: string;
  submit(force: boolean): Promise<DeleteExtensionActionResult>;
  onStarted(): void;
}

/**
 * Delete confirmation: typing the extension's name, as the Azure portal asks, so a delete is
 * never one stray click. Force deletes the ARM resource without waiting for the cluster agent.
 */
export function ExtensionDeleteDialog(props: ExtensionDeleteDialogProps) {
  const [typed, setTyped] = useState('');
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onDelete() {
    setBusy(true);
    setError(null);
    const result = await props.submit(force);
    setBusy(false);
    if (result.status === 'error') {
      setError(result.message);
      return;
    }
    props.onOpenChange(false);
    props.onStarted();
  }

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => props.onOpenChange(data.open)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete extension</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Text>
              Deleting removes Azure Machine Learning from the cluster when its agents next reconcile: training jobs and online
              endpoints on it stop.
            </Text>
            <Field label={`Type ${props.extensionName} to confirm`}>
              <Input value={typed} onChange={(_, d) => setTyped(d.value)} />
            </Field>
            <Checkbox
              label="Force delete (remove the Azure resource without waiting for the cluster)"
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
            <Button onClick={() => props.onOpenChange(false)}>Cancel</Button>
            <Button appearance="primary" disabled={busy || typed !== props.extensionName} onClick={() => void onDelete()}>
              Delete
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
