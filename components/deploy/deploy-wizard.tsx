'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import dynamic from 'next/dynamic';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldErrors, type FieldPath, type UseFormReturn } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import { useDomainText } from '@/components/intl-provider';
import type { DomainText } from '@/lib/i18n/domain-text';
import { DEFAULT_DEPLOY_FORM, deployFormSchemaFor, type DeployForm } from '@/lib/domain/deploy-schema';

import { DeployWizardView } from './deploy-wizard-view';
import type { DeployCluster, UpdateTarget } from './deploy-types';
import { useDeployWizard } from './use-deploy-wizard';

// Most visits never import: the dialog and the import parser load on first open.
const ImportDialog = dynamic(() => import('./import-dialog').then((module) => module.ImportDialog), { ssr: false });

/** Props of {@link DeployWizard}. */
export interface DeployWizardProps {
  /** Every cluster the user can see, across subscriptions. */
  clusters: readonly DeployCluster[];
  /** Preselected by `/deploy?clusterId=`; only ids present in `clusters`. */
  initialClusterId?: string;
  /** Set for the update wizard (`/update?id=`): the installed extension it starts from. */
  update?: UpdateTarget;
}

/** The answers an update opens on; a renewal opens on an empty upload for the same host name. */
function updateStartOf(update: UpdateTarget): DeployForm {
  const form = update.initialForm;
  if (!update.renew || form.tls.mode === 'insecure') return form;
  return { ...form, tls: { mode: 'pem', certPem: '', keyPem: '', sslCname: form.tls.sslCname } };
}

/**
 * The deploy wizard's connector: owns the form (react-hook-form over the one zod schema, built in
 * the reader's language and validated on change) and hands it to the state hook and the pure view.
 */
export function DeployWizard({ clusters, initialClusterId, update }: DeployWizardProps) {
  const t = useTranslations('deploy.wizard');
  const text = useDomainText();
  const purpose = update ? 'update' : 'install';
  // Rebuilt only when the language changes (the switcher re-renders without a reload).
  const resolver = useMemo(() => zodResolver(deployFormSchemaFor(text, purpose)), [text, purpose]);
  const form = useForm<DeployForm>({
    resolver,
    // onTouched swallowed a click when an error vanished under the pointer (STACK.md).
    mode: 'onChange',
    defaultValues: update ? updateStartOf(update) : { ...DEFAULT_DEPLOY_FORM, clusterId: initialClusterId ?? '' },
  });
  useRevalidateOnLanguageChange(form, text);
  const wizard = useDeployWizard({ form, clusters, initialClusterId, update });
  const [importOpen, setImportOpen] = useState(false);

  const applyImport = (values: Partial<DeployForm>) => {
    form.reset({ ...form.getValues(), ...values });
    setImportOpen(false);
    wizard.goTo('cluster');
  };

  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => event.preventDefault()} noValidate aria-label={t('formLabel')}>
        <DeployWizardView wizard={wizard} clusters={clusters} onOpenImport={update ? undefined : () => setImportOpen(true)} />
      </form>
      {importOpen ? <ImportDialog open clusters={clusters} onApply={applyImport} onClose={() => setImportOpen(false)} /> : null}
    </FormProvider>
  );
}

/**
 * Errors the schema cannot say again: the server's (`type: 'server'`: PEM checks, plan errors) and
 * the PEM input's own size check (tls-fields.tsx). They keep the language they were said in.
 */
const NOT_FROM_SCHEMA = new Set(['server', 'size']);

/** Field paths of the messages the schema set. `nodeSelector.root` is `nodeSelector`. */
function schemaErrorPaths(errors: FieldErrors, prefix = ''): string[] {
  return Object.entries(errors).flatMap(([key, value]) => {
    if (!value || typeof value !== 'object') return [];
    const path = key === 'root' ? prefix.slice(0, -1) : `${prefix}${key}`;
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string') return NOT_FROM_SCHEMA.has(type) ? [] : [path];
    return schemaErrorPaths(value as FieldErrors, `${path}.`);
  });
}

/** After a change of language, the messages already on screen are validated again so they are said in it. */
function useRevalidateOnLanguageChange(form: UseFormReturn<DeployForm>, text: DomainText) {
  const shown = useRef(text);
  useEffect(() => {
    if (shown.current === text) return;
    shown.current = text;
    const paths = schemaErrorPaths(form.formState.errors);
    if (paths.length > 0) void form.trigger(paths as FieldPath<DeployForm>[]);
  }, [form, text]);
}
