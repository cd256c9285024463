'use client';

import { Button, Caption1, Dropdown, Field, makeStyles, MessageBar, MessageBarBody, Option, SearchBox, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';

import { NoticeList } from '@/components/notice-list';

import { ALL, clusterTypeLabel, filterFleet, NO_FILTER, statesIn, type FleetFilter } from './fleet-filter';
import { FleetTable } from './fleet-table';
import { FLEET_REFRESH_INTERVAL_MS, useFleetRefresh, type FleetSnapshot } from './use-fleet-refresh';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end', marginBlockEnd: tokens.spacingVerticalM },
  refresh: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginInlineStart: 'auto' },
});

const TYPES = [ALL, 'managedClusters', 'connectedClusters'] as const;

/** Times are shown in UTC so the server's first render and the browser's agree. */
function formatUtcTime(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

export interface FleetViewProps {
  /** The listing the server read for the first render. */
  initial: FleetSnapshot;
  /** When the server read it (ISO 8601). */
  initialLoadedAt: string;
}

/** The fleet: filters, the table, and refresh (automatic and by button) without a page reload. */
export function FleetView({ initial, initialLoadedAt }: FleetViewProps) {
  const styles = useStyles();
  const { snapshot, lastUpdated, refreshing, error, stopped, refresh } = useFleetRefresh(initial, initialLoadedAt);
  const [filter, setFilter] = useState<FleetFilter>(NO_FILTER);

  const subscriptionNames = useMemo(
    () => new Map(snapshot.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName])),
    [snapshot.subscriptions],
  );
  const visible = useMemo(() => filterFleet(snapshot.value, filter, subscriptionNames), [snapshot.value, filter, subscriptionNames]);
  const states = useMemo(() => statesIn(snapshot.value), [snapshot.value]);
  const set = (patch: Partial<FleetFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const subscriptionLabel = (id: string) => (id === ALL ? 'All subscriptions' : (subscriptionNames.get(id.toLowerCase()) ?? id));

  return (
    <>
      <NoticeList
        notices={(snapshot.failures ?? []).map((failure) => ({
          intent: 'warning',
          title: `Regions of subscription ${subscriptionLabel(failure.subscriptionId)} could not be read`,
          message: failure.error.message,
        }))}
      />
      <div className={styles.toolbar}>
        <Field label="Search extensions">
          <SearchBox value={filter.search} onChange={(_, data) => set({ search: data.value })} placeholder="Cluster, group, region…" />
        </Field>
        <Field label="Cluster type">
          <Dropdown
            value={filter.type === ALL ? 'All types' : clusterTypeLabel(filter.type)}
            selectedOptions={[filter.type]}
            onOptionSelect={(_, data) => set({ type: data.optionValue ?? ALL })}
          >
            {TYPES.map((type) => (
              <Option key={type} value={type}>
                {type === ALL ? 'All types' : clusterTypeLabel(type)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Provisioning state">
          <Dropdown
            value={filter.state === ALL ? 'All states' : filter.state}
            selectedOptions={[filter.state]}
            onOptionSelect={(_, data) => set({ state: data.optionValue ?? ALL })}
          >
            {[ALL, ...states].map((state) => (
              <Option key={state} value={state}>
                {state === ALL ? 'All states' : state}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Subscription">
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
          <Caption1 aria-live="polite">
            {visible.length} of {snapshot.value.length} extensions · Last updated {formatUtcTime(lastUpdated)}
          </Caption1>
          <Button onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
      </div>
      {error ? (
        <MessageBar intent="error" style={{ marginBlockEnd: 12 }}>
          <MessageBarBody>
            {error}{' '}
            {stopped
              ? 'Automatic refresh stopped; use Refresh to try again.'
              : `Showing the last listing; trying again in ${FLEET_REFRESH_INTERVAL_MS / 1000} s.`}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <FleetTable rows={visible} subscriptionNames={subscriptionNames} />
    </>
  );
}
