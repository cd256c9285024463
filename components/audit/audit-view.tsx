'use client';

import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

import { auditFilterParams, hasAuditFilter, type AuditFilter } from '@/lib/audit/filter';
import type { AuditEntry, AuditPage } from '@/lib/audit/types';

import { AuditTable } from './audit-table';

const useStyles = makeStyles({
  footer: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', marginBlockStart: tokens.spacingVerticalM },
  exports: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap', marginBlockEnd: tokens.spacingVerticalM },
});

/** `/api/v1/audit?<filters>&<more>`: the page, the older pages and the exports ask for the same rows. */
function auditUrl(filter: AuditFilter, more: Record<string, string>): string {
  const params = auditFilterParams(filter);
  for (const [key, value] of Object.entries(more)) params.set(key, value);
  return `/api/v1/audit?${params.toString()}`;
}

/** `failedMessage` words an HTTP failure without a JSON error (the API's own messages are already in the reader's language). */
async function readOlder(filter: AuditFilter, cursor: string, failedMessage: (status: number) => string): Promise<AuditPage> {
  const response = await fetch(auditUrl(filter, { cursor }), { cache: 'no-store', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as Partial<AuditPage> & { error?: { message?: string } };
  if (!response.ok || !Array.isArray(body.value)) throw new Error(body.error?.message ?? failedMessage(response.status));
  return { value: body.value, ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
}

/** Props of {@link AuditView}. */
export interface AuditViewProps {
  /** The first page, read by the server with `filter`. */
  initial: AuditPage;
  /** The filters applied (valid ones): older pages and the exports use them too. */
  filter: AuditFilter;
}

/**
 * The first page from the server, then older pages from `GET /api/v1/audit` on demand, within the
 * same filters; the export buttons download every entry they match (`format=csv|json`).
 */
export function AuditView({ initial, filter }: AuditViewProps) {
  const styles = useStyles();
  const t = useTranslations('audit');
  const common = useTranslations('common');
  const [entries, setEntries] = useState<AuditEntry[]>(initial.value);
  const [cursor, setCursor] = useState<string | undefined>(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadOlder = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await readOlder(filter, cursor, (status) => t('pages.olderFailed', { status }));
      // An entry recorded while the page was open can shift a page boundary: never show one twice.
      setEntries((current) => {
        const seen = new Set(current.map((entry) => entry.id));
        return [...current, ...page.value.filter((entry) => !seen.has(entry.id))];
      });
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      // fetch's own TypeError ("Failed to fetch") is the browser's English, not ours: say it ourselves.
      setError(err instanceof Error && !(err instanceof TypeError) ? err.message : t('pages.olderFailedUnknown'));
    } finally {
      setLoading(false);
    }
  };

  if (entries.length === 0) return <Caption1>{hasAuditFilter(filter) ? t('filters.noMatch') : t('empty')}</Caption1>;
  return (
    <>
      <div className={styles.exports}>
        {/* Plain links: the browser downloads the attachment itself, streamed, whatever its size. */}
        <Button as="a" href={auditUrl(filter, { format: 'csv' })} download>
          {t('export.csv')}
        </Button>
        <Button as="a" href={auditUrl(filter, { format: 'json' })} download>
          {t('export.json')}
        </Button>
        <Caption1>{t('export.hint')}</Caption1>
      </div>
      <AuditTable entries={entries} />
      {error ? (
        <MessageBar intent="error" style={{ marginBlockStart: 12 }}>
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.footer}>
        <Caption1 aria-live="polite">{t('pages.shown', { count: entries.length })}</Caption1>
        {cursor ? (
          <Button onClick={() => void loadOlder()} disabled={loading}>
            {loading ? common('loading') : t('pages.older')}
          </Button>
        ) : (
          <Caption1>{t('pages.beginning')}</Caption1>
        )}
      </div>
    </>
  );
}
