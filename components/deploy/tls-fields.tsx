'use client';

import { Caption1, Field, Input, makeStyles, Radio, RadioGroup, Spinner, Text, tokens } from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { DeployForm, TlsSettings } from '@/lib/domain/deploy-schema';

import type { PemCheckState } from './use-pem-check';

/** The choices in order; each one's label is `deploy.tls.<mode>`, its explanation `<mode>Explanation`. */
const TLS_CHOICES: ReadonlyArray<TlsSettings['mode']> = ['insecure', 'secret', 'pem'];

/**
 * Largest PEM file the inputs read: a full chain or a key is a few KiB. Same as the server's
 * `MAX_PEM_CHARS` (app/deploy/actions.ts), checked here first so a wrong file (an archive, a
 * keystore) is refused before the browser reads it into memory or posts it.
 */
const MAX_PEM_FILE_BYTES = 64 * 1024;

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '70ch' },
  choice: { display: 'flex', flexDirection: 'column', marginBlockEnd: tokens.spacingVerticalXS },
  explanation: { paddingInlineStart: '36px' },
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** Props of {@link TlsFields}. */
export interface TlsFieldsProps {
  pemCheck: PemCheckState;
  /** Runs the server-side PEM checks; called once both files are loaded and after the CNAME changes. */
  onCheckPem: () => Promise<boolean>;
  /** Forgets the last PEM check (a new file makes it stale). */
  onPemChanged: () => void;
}

