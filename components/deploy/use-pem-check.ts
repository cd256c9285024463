'use client';

import { useCallback, useState } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { CheckPemResult, FieldError } from '@/app/deploy/action-types';
import { checkPemAction } from '@/app/deploy/actions';
import type { DeployForm } from '@/lib/domain/deploy-schema';
import type { CertificateSummary } from '@/lib/domain/pem-checks';

/** What the router step shows under the PEM inputs. */
export type PemCheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'checked'; ok: boolean; warnings: FieldError[]; certificate?: CertificateSummary; formErrors: string[] }
  | { status: 'failed'; message: string };

const FORM_PATHS = new Set(['tls.certPem', 'tls.keyPem', 'tls.sslCname']);

/**
 * The server-side PEM pair checks (`checkPemAction`): parse, encryption, key match, expiry, CNAME
 * coverage. Errors go onto the fields with `setError`, so they read like any other validation.
 * Returns whether the pair passed, so Next can wait for it.
 */
export function usePemCheck(form: UseFormReturn<DeployForm>) {
  const t = useTranslations('deploy.tls');
  const [state, setState] = useState<PemCheckState>({ status: 'idle' });

  const check = useCallback(async (): Promise<boolean> => {
    const tls = form.getValues('tls');
    if (tls.mode !== 'pem') return true;
    setState({ status: 'checking' });
    let result: CheckPemResult;
    try {
      result = await checkPemAction({ certPem: tls.certPem, keyPem: tls.keyPem, sslCname: tls.sslCname });
    } catch {
      setState({ status: 'failed', message: t('checkFailed') });
      return false;
    }
    if (result.status !== 'checked' && result.status !== 'invalid') {
      setState({ status: 'failed', message: result.message });
      return false;
    }
    const errors = result.errors;
    const formErrors: string[] = [];
    for (const error of errors) {
      if (FORM_PATHS.has(error.path)) form.setError(error.path as FieldPath<DeployForm>, { type: 'server', message: error.message });
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
  }, [form, t]);

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { pemCheck: state, checkPem: check, resetPemCheck: reset };
}
