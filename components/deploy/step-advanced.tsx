'use client';

import { Button, Caption1, Field, Input, makeStyles, Radio, RadioGroup, Switch, Text, tokens } from '@fluentui/react-components';
import { Controller, useFieldArray, useFormContext, useWatch, type FieldPath } from 'react-hook-form';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

import type { DeployForm } from '@/lib/domain/deploy-schema';
import { INSTALL_FLAGS as FLAG_KEYS, RELEASE_TRAINS, settingEntry } from '@/lib/domain/settings-catalog';

import type { UpdateTarget } from './deploy-types';

/** The optional components, from the catalog; each one's label is `deploy.advanced.<name>`, its hint `<name>Hint`. */
const INSTALL_FLAGS = FLAG_KEYS.map((name) => ({ name, trainingOnly: settingEntry(name)?.workloads.includes('inference') === false }));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '80ch' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  inline: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap', alignItems: 'start' },
  computed: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  computedKey: { fontFamily: tokens.fontFamilyMonospace },
  computedValue: { margin: 0, fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** The release trains offered, with the extension's own when it is another one (`Preview` matches `preview`). */
export function releaseTrainChoices(current: string): string[] {
  const known = RELEASE_TRAINS.find((train) => train === current.trim().toLowerCase());
  return RELEASE_TRAINS.map((train) => (train === known ? current : train)).concat(known || current.trim() === '' ? [] : [current]);
}

/** Props of {@link StepAdvanced}. */
export interface StepAdvancedProps {
  /** Set in the update wizard: the name is fixed and the CLI's computed settings are shown. */
  update?: UpdateTarget;
}

/** Step 4: where components run (node selectors), which optional components to install, and the version. */
export function StepAdvanced({ update }: StepAdvancedProps = {}) {
  const styles = useStyles();
  const t = useTranslations('deploy.advanced');
  const { control, register, formState, getValues, setValue } = useFormContext<DeployForm>();
  const version = useWatch({ control, name: 'version' });
  const releaseTrain = useWatch({ control, name: 'releaseTrain' });
  // Computed once: the choices do not move while the user picks.
  const [trains] = useState(() => releaseTrainChoices(getValues('releaseTrain')));
  const { fields, append, remove } = useFieldArray({ control, name: 'nodeSelector' });
  const workload = useWatch({ control, name: 'workload' });
  const selectorError = formState.errors.nodeSelector?.message ?? formState.errors.nodeSelector?.root?.message;

  return (
    <div className={styles.root}>
      <section aria-label={t('nodeSelector')} className={styles.rows}>
        <Text weight="semibold">{t('nodeSelector')}</Text>
        <Caption1>{t('nodeSelectorDescription')}</Caption1>
        {update ? <Caption1>{t('nodeSelectorUpdateNote')}</Caption1> : null}
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
              <Field label={t('extensionName')} required hint={update ? t('extensionNameFixed') : undefined} validationMessage={fieldState.error?.message}>
                <Input value={field.value} readOnly={Boolean(update)} onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="releaseTrain"
            render={({ field, fieldState }) => (
              <Field label={t('releaseTrain')} hint={t('releaseTrainHint')} validationMessage={fieldState.error?.message}>
                <RadioGroup layout="horizontal" value={trains.find((train) => train.toLowerCase() === (releaseTrain ?? '').toLowerCase()) ?? field.value} onChange={(_, data) => field.onChange(data.value)}>
                  {trains.map((train) => (
                    <Radio key={train} value={train} label={train} />
                  ))}
                </RadioGroup>
              </Field>
            )}
          />
          <Controller
            control={control}
            name="version"
            render={({ field, fieldState }) => (
              <Field label={t('pinVersion')} hint={t('pinVersionHint')} validationMessage={fieldState.error?.message}>
                <Input
                  value={field.value}
                  placeholder="1.1.64"
                  onChange={(_, data) => {
                    field.onChange(data.value);
                    // A pinned version cannot upgrade itself (DOMAIN.md section 3, rule 4): pinning turns it off, and says so.
                    if (data.value.trim() !== '' && getValues('autoUpgradeMinorVersion')) setValue('autoUpgradeMinorVersion', false, { shouldValidate: true, shouldDirty: true });
                  }}
                  onBlur={field.onBlur}
                />
              </Field>
            )}
          />
        </div>
        <Controller
          control={control}
          name="autoUpgradeMinorVersion"
          render={({ field, fieldState }) => (
            <Field validationMessage={fieldState.error?.message} hint={(version ?? '').trim() !== '' ? t('autoUpgradePinnedNote', { version: version.trim() }) : t('autoUpgradeHint')}>
              <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label={t('autoUpgrade')} />
            </Field>
          )}
        />
      </section>

      {update && update.computed.length > 0 ? (
        <section aria-label={t('computedTitle')} className={styles.rows}>
          <Text weight="semibold">{t('computedTitle')}</Text>
          <Caption1>{t('computedDescription')}</Caption1>
          <dl className={styles.computed}>
            {update.computed.map(({ key, value, why }) => (
              <div key={key} style={{ display: 'contents' }}>
                <dt className={styles.computedKey}>{key}</dt>
                <dd className={styles.computedValue}>
                  {value}
                  {why ? <Caption1 block>{why}</Caption1> : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </div>
  );
}

/** `register` for a Fluent Input, whose onChange is `(event, data)`: the event is what RHF reads. */
function registerInput(register: ReturnType<typeof useFormContext<DeployForm>>['register'], name: FieldPath<DeployForm>) {
  const { onChange, onBlur, ref, name: fieldName } = register(name);
  return { onChange, onBlur, ref, name: fieldName };
}