/** How the inference router serves its endpoints: HTTP, HTTPS from a secret, or HTTPS from uploaded PEMs. */
export function TlsFields({ pemCheck, onCheckPem, onPemChanged }: TlsFieldsProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.tls');
  const { control, getValues, setError, setValue, trigger } = useFormContext<DeployForm>();
  const tls = useWatch({ control, name: 'tls' });
  // What was typed under another choice comes back when the user switches back to it.
  const remembered = useRef<{ sslSecret: string; sslCname: string }>({ sslSecret: '', sslCname: '' });

  const choose = (mode: TlsSettings['mode']) => {
    const current = getValues('tls');
    if (current.mode === 'secret') remembered.current.sslSecret = current.sslSecret;
    if (current.mode !== 'insecure') remembered.current.sslCname = current.sslCname;
    const { sslSecret, sslCname } = remembered.current;
    const next: TlsSettings =
      mode === 'insecure' ? { mode } : mode === 'secret' ? { mode, sslSecret, sslCname } : { mode, certPem: '', keyPem: '', sslCname };
    setValue('tls', next, { shouldDirty: true });
    onPemChanged();
  };

  const readPem = async (event: ChangeEvent<HTMLInputElement>, name: 'tls.certPem' | 'tls.keyPem') => {
    const file = event.target.files?.[0];
    if (file && file.size > MAX_PEM_FILE_BYTES) {
      event.target.value = '';
      setValue(name, '', { shouldDirty: true });
      onPemChanged();
      // The size only: the message never quotes the file.
      setError(name, { type: 'size', message: t('fileTooLarge', { size: Math.ceil(file.size / 1024), limit: MAX_PEM_FILE_BYTES / 1024 }) });
      return;
    }
    // Read in the browser: the text lives only in form memory and is never persisted.
    const text = file ? await file.text() : '';
    setValue(name, text, { shouldDirty: true });
    onPemChanged();
    const valid = await trigger(['tls.certPem', 'tls.keyPem']);
    const current = getValues('tls');
    if (valid && current.mode === 'pem' && current.certPem && current.keyPem) await onCheckPem();
  };

  const recheckAfterCname = async () => {
    const current = getValues('tls');
    if (current.mode === 'pem' && current.certPem && current.keyPem && (await trigger('tls'))) await onCheckPem();
  };

  return (
    <div className={styles.group}>
      <Controller
        control={control}
        name="tls.mode"
        render={({ field, fieldState }) => (
          <Field label={t('label')} required validationMessage={fieldState.error?.message}>
            <RadioGroup value={field.value} onChange={(_, data) => choose(data.value as TlsSettings['mode'])}>
              {TLS_CHOICES.map((mode) => (
                <div key={mode} className={styles.choice}>
                  <Radio value={mode} label={t(mode)} aria-describedby={`tls-${mode}`} />
                  <Caption1 id={`tls-${mode}`} className={styles.explanation}>
                    {t(`${mode}Explanation`)}
                  </Caption1>
                </div>
              ))}
            </RadioGroup>
          </Field>
        )}
      />
      {tls.mode === 'secret' ? (
        <Controller
          control={control}
          name="tls.sslSecret"
          render={({ field, fieldState }) => (
            <Field label={t('secretName')} hint={t('secretNameHint')} required validationMessage={fieldState.error?.message}>
              <Input value={field.value ?? ''} onChange={(_, data) => field.onChange(data.value)} onBlur={field.onBlur} />
            </Field>
          )}
        />
      ) : null}
      {tls.mode === 'pem' ? (
        <>
          <Controller
            control={control}
            name="tls.certPem"
            render={({ fieldState }) => (
              <Field label={t('certificate')} required validationMessage={fieldState.error?.message} hint={tls.certPem ? t('certificateLoaded') : undefined}>
                {(fieldProps) => <input {...fieldProps} type="file" accept=".pem,.crt,.cer,application/x-pem-file" onChange={(event) => void readPem(event, 'tls.certPem')} />}
              </Field>
            )}
          />
          <Controller
            control={control}
            name="tls.keyPem"
            render={({ fieldState }) => (
              <Field label={t('privateKey')} required validationMessage={fieldState.error?.message} hint={tls.keyPem ? t('privateKeyLoaded') : undefined}>
                {(fieldProps) => <input {...fieldProps} type="file" accept=".pem,.key,application/x-pem-file" onChange={(event) => void readPem(event, 'tls.keyPem')} />}
              </Field>
            )}
          />
        </>
      ) : null}
      {tls.mode !== 'insecure' ? (
        <Controller
          control={control}
          name="tls.sslCname"
          render={({ field, fieldState }) => (
            <Field label={t('sslCname')} hint={t('sslCnameHint')} required validationMessage={fieldState.error?.message}>
              <Input
                value={field.value ?? ''}
                placeholder="ml.contoso.com"
                onChange={(_, data) => field.onChange(data.value)}
                onBlur={() => {
                  field.onBlur();
                  void recheckAfterCname();
                }}
              />
            </Field>
          )}
        />
      ) : null}
      {tls.mode === 'pem' ? <PemCheckSummary state={pemCheck} /> : null}
    </div>
  );
}

function PemCheckSummary({ state }: { state: PemCheckState }) {
  const styles = useStyles();
  const t = useTranslations('deploy.tls');
  switch (state.status) {
    case 'idle':
      return null;
    case 'checking':
      return <Spinner size="tiny" label={t('checking')} />;
    case 'failed':
      return <Text role="alert">{state.message}</Text>;
    case 'checked':
      return (
        <div className={styles.summary} aria-label={t('checkLabel')} role="status">
          {state.ok ? <Text weight="semibold">{t('checkPassed')}</Text> : null}
          {state.certificate ? (
            <Caption1>
              {/* ISO date, as the PEM checks' own messages write it (lib/domain/pem-checks.ts). */}
              {t('certificateFor', {
                names: state.certificate.sans.join(', ') || state.certificate.subject.replace(/\n/g, ', '),
                date: state.certificate.notAfter.slice(0, 10),
              })}
            </Caption1>
          ) : null}
          {[...state.formErrors, ...state.warnings.map((warning) => warning.message)].map((message) => (
            <Caption1 key={message}>{message}</Caption1>
          ))}
        </div>
      );
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
