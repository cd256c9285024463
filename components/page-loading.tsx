'use client';

import { Spinner } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

/** Shown while a page's server data (ARM reads) is on its way; "Loading from Azure…" unless told. */
export function PageLoading({ label }: { label?: string }) {
  const t = useTranslations('status');
  return <Spinner label={label ?? t('loading')} style={{ marginBlock: 48 }} />;
}
