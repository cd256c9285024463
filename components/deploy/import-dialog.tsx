'use client';

import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';

import { cliRequestToForm } from '@/lib/domain/cli-settings';
import type { DeployForm } from '@/lib/domain/deploy-schema';
import { importSettings, type ImportResult } from '@/lib/domain/import-settings';

import type { DeployCluster } from './deploy-types';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  text: { fontFamily: tokens.fontFamilyMonospace, minHeight: '160px' },
});

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  open: boolean;
  clusters: readonly DeployCluster[];
  /** Receives the imported values (only what the paste said); the wizard merges them into the form. */
  onApply: (values: Partial<DeployForm>) => void;
  onClose: () => void;
}

/** The cluster the command names, when exactly one visible cluster matches its name, group and type. */
function matchCluster(clusters: readonly DeployCluster[], cluster: ImportResult['cluster']): DeployCluster | undefined {
  if (!cluster.name) return undefined;
  const matches = clusters.filter(
    (candidate) =>
      candidate.name.toLowerCase() === cluster.name?.toLowerCase() &&
      (!cluster.resourceGroup || candidate.resourceGroup.toLowerCase() === cluster.resourceGroup.toLowerCase()) &&
      (!cluster.type || candidate.type === cluster.type),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Prefills the wizard from what people already have: an `az k8s-extension create` command, a
 * `--config` list or settings JSON. Shows what could not be carried over (unknown keys) and the
 * errors, such as the documented `InferenceRouterHA` typo with the right spelling.
 */
export function ImportDialog({ open, clusters, onApply, onClose }: ImportDialogProps) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);

  const read = () => setResult(importSettings(text));
  const apply = () => {
    if (!result) return;
    const { form } = cliRequestToForm(result.request);
    const cluster = matchCluster(clusters, result.cluster);
    onApply({ ...form, ...(cluster ? { clusterId: cluster.id } : {}) });
    setText('');
    setResult(null);
  };
  const unknownKeys = result ? cliRequestToForm(result.request).unknownKeys : [];
  const matched = result ? matchCluster(clusters, result.cluster) : undefined;

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Import settings</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Command, --config list or JSON" hint="Paste an az k8s-extension create command, key=value settings, or the JSON of az k8s-extension show.">
              <Textarea
                className={styles.text}
                value={text}
                resize="vertical"
                onChange={(_, data) => {
                  setText(data.value);
                  setResult(null);
                }}
              />
            </Field>
            {result ? (
              <>
                {result.errors.length > 0 ? (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>Errors</MessageBarTitle>
                      <ul aria-label="Import errors">
                        {result.errors.map((error) => (
                          <li key={`${error.key}:${error.message}`}>{error.message}</li>
                        ))}
                      </ul>
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
                {result.warnings.length > 0 ? (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>Warnings</MessageBarTitle>
                      <ul aria-label="Import warnings">
                        {result.warnings.map((warning) => (
                          <li key={`${warning.key}:${warning.message}`}>{warning.message}</li>
                        ))}
                      </ul>
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
                {unknownKeys.length > 0 ? (
                  <Caption1 aria-label="Unknown keys">Not carried over (the wizard has no field for them): {unknownKeys.join(', ')}</Caption1>
                ) : null}
                <Caption1>
                  {matched
                    ? `Cluster: ${matched.name}.`
                    : result.cluster.name
                      ? `No single visible cluster named ${result.cluster.name}: pick the cluster in the first step.`
                      : 'The paste names no cluster: pick it in the first step.'}
                </Caption1>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button onClick={read} disabled={text.trim() === ''}>
              Read settings
            </Button>
            <Button appearance="primary" onClick={apply} disabled={!result}>
              Use these settings
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
