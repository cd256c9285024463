'use client';

import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useRouter } from 'next/navigation';
import { useTransition, type FormEvent } from 'react';
import { useTranslations } from 'use-intl';

import { AUDIT_FILTER_MAX_LENGTH, AUDIT_FILTER_PARAMS, auditFilterParams, type AuditFilter } from '@/lib/audit/filter';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction } from '@/lib/audit/types';
import { knownStatus } from '@/lib/domain/status-vocabulary';

import { actionKey } from './audit-format';

/** A subscription the visitor can see, for the subscription filter. */
export interface SubscriptionOption {
  subscriptionId: string;
  displayName: string;
}

/** Props of {@link AuditFilters}. */
export interface AuditFiltersProps {
  /** The filters in the page URL, as given (valid or not: what was typed is shown back). */
  filter: AuditFilter;
  subscriptions: readonly SubscriptionOption[];
}

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    marginBlockEnd: tokens.spacingVerticalM,
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** A date field holds only `YYYY-MM-DD`: anything else given (an instant, a typo) is shown as text, not dropped. */
const dateType = (value: string | undefined) => (!value || /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'text');

/** The choices of a select, plus the given value when it is none of them (shown back as typed). */
function withGiven(values: readonly string[], given: string | undefined): string[] {
  return given && !values.includes(given) ? [...values, given] : [...values];
}

/** `/audit` with the filters a form holds (empty fields left out). */
function pathOf(form: HTMLFormElement): string {
  const data = new FormData(form);
  const filter = Object.fromEntries(AUDIT_FILTER_PARAMS.map((param) => [param, String(data.get(param) ?? '')])) as AuditFilter;
  const query = auditFilterParams(filter).toString();
  return query ? `/audit?${query}` : '/audit';
}

/**
 * The trail's filters as a GET form over the page URL: applying them navigates to `/audit?…`, so
 * the URL is what a visitor shares and the server reads the filtered page (the same parameters
 * as `GET /api/v1/audit`). Without JavaScript the form submits itself to the same URL.
 */
export function AuditFilters({ filter, subscriptions }: AuditFiltersProps) {
  const styles = useStyles();
  const t = useTranslations('audit.filters');
  const actions = useTranslations('audit.actions');
  const states = useTranslations('status.states');
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const path = pathOf(event.currentTarget);
    startTransition(() => router.push(path));
  };
  const clear = () => startTransition(() => router.push('/audit'));

  // A subscription in a shared URL that this visitor cannot see still shows as chosen.
  const options = filter.subscription && !subscriptions.some((s) => s.subscriptionId.toLowerCase() === filter.subscription?.toLowerCase())
    ? [...subscriptions, { subscriptionId: filter.subscription, displayName: filter.subscription }]
    : subscriptions;
  const text = { maxLength: AUDIT_FILTER_MAX_LENGTH } as const;

  return (
    <form role="search" aria-label={t('label')} method="get" action="/audit" onSubmit={submit} className={styles.form}>
      <Field label={t('cluster')} hint={t('clusterHint')}>
        <Input name="cluster" defaultValue={filter.cluster ?? ''} {...text} />
      </Field>
      <Field label={t('subscription')}>
        <Select name="subscription" defaultValue={options.find((s) => s.subscriptionId.toLowerCase() === filter.subscription?.toLowerCase())?.subscriptionId ?? ''}>
          <option value="">{t('anySubscription')}</option>
          {options.map((s) => (
            <option key={s.subscriptionId} value={s.subscriptionId}>
              {s.displayName}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('user')} hint={t('userHint')}>
        <Input name="user" defaultValue={filter.user ?? ''} {...text} />
      </Field>
      <Field label={t('action')}>
        <Select name="action" defaultValue={filter.action ?? ''}>
          <option value="">{t('anyAction')}</option>
          {withGiven(AUDIT_ACTIONS, filter.action).map((action) => {
            const key = actionKey(action as AuditAction);
            return (
              <option key={action} value={action}>
                {key ? actions(key) : action}
              </option>
            );
          })}
        </Select>
      </Field>
      <Field label={t('outcome')}>
        <Select name="outcome" defaultValue={filter.outcome ?? ''}>
          <option value="">{t('anyOutcome')}</option>
          {withGiven(AUDIT_OUTCOMES, filter.outcome).map((outcome) => {
            const key = knownStatus(outcome);
            return (
              <option key={outcome} value={outcome}>
                {key ? states(key) : outcome}
              </option>
            );
          })}
        </Select>
      </Field>
      <Field label={t('search')} hint={t('searchHint')}>
        <Input name="search" type="search" defaultValue={filter.search ?? ''} {...text} />
      </Field>
      <Field label={t('from')}>
        <Input name="from" type={dateType(filter.from)} defaultValue={filter.from ?? ''} />
      </Field>
      <Field label={t('to')}>
        <Input name="to" type={dateType(filter.to)} defaultValue={filter.to ?? ''} />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={pending}>
          {pending ? t('applying') : t('apply')}
        </Button>
        <Button type="button" onClick={clear} disabled={pending}>
          {t('clear')}
        </Button>
      </div>
    </form>
  );
}
