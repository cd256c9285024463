'use client';

import {
  Caption1,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import { ClusterFilterBar, useClusterFilter } from '@/components/cluster-filter';
import { StatusBadge } from '@/components/status-badge';
import type { DeployForm } from '@/lib/domain/deploy-schema';

import { clusterKindLabel, type DeployCluster, type PreflightState } from './deploy-types';
import { FindingList } from './finding-list';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxHeight: '420px', overflowY: 'auto' },
  option: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    paddingInlineEnd: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  facts: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap', paddingInlineStart: '36px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, marginBlockStart: tokens.spacingVerticalL },
});

/** Arc clusters report connectivity; that, not ARM provisioning, is what decides a deploy. */
function clusterState(cluster: DeployCluster): string {
  return cluster.type === 'connectedClusters' && cluster.connectivityStatus ? cluster.connectivityStatus : cluster.provisioningState;
}

/** Props of {@link StepCluster}. */
export interface StepClusterProps {
  clusters: readonly DeployCluster[];
  /** The picked cluster's preflight (loaded by the wizard whenever the pick changes). */
  preflight: PreflightState;
  /** Re-runs preflight, after the portal fixed something (a provider registration). */
  onRefreshPreflight: () => void;
}

/**
 * Step 1: pick the cluster, across every subscription, and see at once what preflight says about
 * it. Error findings block Next; warnings are for the user to weigh.
 */
export function StepCluster({ clusters, preflight, onRefreshPreflight }: StepClusterProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.cluster');
  const { control } = useFormContext<DeployForm>();
  const filter = useClusterFilter(clusters);
  const { visible } = filter;

  return (
    <>
      <ClusterFilterBar filter={filter} />
      <Controller
        control={control}
        name="clusterId"
        render={({ field, fieldState }) => (
          <Field label={t('label')} required validationMessage={fieldState.error?.message} className={styles.section}>
            <RadioGroup value={field.value} onChange={(_, data) => field.onChange(data.value)} className={styles.list}>
              {visible.map((cluster) => (
                <div key={cluster.id} className={styles.option}>
                  <Radio value={cluster.id} label={cluster.name} aria-describedby={`facts-${cluster.name}`} />
                  <StatusBadge state={clusterState(cluster)} size="small" />
                  <div id={`facts-${cluster.name}`} className={styles.facts}>
                    <Caption1>{clusterKindLabel(cluster)}</Caption1>
                    <Caption1>· {cluster.location}</Caption1>
                    <Caption1>· {t('nodes', { count: cluster.nodeCount })}</Caption1>
                    <Caption1>· Kubernetes {cluster.kubernetesVersion || t('unknownVersion')}</Caption1>
                    <Caption1>
                      · {cluster.subscriptionName ?? cluster.subscriptionId} / {cluster.resourceGroup}
                    </Caption1>
                    {cluster.azureMl ? <Caption1>· {t('extensionInstalled', { name: cluster.azureMl.name })}</Caption1> : null}
                  </div>
                </div>
              ))}
            </RadioGroup>
          </Field>
        )}
      />
      <PreflightPanel preflight={preflight} onRefresh={onRefreshPreflight} />
    </>
  );
}

function PreflightPanel({ preflight, onRefresh }: { preflight: PreflightState; onRefresh: () => void }) {
  const styles = useStyles();
  const t = useTranslations('deploy.cluster');
  switch (preflight.status) {
    case 'idle':
      return null;
    case 'loading':
      return <Spinner className={styles.section} size="small" label={t('preflightLoading')} />;
    case 'failed':
      return (
        <Text role="alert" className={styles.section}>
          {t('preflightFailed', { message: preflight.message })}
        </Text>
      );
    case 'loaded':
      return (
        <section className={styles.section} aria-label={t('preflightRegion')}>
          <Text weight="semibold">
            {preflight.findings.length === 0 ? t('preflightClear') : t('preflightFound', { count: preflight.findings.length })}
          </Text>
          <FindingList label={t('findingsLabel')} findings={preflight.findings} onResolved={onRefresh} />
        </section>
      );
    default: {
      const unreachable: never = preflight;
      return unreachable;
    }
  }
}
