'use client';

import { Caption1, Field, makeStyles, Radio, RadioGroup, Switch, tokens } from '@fluentui/react-components';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslations } from 'use-intl';

import type { DeployForm } from '@/lib/domain/deploy-schema';
import { HA_MIN_NODES, SERVICE_TYPES } from '@/lib/domain/settings-catalog';
import { SERVICE_TYPE_LABELS } from '@/lib/ui/planned-settings';

import type { DeployCluster } from './deploy-types';
import { TlsFields } from './tls-fields';
import type { PemCheckState } from './use-pem-check';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '70ch' },
  choice: { display: 'flex', flexDirection: 'column', marginBlockEnd: tokens.spacingVerticalXS },
  explanation: { paddingInlineStart: '36px' },
});

/** Props of {@link StepRouter}. */
export interface StepRouterProps {
  /** The picked cluster: decides whether an internal load balancer is offered, and shows its node count. */
  cluster: DeployCluster | undefined;
  pemCheck: PemCheckState;
  onCheckPem: () => Promise<boolean>;
  onPemChanged: () => void;
  /** A certificate renewal: only the HTTPS fields. */
  certificateOnly?: boolean;
  /** An update of an extension serving HTTPS from a PEM pair: keeping that pair is a choice. */
  keepsCurrentCertificate?: boolean;
}

/** Step 3 (inference only): how the inference router is exposed, how many replicas, and how it serves HTTPS. */
export function StepRouter({ cluster, pemCheck, onCheckPem, onPemChanged, certificateOnly = false, keepsCurrentCertificate = false }: StepRouterProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.router');
  const { control } = useFormContext<DeployForm>();
  const serviceType = useWatch({ control, name: 'serviceType' });
  const internalLoadBalancer = useWatch({ control, name: 'internalLoadBalancer' });
  const isAks = cluster?.type === 'managedClusters';
  const nodes = cluster?.nodeCount;

  const tls = <TlsFields pemCheck={pemCheck} onCheckPem={onCheckPem} onPemChanged={onPemChanged} keepCurrent={keepsCurrentCertificate && !certificateOnly} renewal={certificateOnly} />;
  if (certificateOnly) return <div className={styles.root}>{tls}</div>;

  return (
    <div className={styles.root}>
      <Controller
        control={control}
        name="serviceType"
        render={({ field, fieldState }) => (
          <Field label={t('serviceTypeLabel')} required validationMessage={fieldState.error?.message}>
            <RadioGroup value={field.value} onChange={(_, data) => field.onChange(data.value as DeployForm['serviceType'])}>
              {/* Labels are the Kubernetes Service types (lib/ui/planned-settings.ts), as the review shows them. */}
              {SERVICE_TYPES.map((type) => (
                <div key={type} className={styles.choice}>
                  <Radio value={type} label={SERVICE_TYPE_LABELS[type]} aria-describedby={`service-${type}`} />
                  <Caption1 id={`service-${type}`} className={styles.explanation}>
                    {t(`${type}Explanation`)}
                  </Caption1>
                </div>
              ))}
            </RadioGroup>
          </Field>
        )}
      />
      {/* Offered on AKS only (E40003 elsewhere); still shown when an import turned it on, so its error is visible. */}
      {(isAks && serviceType === 'loadBalancer') || internalLoadBalancer ? (
        <Controller
          control={control}
          name="internalLoadBalancer"
          render={({ field, fieldState }) => (
            <Field validationMessage={fieldState.error?.message} hint={t('internalLoadBalancerHint')}>
              <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label={t('internalLoadBalancer')} />
            </Field>
          )}
        />
      ) : null}
      <Controller
        control={control}
        name="inferenceRouterHA"
        render={({ field, fieldState }) => (
          <Field
            validationMessage={fieldState.error?.message}
            hint={
              nodes === undefined
                ? t('haHint', { min: HA_MIN_NODES })
                : t(nodes < HA_MIN_NODES ? 'haHintTooFew' : 'haHintEnough', { min: HA_MIN_NODES, nodes })
            }
          >
            <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label={t('highAvailability')} />
          </Field>
        )}
      />
      {tls}
    </div>
  );
}
