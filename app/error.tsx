'use client';

import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

/**
 * Unexpected errors end here. Expected ones (ARM refusals, throttling) are values that pages show
 * themselves; this page never prints the error's message, which may carry details meant for logs.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('shell.error');
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('title')}</MessageBarTitle>
        {t('body', { reference: error.digest ?? t('noReference') })}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={reset}>{t('retry')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
