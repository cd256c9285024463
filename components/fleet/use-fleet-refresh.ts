'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';

import type { FleetItem } from '@/lib/domain/fleet-query';

import { hasCheckingRows, nextFleetReadMs } from './fleet-health';

/** How often the fleet page re-reads the listing by itself. One Resource Graph query each time. */
export const FLEET_REFRESH_INTERVAL_MS = 30_000;
/** Failed refreshes in a row after which automatic refresh stops (the button still works). */
export const FLEET_MAX_CONSECUTIVE_ERRORS = 3;

export interface FleetSnapshot {
  value: FleetItem[];
  subscriptions: Array<{ subscriptionId: string; displayName: string }>;
}

export interface FleetRefreshState {
  snapshot: FleetSnapshot;
  /** When the last successful answer arrived (ISO 8601). */
  lastUpdated: string;
  refreshing: boolean;
  /** The last refresh's error message, cleared by a successful one. */
  error: string | null;
}

/** The rule that ends automatic refresh: an error budget, not a flag someone forgets to reset. */
export function shouldKeepPolling(consecutiveErrors: number): boolean {
  return consecutiveErrors < FLEET_MAX_CONSECUTIVE_ERRORS;
}

/** `failedMessage` words an HTTP failure without a JSON error (the API's own messages are already in the reader's language). */
async function readFleet(failedMessage: (status: number) => string): Promise<FleetSnapshot> {
  const response = await fetch('/api/v1/extensions', { cache: 'no-store', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as Partial<FleetSnapshot> & { error?: { message?: string } };
  if (!response.ok || !Array.isArray(body.value)) {
    throw new Error(body.error?.message ?? failedMessage(response.status));
  }
  return { value: body.value, subscriptions: body.subscriptions ?? [] };
}

/**
 * Keeps the fleet fresh without reloading the page: `GET /api/v1/extensions` every
 * {@link FLEET_REFRESH_INTERVAL_MS} after the previous read ended (sooner, a bounded number of
 * times, while rows' health is still being checked: fleet-health.ts `nextFleetReadMs`), and at
 * once on `refresh()` (which also restarts a stopped timer). Old rows stay on screen while a
 * refresh runs or after it fails.
 */
export function useFleetRefresh(initial: FleetSnapshot, initialLoadedAt: string) {
  const [state, setState] = useState<FleetRefreshState>({ snapshot: initial, lastUpdated: initialLoadedAt, refreshing: false, error: null });
  const [consecutiveErrors, setConsecutiveErrors] = useState(0);
  // Each finished read bumps this; the effect below schedules the next one from it.
  const [reads, setReads] = useState(0);
  // Successful reads in a row that still had rows being checked (the first render's listing is not one).
  const [checkingRereads, setCheckingRereads] = useState(0);
  const inFlight = useRef(false);
  const t = useTranslations('fleet.refresh');

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState((s) => ({ ...s, refreshing: true }));
    try {
      const snapshot = await readFleet((status) => t('readFailed', { status }));
      setConsecutiveErrors(0);
      setCheckingRereads((n) => (hasCheckingRows(snapshot.value) ? n + 1 : 0));
      setState({ snapshot, lastUpdated: new Date().toISOString(), refreshing: false, error: null });
    } catch (err) {
      // fetch's own TypeError ("Failed to fetch") is the browser's English, not ours: say it ourselves.
      const message = err instanceof Error && !(err instanceof TypeError) ? err.message : t('readFailedUnknown');
      setConsecutiveErrors((n) => n + 1);
      setState((s) => ({ ...s, refreshing: false, error: message }));
    } finally {
      inFlight.current = false;
      setReads((n) => n + 1);
    }
  }, [t]);

  const polling = shouldKeepPolling(consecutiveErrors);
  const delayMs = nextFleetReadMs(state.snapshot.value, checkingRereads, FLEET_REFRESH_INTERVAL_MS);
  useEffect(() => {
    if (!polling) return;
    const timer = setTimeout(() => void refresh(), delayMs);
    return () => clearTimeout(timer);
  }, [polling, reads, refresh, delayMs]);

  /** `stopped`: automatic refresh gave up after too many errors in a row (the button still works). */
  return { ...state, stopped: !polling, refresh };
}
