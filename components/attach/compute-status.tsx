'use client';

import { Body1, Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';

import { CodeText } from '@/components/code-text';
import { StatusBadge } from '@/components/status-badge';
import type { ComputeStatus } from '@/lib/deploy/attach-service';
import { isInProgress } from '@/lib/domain/status-vocabulary';
import { ERROR_BACKOFF_BASE_MS, ERROR_BACKOFF_MAX_MS, FAST_POLL_MS, MAX_CONSECUTIVE_ERRORS } from '@/lib/ui/extension-polling';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
});

/** Props of {@link ComputeStatusPanel}. */
export interface ComputeStatusPanelProps {
  computeId: string;
  /** GET /api/v1/computes/status?id=… */
  statusUrl: string;
  statusPath?: string;
  instanceTypesPath: string;
}

type Read = { status: ComputeStatus | null; error: string | null; errors: number };

/**
 * The compute's provisioning, read from its status route fast while ARM reports it in progress
 * (with back-off after a failed read), and no more once it has ended: an attached compute does
 * not change by itself. What went wrong is explained with its fix.
 */
export function ComputeStatusPanel({ computeId, statusUrl, statusPath, instanceTypesPath }: ComputeStatusPanelProps) {
  const styles = useStyles();
  const t = useTranslations('compute.status');
  const [read, setRead] = useState<Read>({ status: null, error: null, errors: 0 });
  const [round, setRound] = useState(0);

  const poll = useCallback(async (signal: AbortSignal): Promise<Read> => {
    try {
      const response = await fetch(statusUrl, { cache: 'no-store', signal, headers: { accept: 'application/json' } });
      const body = (await response.json().catch(() => ({}))) as ComputeStatus & { error?: { message?: string } };
      if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      return { status: body, error: null, errors: 0 };
    } catch (err) {
      if (signal.aborted) throw err;
      return { status: null, error: err instanceof Error ? err.message : String(err), errors: 1 };
    }
  }, [statusUrl]);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let next: Read;
      try {
        next = await poll(controller.signal);
      } catch {
        return; // unmounted
      }
      let errors = 0;
      let ended = false;
      setRead((previous) => {
        errors = next.errors === 0 ? 0 : previous.errors + 1;
        ended = next.status ? !isInProgress(next.status.provisioningState) : false;
        return { status: next.status ?? previous.status, error: next.error, errors };
      });
      if (ended || errors >= MAX_CONSECUTIVE_ERRORS) return;
      const delay = errors === 0 ? FAST_POLL_MS : Math.min(ERROR_BACKOFF_BASE_MS * 2 ** (errors - 1), ERROR_BACKOFF_MAX_MS);
      timer = setTimeout(() => void run(), delay);
    };
    void run();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [poll, round]);

  const status = read.status;
  const state = status?.provisioningState;
  const inProgress = !status || isInProgress(state);
  const name = status?.name ?? computeId.split('/').pop() ?? '';
  return (
    <section className={styles.root} aria-labelledby="compute-status-heading">
      <Subtitle2 as="h2" id="compute-status-heading">
        {t('heading', { name })}
      </Subtitle2>
      <div className={styles.row}>
        <div role="status" aria-label={t('heading', { name })}>
          <StatusBadge state={state} size="large" />
        </div>
        {inProgress && read.errors < MAX_CONSECUTIVE_ERRORS ? <Spinner size="tiny" label={t('waiting')} /> : null}
      </div>
      {status ? (
        <dl className={styles.facts}>
          <dt>{t('workspace')}</dt>
          <dd>{status.workspaceName}</dd>
          <dt>{t('namespace')}</dt>
          <dd>{status.namespace ?? '—'}</dd>
          <dt>{t('defaultInstanceType')}</dt>
          <dd>{status.defaultInstanceType ?? '—'}</dd>
        </dl>
      ) : null}
      {status && state?.toLowerCase() === 'succeeded' ? (
        <MessageBar intent="success">
          <MessageBarBody>{t('succeeded', { name, workspace: status.workspaceName })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {status && !inProgress && state?.toLowerCase() !== 'succeeded' ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('failed', { state: state ?? '' })}</MessageBarTitle>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {status && status.errors.length > 0 ? (
        <section aria-labelledby="compute-errors-heading">
          <Subtitle2 as="h3" id="compute-errors-heading">
            {t('errorsHeading')}
          </Subtitle2>
          <ul>
            {status.errors.map((error) => (
              <li key={`${error.code}:${error.message}`}>
                <Body1>
                  <strong>{error.code}</strong>: {error.message}
                  {error.fix ? (
                    <>
                      {' '}
                      <strong>{t('fix')}</strong> <CodeText text={error.fix} />
                    </>
                  ) : null}
                </Body1>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {read.error ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t('readFailed', { message: read.error })}{' '}
            {read.errors >= MAX_CONSECUTIVE_ERRORS ? (
              <Button size="small" onClick={() => setRound((n) => n + 1)}>
                {t('retry')}
              </Button>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.row}>
        <Link href={instanceTypesPath}>{t('manageInstanceTypes')}</Link>
        {statusPath ? <Link href={statusPath}>{t('backToExtension')}</Link> : null}
      </div>
    </section>
  );
}
