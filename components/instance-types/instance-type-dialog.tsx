'use client';

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';

import { saveInstanceTypeAction } from '@/app/instance-types/actions';
import { CopyBlock } from '@/components/deploy/copy-block';
import { useDomainText } from '@/components/intl-provider';
import { instanceTypeManifestYaml, nodeSelectorConflicts, type InstanceTypeRow } from '@/lib/domain/instance-types';
import {
  checkInstanceTypeFields,
  fieldOfPath,
  fieldsOfRow,
  newInstanceTypeFields,
  parseNodeSelectorLines,
  type InstanceTypeField,
  type InstanceTypeFields,
} from '@/lib/ui/instance-type-form';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: tokens.spacingHorizontalM },
});

/** New (a GPU one asks for a GPU) or editing an existing row (its name fixed). */
export type InstanceTypeDialogMode = { kind: 'new'; gpu: boolean } | { kind: 'edit'; row: InstanceTypeRow };

/** Props of {@link InstanceTypeDialog}. */
export interface InstanceTypeDialogProps {
  open: boolean;
  clusterId: string;
  mode: InstanceTypeDialogMode;
  extensionSettings: Record<string, string>;
  onClose(): void;
  onSaved(row: InstanceTypeRow): void;
}

const QUANTITY_FIELDS = [
  ['cpuRequest', 'cpuRequest'],
  ['memoryRequest', 'memoryRequest'],
  ['cpuLimit', 'cpuLimit'],
  ['memoryLimit', 'memoryLimit'],
] as const satisfies ReadonlyArray<readonly [InstanceTypeField, string]>;

/**
 * The instance-type form: name, node selector (`key=value` lines), CPU and memory requests and
 * limits, NVIDIA GPUs; checked as typed with the one schema (Kubernetes quantities, requests within
 * limits, whole GPUs) and shown as the YAML that will be applied. Server refusals land at their field.
 */
export function InstanceTypeDialog({ open, clusterId, mode, extensionSettings, onClose, onSaved }: InstanceTypeDialogProps) {
  const styles = useStyles();
  const t = useTranslations('compute.instanceTypes.form');
  const common = useTranslations('common');
  const text = useDomainText();
  const [fields, setFields] = useState<InstanceTypeFields>(() => (mode.kind === 'edit' ? fieldsOfRow(mode.row) : newInstanceTypeFields(mode.gpu)));
  const [touched, setTouched] = useState<Partial<Record<InstanceTypeField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<InstanceTypeField, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const check = useMemo(() => checkInstanceTypeFields(fields, text), [fields, text]);
  const conflicts = useMemo(() => {
    const selector = parseNodeSelectorLines(fields.nodeSelector);
    return selector.ok ? nodeSelectorConflicts(selector.selector, extensionSettings, text) : [];
  }, [fields.nodeSelector, extensionSettings, text]);
  const showGpu = mode.kind === 'new' ? mode.gpu : fields.gpuLimit !== '';

  const messageOf = (field: InstanceTypeField): string | undefined => {
    if (serverErrors[field]) return serverErrors[field];
    if (!(touched[field] || submitted) || check.ok) return undefined;
    return check.errors[field];
  };
  const set = (field: InstanceTypeField) => (value: string) => {
    setFields((now) => ({ ...now, [field]: value }));
    setTouched((now) => ({ ...now, [field]: true }));
    setServerErrors((now) => ({ ...now, [field]: undefined }));
  };

  const save = async () => {
    setSubmitted(true);
    setProblem(null);
    if (!check.ok) return;
    setBusy(true);
    try {
      const result = await saveInstanceTypeAction(clusterId, check.input);
      if (result.status === 'saved') return onSaved(result.instanceType);
      if (result.status === 'invalid') {
        const placed: Partial<Record<InstanceTypeField, string>> = {};
        for (const error of result.errors) placed[fieldOfPath(error.path)] ??= error.message;
        setServerErrors(placed);
        return;
      }
      setProblem(result.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{mode.kind === 'edit' ? t('titleEdit', { name: mode.row.name }) : t('titleNew')}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field label={t('name')} required validationMessage={messageOf('name')}>
                <Input value={fields.name} onChange={(_, data) => set('name')(data.value)} readOnly={mode.kind === 'edit'} spellCheck={false} />
              </Field>
              <Field
                label={t('nodeSelector')}
                hint={t('nodeSelectorHint')}
                validationMessage={messageOf('nodeSelector') ?? conflicts[0]?.message}
                validationState={messageOf('nodeSelector') ? 'error' : conflicts.length > 0 ? 'warning' : undefined}
              >
                <Textarea value={fields.nodeSelector} onChange={(_, data) => set('nodeSelector')(data.value)} resize="vertical" spellCheck={false} />
              </Field>
              <div className={styles.grid}>
                {QUANTITY_FIELDS.map(([field, label]) => (
                  <Field key={field} label={t(label)} required validationMessage={messageOf(field)}>
                    <Input value={fields[field]} onChange={(_, data) => set(field)(data.value)} spellCheck={false} />
                  </Field>
                ))}
                {showGpu ? (
                  <Field label={t('gpuLimit')} hint={t('gpuHint')} validationMessage={messageOf('gpuLimit')}>
                    <Input value={fields.gpuLimit} onChange={(_, data) => set('gpuLimit')(data.value)} inputMode="numeric" />
                  </Field>
                ) : null}
              </div>
              {check.ok ? <CopyBlock title={t('yaml')} text={instanceTypeManifestYaml(check.manifest)} /> : null}
              {problem ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{t('saveFailed')}</MessageBarTitle>
                    {problem}
                  </MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>{common('cancel')}</Button>
              <Button appearance="primary" type="submit" disabled={busy}>
                {busy ? t('saving') : t('save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
