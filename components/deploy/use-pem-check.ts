'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { CheckPemResult, FieldError } from '@/app/deploy/action-types';
import { checkPemAction } from '@/app/deploy/actions';
import type { DeployForm } from '@/lib/domain/deploy-schema';
import type { CertificateSummary } from '@/lib/domain/pem-checks';
import { LatestRequest } from '@/lib/ui/latest-request';

/** How long the host name must stay unchanged while typed before the check re-runs on it. */
export const PEM_RECHECK_DELAY_MS = 300;

/** What the router step shows under the PEM inputs. */
export type PemCheckState = (
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'checked'; ok: boolean; warnings: FieldError[]; formErrors: string[] }
  | { status: 'failed'; message: string }
) & {
  /**
   * The uploaded certificate's public facts from the latest check of these files. Kept while the
   * host name is re-checked (the certificate has not changed); dropped with a new file.
   */
  certificate?: CertificateSummary;
};

const FORM_PATHS = ['tls.certPem', 'tls.keyPem', 'tls.sslCname'] as const satisfies ReadonlyArray<FieldPath<DeployForm>>;

const keepCertificate = (state: PemCheckState) => (state.certificate ? { certificate: state.certificate } : {});

/**
 * The server-side PEM pair checks (`checkPemAction`): parse, encryption, key match, expiry, CNAME
 * coverage. Errors go onto the fields with `setError`, so they read like any other validation.
 * A later check wins: the answer to an earlier one (or to files since replaced) is dropped, never
 * shown. `checkPem` runs now and answers whether the pair passed, so Next can wait for it; a
 * change of the host name re-runs it `PEM_RECHECK_DELAY_MS` after the typing stops.
 */
export function usePemCheck(form: UseFormReturn<DeployForm>) {
  const t = useTranslations('deploy.tls');
  const [state, setState] = useState<PemCheckState>({ status: 'idle' });
  const [latest] = useState(() => new LatestRequest());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const check = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    const tls = form.getValues('tls');
    if (tls.mode !== 'pem') return true;
    const ticket = latest.begin();
    setState((previous) => ({ status: 'checking', ...keepCertificate(previous) }));
    let result: CheckPemResult;
    try {
      result = await checkPemAction({ certPem: tls.certPem, keyPem: tls.keyPem, sslCname: tls.sslCname });
    } catch {
      if (latest.isLatest(ticket)) setState((previous) => ({ status: 'failed', message: t('checkFailed'), ...keepCertificate(previous) }));
      return false;
    }
    // A later check (another host name, other files) has replaced this one: its verdict is for values no longer in the form.
    if (!latest.isLatest(ticket)) return false;
    if (result.status !== 'checked' && result.status !== 'invalid') {
      setState((previous) => ({ status: 'failed', message: result.message, ...keepCertificate(previous) }));
      return false;
    }
    // The previous check's verdicts go; the browser's own messages stay.
    for (const path of FORM_PATHS) if (form.getFieldState(path).error?.type === 'server') form.clearErrors(path);
    const errors = result.errors;
    const formErrors: string[] = [];
    for (const error of errors) {
      if ((FORM_PATHS as ReadonlyArray<string>).includes(error.path)) form.setError(error.path as FieldPath<DeployForm>, { type: 'server', message: error.message });
      else formErrors.push(error.message);
    }
    setState({
      status: 'checked',
      ok: errors.length === 0,
      warnings: result.status === 'checked' ? result.warnings : [],
      ...(result.status === 'checked' && result.certificate ? { certificate: result.certificate } : {}),
      formErrors,
    });
    return errors.length === 0;
  }, [form, latest, t]);

  const checkSoon = useCallback(() => {
    clearTimeout(timer.current);
    const tls = form.getValues('tls');
    if (tls.mode !== 'pem' || !tls.certPem || !tls.keyPem) return;
    // The verdict on screen is for the host name as it was: it goes now, and any answer still on its way is dropped.
    const ticket = latest.begin();
    setState((previous) => ({ status: 'checking', ...keepCertificate(previous) }));
    timer.current = setTimeout(() => {
      void (async () => {
        const valid = await form.trigger('tls');
        if (!latest.isLatest(ticket)) return;
        if (valid) await check();
        // The browser's own message (an ill-formed host name) is at the field; nothing to ask the server.
        else setState((previous) => ({ status: 'idle', ...keepCertificate(previous) }));
      })();
    }, PEM_RECHECK_DELAY_MS);
  }, [check, form, latest]);

  // The host name is re-checked as it is typed (and pasted, autofilled), not only on blur: the
  // verdict at the field is always about the name in it. A whole new form (reset, import) is not typing.
  useEffect(() => {
    const subscription = form.watch((_, { name }) => {
      if (name === 'tls.sslCname') checkSoon();
    });
    return () => subscription.unsubscribe();
  }, [checkSoon, form]);

  const reset = useCallback(() => {
    clearTimeout(timer.current);
    latest.invalidate();
    setState({ status: 'idle' });
  }, [latest]);

  return { pemCheck: state, checkPem: check, resetPemCheck: reset };
}
