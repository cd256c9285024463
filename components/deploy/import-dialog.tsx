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
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';

import { useDomainText } from '@/components/intl-provider';

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
  const t = useTranslations('deploy.importDialog');
  const common = useTranslations('common');
  const domainText = useDomainText();
  const [text, setText] = useState('');
  // The text as last read: the result is derived from it, so it follows a change of language.
  const [readText, setReadText] = useState<string | null>(null);
  const result = useMemo(() => (readText === null ? null : importSettings(readText, domainText)), [readText, domainText]);

  const imported = result ? cliRequestToForm(result.request) : null;
  const matched = result ? matchCluster(clusters, result.cluster) : undefined;
  const unknownKeys = imported?.unknownKeys ?? [];

  const read = () => setReadText(text);
  const apply = () => {
    if (!imported) return;
    onApply({ ...imported.form, ...(matched ? { clusterId: matched.id } : {}) });
    setText('');
    setReadText(null);
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label={t('textLabel')} hint={t('textHint')}>
              <Textarea
                className={styles.text}
                value={text}
                resize="vertical"
                onChange={(_, data) => {
                  setText(data.value);
                  setReadText(null);
                }}
              />
            </Field>
            {result ? (
              <>
                {result.errors.length > 0 ? (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{t('errors')}</MessageBarTitle>
                      <ul aria-label={t('errorsLabel')}>
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
                      <MessageBarTitle>{t('warnings')}</MessageBarTitle>
                      <ul aria-label={t('warningsLabel')}>
                        {result.warnings.map((warning) => (
                          <li key={`${warning.key}:${warning.message}`}>{warning.message}</li>
                        ))}
                      </ul>
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
                {unknownKeys.length > 0 ? (
                  <Caption1 aria-label={t('unknownKeysLabel')}>{t('unknownKeys', { keys: unknownKeys.join(', ') })}</Caption1>
                ) : null}
                <Caption1>
                  {matched
                    ? t('clusterMatched', { name: matched.name })
                    : result.cluster.name
                      ? t('clusterNotMatched', { name: result.cluster.name })
                      : t('clusterNotNamed')}
                </Caption1>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{common('cancel')}</Button>
            <Button onClick={read} disabled={text.trim() === ''}>
              {t('read')}
            </Button>
            <Button appearance="primary" onClick={apply} disabled={!result}>
              {t('apply')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
