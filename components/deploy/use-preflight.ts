'use client';

import { useCallback, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';

import type { Finding } from '@/lib/domain/preflight/types';

import type { PreflightState } from './deploy-types';

/** The wizard's preflight read: the JSON API, which accepts the browser's signed-in session. */
export const PREFLIGHT_URL = '/api/v1/preflight';

interface PreflightBody {
  clusterId?: string;
  findings?: Finding[];
  error?: { code: string; message: string };
}

/**
 * The preflight findings of one cluster, read from `GET {@link PREFLIGHT_URL}?clusterId=` (reads go
 * through GET routes, not server actions). Re-reads whenever the cluster changes and on `refresh`
 * (after registering a provider). Each answer is tagged with the cluster and generation it answers,
 * and a newer read aborts the older one, so a slow answer for the previous cluster never shows.
 * A change of language reads again, so the findings (written by the API in the reader's language,
 * from the same cookie) follow the switch.
 */
export function usePreflight(clusterId: string): { preflight: PreflightState; refresh: () => void } {
  const t = useTranslations('deploy.cluster');
  const [generation, setGeneration] = useState(0);
  // The last answer, tagged with what it answered; anything older than the current ask reads as loading.
  const [answer, setAnswer] = useState<{ key: string; state: PreflightState } | null>(null);
  const key = `${clusterId}#${generation}`;

  useEffect(() => {
    if (!clusterId) return;
    const controller = new AbortController();
    const settle = (state: PreflightState) => {
      if (!controller.signal.aborted) setAnswer({ key, state });
    };
    fetch(`${PREFLIGHT_URL}?clusterId=${encodeURIComponent(clusterId)}`, { cache: 'no-store', signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json().catch(() => ({}))) as PreflightBody;
        if (!response.ok || !Array.isArray(body.findings)) {
          settle({ status: 'failed', clusterId, message: body.error?.message ?? t('preflightHttp', { status: response.status }) });
          return;
        }
        settle({ status: 'loaded', clusterId, findings: body.findings });
      })
      // The browser's own network error ("Failed to fetch") is in its language, not the reader's.
      .catch(() => settle({ status: 'failed', clusterId, message: t('preflightUnreadable') }));
    return () => controller.abort();
  }, [clusterId, key, t]);

  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  let preflight: PreflightState = { status: 'idle' };
  if (clusterId) preflight = answer?.key === key ? answer.state : { status: 'loading', clusterId };
  return { preflight, refresh };
}
