'use client';

import { Caption1, Field, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { Controller, useFormContext } from 'react-hook-form';

import type { DeployForm } from '@/lib/domain/deploy-schema';

const WORKLOADS: ReadonlyArray<{ value: DeployForm['workload']; label: string; explanation: string }> = [
  {
    value: 'training',
    label: 'Training',
    explanation: 'Run Azure Machine Learning training jobs on this cluster. Nothing is exposed to callers: no inference router is installed.',
  },
  {
    value: 'inference',
    label: 'Inference',
    explanation: 'Serve models as online and batch endpoints. Installs the inference router (azureml-fe), which you expose and secure in the next step.',
  },
  {
    value: 'both',
    label: 'Training and inference',
    explanation: 'Both of the above on one cluster: train models here and serve them from here.',
  },
];

const useStyles = makeStyles({
  choice: { display: 'flex', flexDirection: 'column', marginBlockEnd: tokens.spacingVerticalS },
  explanation: { paddingInlineStart: '36px', maxWidth: '70ch' },
});

/** Step 2: what the cluster will run, in plain words. Training-only skips the router step. */
export function StepWorkload() {
  const styles = useStyles();
  const { control } = useFormContext<DeployForm>();
  return (
    <Controller
      control={control}
      name="workload"
      render={({ field, fieldState }) => (
        <Field label="What will this cluster run?" required validationMessage={fieldState.error?.message}>
          <RadioGroup value={field.value} onChange={(_, data) => field.onChange(data.value as DeployForm['workload'])}>
            {WORKLOADS.map((workload) => (
              <div key={workload.value} className={styles.choice}>
                <Radio value={workload.value} label={workload.label} aria-describedby={`workload-${workload.value}`} />
                <Caption1 id={`workload-${workload.value}`} className={styles.explanation}>
                  {workload.explanation}
                </Caption1>
              </div>
            ))}
          </RadioGroup>
        </Field>
      )}
    />
  );
}
