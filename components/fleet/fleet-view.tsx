'use client';

import { Button, Caption1, Dropdown, Field, makeStyles, MessageBar, MessageBarBody, Option, SearchBox, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useMessages, useTranslations } from 'use-intl';

import { useDateTimeText } from '@/components/date-time';

import { ALL, clusterTypeLabel, filterFleet, NO_FILTER, statesIn, type FleetFilter } from './fleet-filter';
import { FleetTable } from './fleet-table';
import { FLEET_REFRESH_INTERVAL_MS, useFleetRefresh, type FleetSnapshot } from './use-fleet-refresh';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end', marginBlockEnd: tokens.spacingVerticalM },
  refresh: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginInlineStart: 'auto' },
});

const TYPES = [ALL, 'managedClusters', 'connectedClusters'] as const;

export interface FleetViewProps {
  /** The listing the server read for the first render. */
  initial: FleetSnapshot;
  /** When the server read it (ISO 8601). */
  initialLoadedAt: string;
}

/** The fleet: filters, the table, and refresh (automatic and by button) without a page reload. */
export function FleetView({ initial, initialLoadedAt }: FleetViewProps) {
  const styles = useStyles();
  const t = useTranslations('fleet');
  const common = useTranslations('common');
  const timeOf = useDateTimeText();
  // The state filter names states as the StatusBadge in each row does (`status.states`); others as reported.
  const stateNames = useTranslations('status.states');
  const knownStates = useMessages().status.states;
  const stateLabel = (state: string) => {
    const key = state.toLowerCase();
    return Object.hasOwn(knownStates, key) ? stateNames(key as keyof typeof knownStates) : state;
  };
  const { snapshot, lastUpdated, refreshing, error, stopped, refresh } = useFleetRefresh(initial, initialLoadedAt);
  const [filter, setFilter] = useState<FleetFilter>(NO_FILTER);

  const subscriptionNames = useMemo(
    () => new Map(snapshot.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName])),
    [snapshot.subscriptions],
  );
  const visible = useMemo(() => filterFleet(snapshot.value, filter, subscriptionNames), [snapshot.value, filter, subscriptionNames]);
  const states = useMemo(() => statesIn(snapshot.value), [snapshot.value]);
  const set = (patch: Partial<FleetFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const subscriptionLabel = (id: string) => (id === ALL ? t('filter.allSubscriptions') : (subscriptionNames.get(id.toLowerCase()) ?? id));
  const typeLabel = (type: string) => (type === ALL ? t('filter.allTypes') : clusterTypeLabel(type, t('table.unknownType')));

  return (
    <>
      <div className={styles.toolbar}>
        <Field label={t('filter.search')}>
          <SearchBox value={filter.search} onChange={(_, data) => set({ search: data.value })} placeholder={t('filter.searchPlaceholder')} />
        </Field>
        <Field label={t('filter.type')}>
          <Dropdown
            value={typeLabel(filter.type)}
            selectedOptions={[filter.type]}
            onOptionSelect={(_, data) => set({ type: data.optionValue ?? ALL })}
          >
            {TYPES.map((type) => (
              <Option key={type} value={type}>
                {typeLabel(type)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t('filter.state')}>
          <Dropdown
            value={filter.state === ALL ? t('filter.allStates') : stateLabel(filter.state)}
            selectedOptions={[filter.state]}
            onOptionSelect={(_, data) => set({ state: data.optionValue ?? ALL })}
          >
            {[ALL, ...states].map((state) => (
              <Option key={state} value={state}>
                {state === ALL ? t('filter.allStates') : stateLabel(state)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t('filter.subscription')}>
          <Dropdown
            value={subscriptionLabel(filter.subscription)}
            selectedOptions={[filter.subscription]}
            onOptionSelect={(_, data) => set({ subscription: data.optionValue ?? ALL })}
          >
            {[ALL, ...snapshot.subscriptions.map((s) => s.subscriptionId)].map((id) => (
              <Option key={id} value={id}>
                {subscriptionLabel(id)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <div className={styles.refresh}>
          {/* The time is the one format: UTC at hydration, then the reader's zone (components/date-time.tsx). */}
          <Caption1 aria-live="polite" suppressHydrationWarning>
            {t('refresh.summary', {
              visible: visible.length,
              total: snapshot.value.length,
              time: timeOf(lastUpdated),
            })}
          </Caption1>
          <Button onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? t('refresh.refreshing') : common('refresh')}
          </Button>
        </div>
      </div>
      {error ? (
        <MessageBar intent="error" style={{ marginBlockEnd: 12 }}>
          <MessageBarBody>
            {error}{' '}
            {stopped ? t('refresh.stopped') : t('refresh.retrying', { seconds: FLEET_REFRESH_INTERVAL_MS / 1000 })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <FleetTable rows={visible} subscriptionNames={subscriptionNames} />
    </>
  );
}
