'use client';

import { Caption1, Field, Input, makeStyles, Radio, RadioGroup, Spinner, Text, tokens, type FieldProps } from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import { CodeText } from '@/components/code-text';
import { useDomainText } from '@/components/intl-provider';
import type { DeployForm, TlsSettings } from '@/lib/domain/deploy-schema';
import { PEM_MAX_BYTES } from '@/lib/domain/settings-catalog';
import { fileFieldState, type FileFieldState } from '@/lib/ui/file-field-state';

import { FilePicker } from './file-picker';
import type { PemCheckState } from './use-pem-check';

/** The choices in order; each one's label is `deploy.tls.<mode>`, its explanation `<mode>Explanation`. */
const TLS_CHOICES: ReadonlyArray<Exclude<TlsSettings['mode'], 'current'>> = ['insecure', 'secret', 'pem'];

/**
 * Largest PEM file the inputs read: a full chain or a key is a few KiB. The settings catalog's limit, as the server's
 * `MAX_PEM_CHARS` (app/deploy/actions.ts), checked here first so a wrong file (an archive, a
 * keystore) is refused before the browser reads it into memory or posts it.
 */
const MAX_PEM_FILE_BYTES = PEM_MAX_BYTES;

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '70ch' },
  choice: { display: 'flex', flexDirection: 'column', marginBlockEnd: tokens.spacingVerticalXS },
  explanation: { paddingInlineStart: '36px' },
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** Props of {@link TlsFields}. */
export interface TlsFieldsProps {
  pemCheck: PemCheckState;
  /** Runs the server-side PEM checks; called once both files are loaded (the host name re-checks itself, see `usePemCheck`). */
  onCheckPem: () => Promise<boolean>;
  /** Forgets the last PEM check (a new file makes it stale). */
  onPemChanged: () => void;
  /** An update of an extension serving HTTPS from a PEM pair: "keep the certificate on file" is the first choice. */
  keepCurrent?: boolean;
  /** A certificate renewal: the upload only, no other choice. */
  renewal?: boolean;
}

type PemField = 'tls.certPem' | 'tls.keyPem';

/** What the file inputs know that the form does not: the file being read, the name of the one read. */
type PemFiles = Partial<Record<PemField, { reading?: string; name?: string }>>;

