'use client';

import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import { attachAction, planAttachAction } from '@/app/attach/actions';
import type { PlanAttachResult } from '@/app/attach/action-types';
import type { ActionFailure } from '@/app/deploy/action-types';
import { failureMessage } from '@/app/resource/[...id]/action-types';
import { CopyBlock } from '@/components/deploy/copy-block';
import { FindingList } from '@/components/deploy/finding-list';
import { useDomainText } from '@/components/intl-provider';
import { attachRequestSchemaFor, formatComputeId, parseWorkspaceId, type AttachRequestInput } from '@/lib/domain/attach';
import { hasBlockingAttachFinding } from '@/lib/domain/attach-preflight';
import { DEFAULT_INSTANCE_TYPE_NAME } from '@/lib/domain/instance-types';
import { attachFormDefaults, OTHER_WORKSPACE, type AttachWorkload } from '@/lib/ui/attach-form';

import { ComputeStatusPanel } from './compute-status';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center', marginBlockStart: tokens.spacingVerticalM },
  review: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** A workspace the wizard offers (GET /api/v1/workspaces's item). */
export interface AttachWorkspace {
  id: string;
  name: string;
  location: string;
  resourceGroup: string;
}

/** Props of {@link AttachWizard}. */
export interface AttachWizardProps {
  clusterId: string;
  clusterName: string;
  clusterType: 'managedClusters' | 'connectedClusters';
  subscriptionId: string;
  /** Workspaces in the cluster's subscription; null when they could not be listed. */
  workspaces: readonly AttachWorkspace[] | null;
  /** Names of the cluster's instance types; null when they could not be read. */
  instanceTypes: readonly string[] | null;
  /** What the extension runs: the workloads ticked at first. */
  workloads: readonly AttachWorkload[];
  /** The extension's status page, for "Back to the extension". */
  statusPath?: string;
  instanceTypesPath: string;
}

type Step = 'answers' | 'review' | 'status';
const STEPS: readonly Step[] = ['answers', 'review', 'status'];
type Planned = Extract<PlanAttachResult, { status: 'planned' }>;

/**
 * The attach wizard: the workspace and compute answers (one zod schema with the server, messages
 * at their fields), the review of exactly what will be sent with its preflight (nothing is sent
 * while an error stands), then the compute's provisioning, watched until it ends. Going back keeps
 * every answer.
 */
export function AttachWizard(props: AttachWizardProps) {
  const styles = useStyles();
  const t = useTranslations('compute.attach');
  const text = useDomainText();
  const resolver = useMemo(() => zodResolver(attachRequestSchemaFor(text)), [text]);
  const form = useForm<AttachRequestInput>({
    resolver,
    mode: 'onChange',
    defaultValues: attachFormDefaults(props.clusterId, props.clusterName, props.workspaces ?? []),
  });
  const [step, setStep] = useState<Step>('answers');
  const [workspaceChoice, setWorkspaceChoice] = useState<string>(() => form.getValues('workspaceId') || OTHER_WORKSPACE);
  const [workloads, setWorkloads] = useState<AttachWorkload[]>(() => [...props.workloads]);
  const [identityType, setIdentityType] = useState<'None' | 'SystemAssigned' | 'UserAssigned'>('None');
  const [userAssignedId, setUserAssignedId] = useState('');
  const [plan, setPlan] = useState<Planned | null>(null);
  const [problem, setProblem] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState<'planning' | 'attaching' | null>(null);
  const [started, setStarted] = useState<{ id: string; statusUrl: string } | null>(null);
  // One key per review: a double click or a retried post attaches once.
  const idempotencyKey = useRef<string>('');

  const identity = (): AttachRequestInput['identity'] =>
    identityType === 'UserAssigned' ? { type: 'UserAssigned', userAssignedIdentities: [userAssignedId.trim()] } : { type: identityType };
  const request = () => ({ ...form.getValues(), identity: identity(), workloads });

  /** Server messages go to their fields; those with no field on this form are shown above the buttons. */
  const showFailure = (failure: ActionFailure, title: string) => {
    if (failure.status === 'invalid') {
      const fields = new Set(['workspaceId', 'name', 'namespace', 'defaultInstanceType']);
      const unplaced = failure.errors.filter((error) => {
        if (!fields.has(error.path)) return true;
        form.setError(error.path as keyof AttachRequestInput, { type: 'server', message: error.message });
        return false;
      });
      if (unplaced.length > 0) setProblem({ title, message: unplaced.map((error) => error.message).join(' ') });
      setStep('answers');
      return;
    }
    setProblem({ title, message: failureMessage(failure) });
  };

  const toReview = async () => {
    setProblem(null);
    form.setValue('identity', identity());
    if (!(await form.trigger()) || workloads.length === 0) return;
    setBusy('planning');
    try {
      const result = await planAttachAction(request());
      if (result.status !== 'planned') return showFailure(result, t('planFailed'));
      idempotencyKey.current = crypto.randomUUID();
      setPlan(result);
      setStep('review');
    } finally {
      setBusy(null);
    }
  };

  const attach = async () => {
    setProblem(null);
    setBusy('attaching');
    try {
      const result = await attachAction(request(), idempotencyKey.current);
      if (result.status === 'blocked') {
        setPlan((current) => (current ? { ...current, findings: result.findings } : current));
        return;
      }
      if (result.status !== 'started') return showFailure(result, t('attachFailed'));
      setStarted({ id: result.id, statusUrl: result.statusUrl });
      setStep('status');
    } finally {
      setBusy(null);
    }
  };

  const stepNames: Record<Step, string> = { answers: t('stepAnswers'), review: t('stepReview'), status: t('stepStatus') };
  const current = STEPS.indexOf(step) + 1;
  const errors = form.formState.errors;
  const subscriptionRemedy = props.clusterType === 'connectedClusters' ? t('subscriptionRemedyArc') : t('subscriptionRemedyAks');
  const workspace = parseWorkspaceId(form.watch('workspaceId') ?? '');
  const blocking = plan ? hasBlockingAttachFinding(plan.findings) : false;

  return (
    <div className={styles.form}>
      <Field label={t('progress', { current, total: STEPS.length, name: stepNames[step] })}>
        <ProgressBar value={current / STEPS.length} thickness="large" />
      </Field>

      {step === 'answers' ? (
        <form className={styles.form} noValidate aria-label={t('formLabel')} onSubmit={(event) => { event.preventDefault(); void toReview(); }}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {t('subscriptionRule', { subscription: props.subscriptionId })} {subscriptionRemedy}
            </MessageBarBody>
          </MessageBar>
          {props.workspaces === null ? (
            <MessageBar intent="warning">
              <MessageBarBody>{t('workspacesFailed')}</MessageBarBody>
            </MessageBar>
          ) : props.workspaces.length === 0 ? (
            <MessageBar intent="warning">
              <MessageBarBody>{t('workspaceNone', { subscription: props.subscriptionId })}</MessageBarBody>
            </MessageBar>
          ) : null}
          <Field label={t('workspace')} hint={t('workspaceHint', { subscription: props.subscriptionId })} validationMessage={workspaceChoice === OTHER_WORKSPACE ? undefined : errors.workspaceId?.message}>
            <Select
              value={workspaceChoice}
              onChange={(_, data) => {
                setWorkspaceChoice(data.value);
                form.setValue('workspaceId', data.value === OTHER_WORKSPACE ? '' : data.value, { shouldValidate: data.value !== OTHER_WORKSPACE });
              }}
            >
              {(props.workspaces ?? []).map((option) => (
                <option key={option.id} value={option.id}>
                  {t('workspaceOption', { name: option.name, resourceGroup: option.resourceGroup, location: option.location })}
                </option>
              ))}
              <option value={OTHER_WORKSPACE}>{t('workspaceOther')}</option>
            </Select>
          </Field>
          {workspaceChoice === OTHER_WORKSPACE ? (
            <Controller
              control={form.control}
              name="workspaceId"
              render={({ field, fieldState }) => (
                <Field label={t('workspaceId')} required validationMessage={fieldState.error?.message}>
                  <Input {...field} value={field.value ?? ''} onChange={(_, data) => field.onChange(data.value)} spellCheck={false} />
                </Field>
              )}
            />
          ) : null}
          <Controller
            control={form.control}
            name="name"
            render={({ field, fieldState }) => (
              <Field label={t('computeName')} hint={t('computeNameHint')} required validationMessage={fieldState.error?.message}>
                <Input {...field} value={field.value ?? ''} onChange={(_, data) => field.onChange(data.value)} spellCheck={false} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="namespace"
            render={({ field, fieldState }) => (
              <Field label={t('namespace')} hint={t('namespaceHint')} validationMessage={fieldState.error?.message}>
                <Input {...field} value={field.value ?? ''} onChange={(_, data) => field.onChange(data.value)} spellCheck={false} />
              </Field>
            )}
          />
          <Field label={t('workloads')} validationMessage={workloads.length === 0 ? t('workloadsNone') : undefined}>
            <div role="group" aria-label={t('workloads')}>
              {(['training', 'inference'] as const).map((workload) => (
                <Checkbox
                  key={workload}
                  label={t(workload)}
                  checked={workloads.includes(workload)}
                  onChange={(_, data) => setWorkloads((now) => (data.checked ? [...now.filter((w) => w !== workload), workload] : now.filter((w) => w !== workload)))}
                />
              ))}
            </div>
          </Field>
          <Field label={t('identity')}>
            <RadioGroup value={identityType} onChange={(_, data) => setIdentityType(data.value as typeof identityType)} layout="horizontal">
              <Radio value="None" label={t('identityNone')} />
              <Radio value="SystemAssigned" label={t('identitySystem')} />
              <Radio value="UserAssigned" label={t('identityUser')} />
            </RadioGroup>
          </Field>
          {identityType === 'UserAssigned' ? (
            <Field
              label={t('userAssignedId')}
              required
              validationMessage={userAssignedError(errors.identity)}
            >
              <Input value={userAssignedId} onChange={(_, data) => setUserAssignedId(data.value)} spellCheck={false} />
            </Field>
          ) : null}
          <Controller
            control={form.control}
            name="defaultInstanceType"
            render={({ field, fieldState }) =>
              props.instanceTypes ? (
                <Field label={t('defaultInstanceType')} hint={t('defaultInstanceTypeHint')} validationMessage={fieldState.error?.message}>
                  <Select value={field.value ?? ''} onChange={(_, data) => field.onChange(data.value)}>
                    <option value="">{t('defaultInstanceTypeNone', { name: DEFAULT_INSTANCE_TYPE_NAME })}</option>
                    {props.instanceTypes.filter((name) => name !== DEFAULT_INSTANCE_TYPE_NAME).map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : (
                <Field label={t('defaultInstanceType')} hint={t('instanceTypesUnknown')} validationMessage={fieldState.error?.message}>
                  <Input {...field} value={field.value ?? ''} onChange={(_, data) => field.onChange(data.value)} spellCheck={false} />
                </Field>
              )
            }
          />
          {problem ? <Problem {...problem} /> : null}
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={busy !== null}>
              {t('review')}
            </Button>
            {busy === 'planning' ? <Spinner size="tiny" label={t('planning')} /> : null}
          </div>
        </form>
      ) : null}

      {step === 'review' && plan ? (
        <section className={styles.review} aria-labelledby="attach-review-heading">
          <Subtitle2 as="h2" id="attach-review-heading">
            {t('stepReview')}
          </Subtitle2>
          {plan.findings.length > 0 ? <FindingList findings={plan.findings} label={t('findingsLabel')} /> : <Body1>{t('noFindings')}</Body1>}
          <Body1>{t(`namespaceOrigin.${plan.namespaceOrigin}`, { namespace: plan.body.properties.properties.namespace })}</Body1>
          {workspace ? (
            <CopyBlock title={t('bodyTitle', { path: formatComputeId(workspace, form.getValues('name')) })} text={JSON.stringify(plan.body, null, 2)} />
          ) : null}
          <CopyBlock title={t('azTitle')} text={plan.azCommand} />
          {plan.cliCannotSet.length > 0 ? <Body1>{t('cliCannotSet', { fields: plan.cliCannotSet.join(', ') })}</Body1> : null}
          <CopyBlock title={t('bicepTitle')} text={plan.bicep} />
          {blocking ? (
            <MessageBar intent="error">
              <MessageBarBody>{t('blocked')}</MessageBarBody>
            </MessageBar>
          ) : null}
          {problem ? <Problem {...problem} /> : null}
          <div className={styles.actions}>
            <Button onClick={() => setStep('answers')} disabled={busy !== null}>
              {t('back')}
            </Button>
            <Button appearance="primary" onClick={() => void attach()} disabled={blocking || busy !== null}>
              {busy === 'attaching' ? t('attaching') : t('attach')}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'status' && started ? (
        <ComputeStatusPanel computeId={started.id} statusUrl={started.statusUrl} statusPath={props.statusPath} instanceTypesPath={props.instanceTypesPath} />
      ) : null}
    </div>
  );
}

/** The schema's message about the user-assigned id: at `identity.userAssignedIdentities.0` (a bad id) or at the list (none given). */
function userAssignedError(error: unknown): string | undefined {
  const list = (error as { userAssignedIdentities?: { message?: string; 0?: { message?: string } } } | undefined)?.userAssignedIdentities;
  return list?.[0]?.message ?? list?.message;
}

function Problem({ title, message }: { title: string; message: string }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}
