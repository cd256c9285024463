'use client';

import { Button, Caption1, Field, Input, makeStyles, Switch, Text, tokens } from '@fluentui/react-components';
import { Controller, useFieldArray, useFormContext, useWatch, type FieldPath } from 'react-hook-form';

import type { DeployForm } from '@/lib/domain/deploy-schema';

type InstallFlag = 'installNvidiaDevicePlugin' | 'installPromOp' | 'installVolcano' | 'installDcgmExporter';

const INSTALL_FLAGS: ReadonlyArray<{ name: InstallFlag; label: string; hint: string; trainingOnly?: boolean }> = [
  { name: 'installNvidiaDevicePlugin', label: 'Install the NVIDIA device plugin', hint: 'For GPU nodes that do not have it yet. Off by default.' },
  { name: 'installPromOp', label: 'Install the Prometheus operator', hint: 'Turn off to reuse an existing operator (it must watch the azureml namespace; E45002 otherwise).' },
  { name: 'installVolcano', label: 'Install the Volcano scheduler', hint: 'Training only. Turn off to reuse an existing Volcano.', trainingOnly: true },
  { name: 'installDcgmExporter', label: 'Install the DCGM exporter', hint: 'GPU metrics. Off by default.' },
];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '80ch' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  inline: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap', alignItems: 'start' },
});

/** Step 4: where components run (node selectors), which optional components to install, and the version. */
export function StepAdvanced() {
  const styles = useStyles();
  const { control, register, formState } = useFormContext<DeployForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'nodeSelector' });
  const workload = useWatch({ control, name: 'workload' });
  const selectorError = formState.errors.nodeSelector?.message ?? formState.errors.nodeSelector?.root?.message;

  return (
    <div className={styles.root}>
      <section aria-label="Node selector" className={styles.rows}>
        <Text weight="semibold">Node selector</Text>
        <Caption1>Run the extension&apos;s components and your workloads only on nodes with these labels. Without any, DaemonSets run on every node.</Caption1>
        {fields.map((row, index) => (
          <div key={row.id} className={styles.row}>
            <Field label={`Label key ${index + 1}`}>
              <Input {...registerInput(register, `nodeSelector.${index}.key`)} placeholder="accelerator" />
            </Field>
            <Field label={`Label value ${index + 1}`}>
              <Input {...registerInput(register, `nodeSelector.${index}.value`)} placeholder="nvidia" />
            </Field>
            <Button onClick={() => remove(index)} aria-label={`Remove node selector ${index + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        {selectorError ? (
          <Field validationMessage={selectorError}>
            <span />
          </Field>
        ) : null}
        <div>
          <Button onClick={() => append({ key: '', value: '' })}>Add node selector</Button>
        </div>
      </section>

      <section aria-label="Components" className={styles.rows}>
        <Text weight="semibold">Components</Text>
        {INSTALL_FLAGS.filter((flag) => !flag.trainingOnly || workload !== 'inference').map((flag) => (
          <Controller
            key={flag.name}
            control={control}
            name={flag.name}
            render={({ field, fieldState }) => (
              <Field hint={flag.hint} validationMessage={fieldState.error?.message}>
                <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label={flag.label} />
              </Field>
            )}
          />
        ))}
      </section>

      <section aria-label="Version" className={styles.rows}>
        <Text weight="semibold">Version</Text>
        <div className={styles.inline}>
          <Controller
            control={control}
            name="extensionName"
            render={({ field, fieldState }) => (
              <Field label="Extension name" required validationMessage={fieldState.error?.message}>
                <Input value={field.value} onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="releaseTrain"
            render={({ field, fieldState }) => (
              <Field label="Release train" hint="stable, or preview for early releases." validationMessage={fieldState.error?.message}>
                <Input value={field.value} onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="version"
            render={({ field, fieldState }) => (
              <Field label="Pin a version" hint="Leave empty for the newest on the train." validationMessage={fieldState.error?.message}>
                <Input value={field.value} placeholder="1.1.64" onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
              </Field>
            )}
          />
        </div>
        <Controller
          control={control}
          name="autoUpgradeMinorVersion"
          render={({ field, fieldState }) => (
            <Field validationMessage={fieldState.error?.message} hint="A pinned version needs this off.">
              <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label="Upgrade minor versions automatically" />
            </Field>
          )}
        />
      </section>
    </div>
  );
}

/** `register` for a Fluent Input, whose onChange is `(event, data)`: the event is what RHF reads. */
function registerInput(register: ReturnType<typeof useFormContext<DeployForm>>['register'], name: FieldPath<DeployForm>) {
  const { onChange, onBlur, ref, name: fieldName } = register(name);
  return { onChange, onBlur, ref, name: fieldName };
}
