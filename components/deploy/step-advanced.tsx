'use client';

import { Button, Caption1, Field, Input, makeStyles, Switch, Text, tokens } from '@fluentui/react-components';
import { Controller, useFieldArray, useFormContext, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { DeployForm } from '@/lib/domain/deploy-schema';

type InstallFlag = 'installNvidiaDevicePlugin' | 'installPromOp' | 'installVolcano' | 'installDcgmExporter';

/** The optional components; each one's label is `deploy.advanced.<name>`, its hint `<name>Hint`. */
const INSTALL_FLAGS: ReadonlyArray<{ name: InstallFlag; trainingOnly?: boolean }> = [
  { name: 'installNvidiaDevicePlugin' },
  { name: 'installPromOp' },
  { name: 'installVolcano', trainingOnly: true },
  { name: 'installDcgmExporter' },
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
  const t = useTranslations('deploy.advanced');
  const { control, register, formState } = useFormContext<DeployForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'nodeSelector' });
  const workload = useWatch({ control, name: 'workload' });
  const selectorError = formState.errors.nodeSelector?.message ?? formState.errors.nodeSelector?.root?.message;

  return (
    <div className={styles.root}>
      <section aria-label={t('nodeSelector')} className={styles.rows}>
        <Text weight="semibold">{t('nodeSelector')}</Text>
        <Caption1>{t('nodeSelectorDescription')}</Caption1>
        {fields.map((row, index) => (
          <div key={row.id} className={styles.row}>
            <Field label={t('labelKey', { index: index + 1 })}>
              <Input {...registerInput(register, `nodeSelector.${index}.key`)} placeholder="accelerator" />
            </Field>
            <Field label={t('labelValue', { index: index + 1 })}>
              <Input {...registerInput(register, `nodeSelector.${index}.value`)} placeholder="nvidia" />
            </Field>
            <Button onClick={() => remove(index)} aria-label={t('removeSelector', { index: index + 1 })}>
              {t('remove')}
            </Button>
          </div>
        ))}
        {selectorError ? (
          <Field validationMessage={selectorError}>
            <span />
          </Field>
        ) : null}
        <div>
          <Button onClick={() => append({ key: '', value: '' })}>{t('addSelector')}</Button>
        </div>
      </section>

      <section aria-label={t('components')} className={styles.rows}>
        <Text weight="semibold">{t('components')}</Text>
        {INSTALL_FLAGS.filter((flag) => !flag.trainingOnly || workload !== 'inference').map((flag) => (
          <Controller
            key={flag.name}
            control={control}
            name={flag.name}
            render={({ field, fieldState }) => (
              <Field hint={t(`${flag.name}Hint`)} validationMessage={fieldState.error?.message}>
                <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label={t(flag.name)} />
              </Field>
            )}
          />
        ))}
      </section>

      <section aria-label={t('version')} className={styles.rows}>
        <Text weight="semibold">{t('version')}</Text>
        <div className={styles.inline}>
          <Controller
            control={control}
            name="extensionName"
            render={({ field, fieldState }) => (
              <Field label={t('extensionName')} required validationMessage={fieldState.error?.message}>
                <Input value={field.value} onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="releaseTrain"
            render={({ field, fieldState }) => (
              <Field label={t('releaseTrain')} hint={t('releaseTrainHint')} validationMessage={fieldState.error?.message}>
                <Input value={field.value} onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="version"
            render={({ field, fieldState }) => (
              <Field label={t('pinVersion')} hint={t('pinVersionHint')} validationMessage={fieldState.error?.message}>
                <Input value={field.value} placeholder="1.1.64" onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
              </Field>
            )}
          />
        </div>
        <Controller
          control={control}
          name="autoUpgradeMinorVersion"
          render={({ field, fieldState }) => (
            <Field validationMessage={fieldState.error?.message} hint={t('autoUpgradeHint')}>
              <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label={t('autoUpgrade')} />
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
