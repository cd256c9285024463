'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';

// Type only: erased at build time, so no server code reaches the browser.
import type { ExtensionReport } from '@/lib/deploy/extension-report';
import { isChanging, isTakingLong, nextPoll, type StopReason } from '@/lib/ui/extension-polling';

/** One provisioning state the page saw, and when it first saw it. */
export interface ObservedTransition {
  state: string;
  at: string;
}

/** What the status page renders from. */
export interface ExtensionStatusState {
  status: ExtensionReport | null;
  /** Provisioning states in order, as the portal recorded them (no repeats in a row). */
  transitions: ObservedTransition[];
  /** The last poll's error message, in the reader's language (cleared by a successful poll). */
  error: string | null;
  /** The extension is gone after a delete this page asked for or watched. */
  deleted: boolean;
  /** Why polling stopped (deleted, error budget spent, tab hidden), or null while it runs. */
  stopped: StopReason | null;
  takingLong: boolean;
  /** When the last successful answer arrived (ISO 8601). */
  lastUpdated: string | null;
  /** Completed polls, successful or not: each one schedules the next. */
  polls: number;
}

interface ApiError {
  error?: { code?: string; message?: string };
}

/** A failed read the portal can word (the API's message, or the HTTP status), as opposed to the browser's own. */
class StatusReadError extends Error {}

function appendTransition(list: ObservedTransition[], state: string, at: string): ObservedTransition[] {
  return list.length > 0 && list[list.length - 1].state === state ? list : [...list, { state, at }];
}

/**
 * The history to show after an answer: the portal's own record (kept across reloads and shared
 * by every viewer) when the server had one, else what this page saw.
 */
function transitionsAfter(list: ObservedTransition[], report: ExtensionReport): ObservedTransition[] {
  return report.history.length > 0 ? report.history : appendTransition(list, report.provisioningState, report.observedAt);
}

/**
 * Polls `GET /api/v1/extensions/status` for one extension, by the rule in
 * lib/ui/extension-polling.ts. `watchDeletion()` tells it a delete was requested, so the 404
 * that ends a delete means "deleted", not an error; `restart()` resumes polling after a write.
 * A new `initial` from the server (a refresh, such as the language switcher's) replaces what is
 * shown when it is not older, so the server's sentences follow the reader's language at once.
 */
