'use client';

import { Caption1, Field, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { DeployForm } from '@/lib/domain/deploy-schema';

/** The choices in order; each one's label is `deploy.workload.<value>`, its explanation `<value>Explanation`. */
const WORKLOADS: ReadonlyArray<DeployForm['workload']> = ['training', 'inference', 'both'];

const useStyles = makeStyles({
  choice: { display: 'flex', flexDirection: 'column', marginBlockEnd: tokens.spacingVerticalS },
  explanation: { paddingInlineStart: '36px', maxWidth: '70ch' },
});

/** Step 2: what the cluster will run, in plain words. Training-only skips the router step. */
export function StepWorkload() {
  const styles = useStyles();
  const t = useTranslations('deploy.workload');
  const { control } = useFormContext<DeployForm>();
  return (
    <Controller
      control={control}
      name="workload"
      render={({ field, fieldState }) => (
        <Field label={t('label')} required validationMessage={fieldState.error?.message}>
          <RadioGroup value={field.value} onChange={(_, data) => field.onChange(data.value as DeployForm['workload'])}>
            {WORKLOADS.map((workload) => (
              <div key={workload} className={styles.choice}>
                <Radio value={workload} label={t(workload)} aria-describedby={`workload-${workload}`} />
                <Caption1 id={`workload-${workload}`} className={styles.explanation}>
                  {t(`${workload}Explanation`)}
                </Caption1>
              </div>
            ))}
          </RadioGroup>
        </Field>
      )}
    />
  );
}
