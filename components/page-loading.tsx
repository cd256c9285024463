'use client';

import { Spinner } from '@fluentui/react-components';

/** Shown while a page's server data (ARM reads) is on its way. */
export function PageLoading({ label = 'Loading from Azure…' }: { label?: string }) {
  return <Spinner label={label} style={{ marginBlock: 48 }} />;
}
