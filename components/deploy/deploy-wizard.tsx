'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';

import { DEFAULT_DEPLOY_FORM, deployFormSchema, type DeployForm } from '@/lib/domain/deploy-schema';

import { DeployWizardView } from './deploy-wizard-view';
import type { DeployCluster } from './deploy-types';
import { useDeployWizard } from './use-deploy-wizard';

// Most visits never import: the dialog and the import parser load on first open.
const ImportDialog = dynamic(() => import('./import-dialog').then((module) => module.ImportDialog), { ssr: false });

/** Props of {@link DeployWizard}. */
export interface DeployWizardProps {
  /** Every cluster the user can see, across subscriptions. */
  clusters: readonly DeployCluster[];
  /** Preselected by `/deploy?clusterId=`; only ids present in `clusters`. */
  initialClusterId?: string;
}

/**
 * The deploy wizard's connector: owns the form (react-hook-form over the one zod schema,
 * validated on change) and hands it to the state hook and the pure view.
 */
export function DeployWizard({ clusters, initialClusterId }: DeployWizardProps) {
  const form = useForm<DeployForm>({
    resolver: zodResolver(deployFormSchema),
    // onTouched swallowed a click when an error vanished under the pointer (STACK.md).
    mode: 'onChange',
    defaultValues: { ...DEFAULT_DEPLOY_FORM, clusterId: initialClusterId ?? '' },
  });
  const wizard = useDeployWizard({ form, clusters, initialClusterId });
  const [importOpen, setImportOpen] = useState(false);

  const applyImport = (values: Partial<DeployForm>) => {
    form.reset({ ...form.getValues(), ...values });
    setImportOpen(false);
    wizard.goTo('cluster');
  };

  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => event.preventDefault()} noValidate aria-label="Deploy the Azure Machine Learning extension">
        <DeployWizardView wizard={wizard} clusters={clusters} onOpenImport={() => setImportOpen(true)} />
      </form>
      {importOpen ? <ImportDialog open clusters={clusters} onApply={applyImport} onClose={() => setImportOpen(false)} /> : null}
    </FormProvider>
  );
}
