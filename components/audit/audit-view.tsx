'use client';

import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useState } from 'react';

import type { AuditEntry, AuditPage } from '@/lib/audit/types';

import { AuditTable } from './audit-table';

const useStyles = makeStyles({
  footer: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', marginBlockStart: tokens.spacingVerticalM },
});

async function readOlder(cursor: string): Promise<AuditPage> {
  const response = await fetch(`/api/v1/audit?cursor=${encodeURIComponent(cursor)}`, { cache: 'no-store', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as Partial<AuditPage> & { error?: { message?: string } };
  if (!response.ok || !Array.isArray(body.value)) throw new Error(body.error?.message ?? `Older entries could not be read (HTTP ${response.status}).`);
  return { value: body.value, ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
}

/** The first page from the server, then older pages from `GET /api/v1/audit` on demand. */
export function AuditView({ initial }: { initial: AuditPage }) {
  const styles = useStyles();
  const [entries, setEntries] = useState<AuditEntry[]>(initial.value);
  const [cursor, setCursor] = useState<string | undefined>(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadOlder = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await readOlder(cursor);
      // An entry recorded while the page was open can shift a page boundary: never show one twice.
      setEntries((current) => {
        const seen = new Set(current.map((entry) => entry.id));
        return [...current, ...page.value.filter((entry) => !seen.has(entry.id))];
      });
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Older entries could not be read.');
    } finally {
      setLoading(false);
    }
  };

  if (entries.length === 0) return <Caption1>Nothing recorded yet: installs, updates, deletes and provider registrations appear here.</Caption1>;
  return (
    <>
      <AuditTable entries={entries} />
      {error ? (
        <MessageBar intent="error" style={{ marginBlockStart: 12 }}>
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.footer}>
        <Caption1 aria-live="polite">{entries.length} entries shown</Caption1>
        {cursor ? (
          <Button onClick={() => void loadOlder()} disabled={loading}>
            {loading ? 'Loading…' : 'Older'}
          </Button>
        ) : (
          <Caption1>That is the beginning of the trail.</Caption1>
        )}
      </div>
    </>
  );
}
