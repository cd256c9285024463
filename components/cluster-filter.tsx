'use client';

import { Caption1, Dropdown, Field, makeStyles, Option, SearchBox, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';

import type { ClusterType } from '@/lib/domain/cluster';

/** `all` or a cluster type as users say it (AKS and Arc read the same in every language). */
const TYPE_FILTERS = ['all', 'AKS', 'Arc'] as const;
type TypeFilter = (typeof TYPE_FILTERS)[number];

/** The fields a cluster is searched by. */
export interface FilterableCluster {
  name: string;
  type: ClusterType;
  resourceGroup: string;
  location: string;
  subscriptionId: string;
  subscriptionName?: string;
}

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'end', flexWrap: 'wrap', marginBlockEnd: tokens.spacingVerticalM },
});

/** Search and type filter state over a list of clusters, and the clusters that pass them. */
export function useClusterFilter<T extends FilterableCluster>(clusters: readonly T[]) {
  const [query, setQuery] = useState('');
  const [typeFilter, setTypeFilter] = useState<TypeFilter>('all');
  const visible = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return clusters.filter((cluster) => {
      if (typeFilter === 'AKS' && cluster.type !== 'managedClusters') return false;
      if (typeFilter === 'Arc' && cluster.type !== 'connectedClusters') return false;
      if (!needle) return true;
      return [cluster.name, cluster.resourceGroup, cluster.location, cluster.subscriptionName ?? '', cluster.subscriptionId].some((field) =>
        field.toLowerCase().includes(needle),
      );
    });
  }, [clusters, query, typeFilter]);
  return { query, setQuery, typeFilter, setTypeFilter, visible, total: clusters.length };
}

export type ClusterFilter = ReturnType<typeof useClusterFilter>;

/** The search box, the type filter and the "N of M clusters" count, as the home page and the wizard show them. */
export function ClusterFilterBar({ filter }: { filter: Omit<ClusterFilter, 'visible'> & { visible: readonly unknown[] } }) {
  const styles = useStyles();
  const t = useTranslations('home.filter');
  const typeLabel = (option: TypeFilter) => (option === 'all' ? t('allTypes') : option);
  return (
    <div className={styles.toolbar}>
      <Field label={t('search')}>
        <SearchBox value={filter.query} onChange={(_, data) => filter.setQuery(data.value)} placeholder={t('searchPlaceholder')} />
      </Field>
      <Field label={t('type')}>
        <Dropdown
          value={typeLabel(filter.typeFilter)}
          selectedOptions={[filter.typeFilter]}
          onOptionSelect={(_, data) => filter.setTypeFilter((data.optionValue as TypeFilter | undefined) ?? 'all')}
        >
          {TYPE_FILTERS.map((option) => (
            <Option key={option} value={option}>
              {typeLabel(option)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Caption1 aria-live="polite">
        {t('count', { visible: filter.visible.length, total: filter.total })}
      </Caption1>
    </div>
  );
}