/** How the inference router serves its endpoints: HTTP, HTTPS from a secret, or HTTPS from uploaded PEMs. */
export function TlsFields({ pemCheck, onCheckPem, onPemChanged, keepCurrent = false, renewal = false }: TlsFieldsProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.tls');
  const domainText = useDomainText();
  const [files, setFiles] = useState<PemFiles>({});
  const { control, getValues, setError, setValue, trigger } = useFormContext<DeployForm>();
  const tls = useWatch({ control, name: 'tls' });
  // What was typed under another choice comes back when the user switches back to it.
  const remembered = useRef<{ sslSecret: string; sslCname: string }>({ sslSecret: '', sslCname: '' });

  // The host name of the pair on file: it goes with that pair, so keeping the pair keeps it.
  const onFile = useRef(tls.mode === 'current' ? tls.sslCname : '');
  const choices: ReadonlyArray<TlsSettings['mode']> = keepCurrent ? ['current', ...TLS_CHOICES] : TLS_CHOICES;

  const choose = (mode: TlsSettings['mode']) => {
    const current = getValues('tls');
    if (current.mode === 'secret') remembered.current.sslSecret = current.sslSecret;
    if (current.mode !== 'insecure') remembered.current.sslCname = current.sslCname;
    const { sslSecret, sslCname } = remembered.current;
    const next: TlsSettings =
      mode === 'insecure'
        ? { mode }
        : mode === 'current'
          ? { mode, sslCname: onFile.current }
          : mode === 'secret'
            ? { mode, sslSecret, sslCname }
            : { mode, certPem: '', keyPem: '', sslCname };
    setValue('tls', next, { shouldDirty: true });
    onPemChanged();
  };

  const readPem = async (event: ChangeEvent<HTMLInputElement>, name: PemField) => {
    const file = event.target.files?.[0];
    setFiles((known) => ({ ...known, [name]: file ? { reading: file.name } : {} }));
    if (file && file.size > MAX_PEM_FILE_BYTES) {
      setFiles((known) => ({ ...known, [name]: {} }));
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
    // Reading ends once the form has judged the text, so the field goes from reading to its verdict.
    setFiles((known) => ({ ...known, [name]: file ? { name: file.name } : {} }));
    const current = getValues('tls');
    if (valid && current.mode === 'pem' && current.certPem && current.keyPem) await onCheckPem();
  };

  /** The one state of a PEM file field, as Field props: a validation message or a hint, never both. */
  const fileFieldProps = (state: FileFieldState, loaded: (file: string | undefined) => string): { validationMessage?: FieldProps['validationMessage']; hint?: string } => {
    switch (state.kind) {
      case 'empty':
        return {};
      case 'reading':
        return { hint: t('readingFile', { file: state.fileName }) };
      case 'invalid':
        // A fix may name a command (`openssl rsa ...`): shown as code, never as backticks.
        return { validationMessage: <CodeText text={state.message} /> };
      case 'loaded': {
        const { certificate } = state;
        // ISO date, as the PEM checks' own messages write it (lib/domain/pem-checks.ts).
        const summary = certificate
          ? t('certificateFor', { names: certificate.sans.join(', ') || certificate.subject.replace(/\n/g, ', '), date: certificate.notAfter.slice(0, 10) })
          : undefined;
        return { hint: summary ? `${loaded(state.fileName)} ${summary}` : loaded(state.fileName) };
      }
      default: {
        const unreachable: never = state;
        return unreachable;
      }
    }
  };
  /** The file the picker names: the one being read, else the one read. */
  const chosenFile = (name: PemField): string | undefined => files[name]?.reading ?? files[name]?.name;
  const fileState = (name: PemField, text: string, error: string | undefined) =>
    fileFieldState(
      {
        pem: name === 'tls.certPem' ? 'certificate' : 'key',
        text,
        reading: files[name]?.reading,
        fileName: files[name]?.name,
        error,
        certificate: pemCheck.certificate,
      },
      domainText,
    );

  return (
    <div className={styles.group}>
      {renewal ? <Text>{t('renewalIntro')}</Text> : null}
      {renewal ? null : (
        <Controller
          control={control}
          name="tls.mode"
          render={({ field, fieldState }) => (
            <Field label={t('label')} required validationMessage={fieldState.error?.message}>
              <RadioGroup value={field.value} onChange={(_, data) => choose(data.value as TlsSettings['mode'])}>
                {choices.map((mode) => (
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
      )}
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
            render={({ field, fieldState }) => (
              <Field
                label={t('certificate')}
                required
                {...fileFieldProps(fileState('tls.certPem', field.value ?? '', fieldState.error?.message), (file) =>
                  file ? t('certificateFileLoaded', { file }) : t('certificateLoaded'),
                )}
              >
                {(fieldProps) => (
                  <FilePicker
                    inputProps={fieldProps}
                    accept=".pem,.crt,.cer,application/x-pem-file"
                    fileName={chosenFile('tls.certPem')}
                    onChange={(event) => void readPem(event, 'tls.certPem')}
                  />
                )}
              </Field>
            )}
          />
          <Controller
            control={control}
            name="tls.keyPem"
            render={({ field, fieldState }) => (
              <Field
                label={t('privateKey')}
                required
                {...fileFieldProps(fileState('tls.keyPem', field.value ?? '', fieldState.error?.message), (file) =>
                  file ? t('privateKeyFileLoaded', { file }) : t('privateKeyLoaded'),
                )}
              >
                {(fieldProps) => (
                  <FilePicker
                    inputProps={fieldProps}
                    accept=".pem,.key,application/x-pem-file"
                    fileName={chosenFile('tls.keyPem')}
                    onChange={(event) => void readPem(event, 'tls.keyPem')}
                  />
                )}
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
            <Field
              label={t('sslCname')}
              hint={tls.mode === 'current' ? t('sslCnameOnFileHint') : t('sslCnameHint')}
              required
              validationMessage={fieldState.error?.message}
            >
              <Input
                readOnly={tls.mode === 'current'}
                value={field.value ?? ''}
                placeholder="ml.contoso.com"
                onChange={(_, data) => field.onChange(data.value)}
                onBlur={field.onBlur}
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
          {/* The certificate's names and date are at its file field, with the file's name. */}
          {[...state.formErrors, ...state.warnings.map((warning) => warning.message)].map((message) => (
            <Caption1 key={message}>
              <CodeText text={message} />
            </Caption1>
          ))}
        </div>
      );
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