export function useExtensionStatus(extensionId: string, initial: ExtensionReport | null) {
  const t = useTranslations('status.poll');
  const [state, setState] = useState<ExtensionStatusState>(() => ({
    status: initial,
    transitions: initial ? transitionsAfter([], initial) : [],
    error: null,
    deleted: false,
    stopped: null,
    takingLong: false,
    lastUpdated: initial?.observedAt ?? null,
    polls: 0,
  }));
  const [shownInitial, setShownInitial] = useState(initial);
  if (initial !== shownInitial) {
    // Adjusting state to a new prop while rendering (React's documented pattern), not in an effect.
    setShownInitial(initial);
    if (initial && !state.deleted && (state.lastUpdated === null || initial.observedAt >= state.lastUpdated)) {
      setState({
        ...state,
        status: initial,
        lastUpdated: initial.observedAt,
        transitions: transitionsAfter(state.transitions, initial),
      });
    }
  }
  const lastState = useRef<string | undefined>(initial?.provisioningState);
  const errors = useRef(0);
  const expectingDeletion = useRef(false);
  const changeStartedAt = useRef<number | undefined>(initial && isChanging(initial.provisioningState) ? Date.parse(initial.observedAt) : undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);
  /**
   * Set by restart(): the state on screen predates a write, so the rule must not stop on it;
   * the next poll runs at once and clears the flag.
   */
  const pendingWrite = useRef(false);
  /** Set by refresh(): the next read asks the server for a read made now, not a shared recent one. */
  const freshRead = useRef(false);

  const poll = useCallback(async () => {
    const mine = generation.current;
    try {
      const fresh = freshRead.current ? '&fresh=1' : '';
      freshRead.current = false;
      const response = await fetch(`/api/v1/extensions/status?id=${encodeURIComponent(extensionId)}${fresh}`, { cache: 'no-store' });
      if (mine !== generation.current) return;
      const seenDeleting = expectingDeletion.current || lastState.current === 'Deleting';
      if (response.status === 404 && seenDeleting) {
        errors.current = 0;
        pendingWrite.current = false;
        const at = new Date().toISOString();
        setState((s) => ({
          ...s,
          deleted: true,
          error: null,
          lastUpdated: at,
          polls: s.polls + 1,
          transitions: appendTransition(s.transitions, 'Deleted', at),
        }));
        return;
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as ApiError;
        throw new StatusReadError(body.error?.message ?? t('httpError', { status: response.status }));
      }
      const status = (await response.json()) as ExtensionReport;
      if (mine !== generation.current) return;
      errors.current = 0;
      pendingWrite.current = false;
      lastState.current = status.provisioningState;
      if (isChanging(status.provisioningState)) changeStartedAt.current ??= Date.now();
      else changeStartedAt.current = undefined;
      setState((s) => ({
        ...s,
        status,
        error: null,
        lastUpdated: status.observedAt,
        polls: s.polls + 1,
        takingLong: isTakingLong(changeStartedAt.current, Date.now()),
        transitions: transitionsAfter(s.transitions, status),
      }));
    } catch (err) {
      if (mine !== generation.current) return;
      errors.current += 1;
      pendingWrite.current = false;
      // A network failure's message is the browser's ("Failed to fetch"), in its language: say it in the reader's.
      const message = err instanceof StatusReadError ? err.message : t('failed');
      setState((s) => ({ ...s, error: message, polls: s.polls + 1 }));
    }
  }, [extensionId, t]);

  // Decide the next poll from the latest state: the rule, not a flag, stops it.
  useEffect(() => {
    if (state.stopped) return;
    if (pendingWrite.current) {
      timer.current = setTimeout(() => void poll(), 0);
      return () => clearTimeout(timer.current);
    }
    const decision = nextPoll({
      provisioningState: state.status?.provisioningState,
      components: state.status?.components ?? [],
      consecutiveErrors: errors.current,
      deleted: state.deleted,
      hidden: document.visibilityState === 'hidden',
    });
    if (decision.kind === 'stop') {
      setState((s) => (s.stopped === decision.reason ? s : { ...s, stopped: decision.reason }));
      return;
    }
    timer.current = setTimeout(() => void poll(), decision.delayMs);
    return () => clearTimeout(timer.current);
    // `polls` changes after every answer, so an identical answer still schedules the next poll.
  }, [state.polls, state.status, state.deleted, state.stopped, poll]);

  /** Polls again now and keeps polling (after an update, a delete, "retry" or "refresh"). */
  const restart = useCallback(() => {
    generation.current += 1;
    errors.current = 0;
    clearTimeout(timer.current);
    pendingWrite.current = true;
    // `polls` + 1 re-runs the scheduling effect even when polling had not stopped.
    setState((s) => ({ ...s, stopped: null, error: null, polls: s.polls + 1 }));
  }, []);

  // A hidden tab reads nothing (the rule stops on `hidden`); shown again, it reads at once and
  // goes on at the pace the rule gives. Hiding also cancels the poll already scheduled.
  const stoppedReason = useRef<StopReason | null>(null);
  useEffect(() => {
    stoppedReason.current = state.stopped;
  }, [state.stopped]);
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        clearTimeout(timer.current);
        setState((s) => (s.stopped ? s : { ...s, stopped: 'hidden' }));
      } else if (stoppedReason.current === 'hidden' || stoppedReason.current === null) {
        restart();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [restart]);

  /** A delete was accepted: the next 404 means "deleted". */
  const watchDeletion = useCallback(() => {
    expectingDeletion.current = true;
    restart();
  }, [restart]);

  /** The Refresh button: a read made now (not a recent shared one), then polling as before. */
  const refresh = useCallback(() => {
    freshRead.current = true;
    restart();
  }, [restart]);

  return { ...state, restart, refresh, watchDeletion };
}
