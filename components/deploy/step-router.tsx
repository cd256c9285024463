'use client';

import { Caption1, Field, makeStyles, Radio, RadioGroup, Switch, tokens } from '@fluentui/react-components';
import { Controller, useFormContext, useWatch } from 'react-hook-form';

import type { DeployForm } from '@/lib/domain/deploy-schema';

import type { DeployCluster } from './deploy-types';
import { TlsFields } from './tls-fields';
import type { PemCheckState } from './use-pem-check';

/** HA runs three router replicas, which needs at least this many nodes (health check E40002 otherwise). */
const HA_MIN_NODES = 3;

const SERVICE_TYPES: ReadonlyArray<{ value: DeployForm['serviceType']; label: string; explanation: string }> = [
  { value: 'loadBalancer', label: 'LoadBalancer', explanation: 'A cloud load balancer gives endpoints a public (or, on AKS, internal) IP. Needs a cluster that can create load balancers: AKS, or Arc with one installed.' },
  { value: 'nodePort', label: 'NodePort', explanation: 'Endpoints answer on a port of every node. For on-premises clusters without a load balancer.' },
  { value: 'clusterIP', label: 'ClusterIP', explanation: 'Reachable only inside the cluster, behind your own ingress. For on-premises clusters.' },
];

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
}

/** Step 3 (inference only): how the inference router is exposed, how many replicas, and how it serves HTTPS. */
export function StepRouter({ cluster, pemCheck, onCheckPem, onPemChanged }: StepRouterProps) {
  const styles = useStyles();
  const { control } = useFormContext<DeployForm>();
  const serviceType = useWatch({ control, name: 'serviceType' });
  const internalLoadBalancer = useWatch({ control, name: 'internalLoadBalancer' });
  const isAks = cluster?.type === 'managedClusters';
  const nodes = cluster?.nodeCount;

  return (
    <div className={styles.root}>
      <Controller
        control={control}
        name="serviceType"
        render={({ field, fieldState }) => (
          <Field label="Inference router service type" required validationMessage={fieldState.error?.message}>
            <RadioGroup value={field.value} onChange={(_, data) => field.onChange(data.value as DeployForm['serviceType'])}>
              {SERVICE_TYPES.map((type) => (
                <div key={type.value} className={styles.choice}>
                  <Radio value={type.value} label={type.label} aria-describedby={`service-${type.value}`} />
                  <Caption1 id={`service-${type.value}`} className={styles.explanation}>
                    {type.explanation}
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
            <Field validationMessage={fieldState.error?.message} hint="Keeps endpoints on the virtual network (internalLoadBalancerProvider=azure).">
              <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label="Use an internal Azure load balancer" />
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
                ? 'Three router replicas; needs at least 3 nodes.'
                : `Three router replicas; needs at least ${HA_MIN_NODES} nodes. This cluster has ${nodes} node${nodes === 1 ? '' : 's'}${
                    nodes < HA_MIN_NODES ? ': it runs one replica instead, as the CLI decides for clusters under 3 nodes.' : '.'
                  }`
            }
          >
            <Switch checked={field.value} onChange={(_, data) => field.onChange(data.checked)} label="High availability for the inference router" />
          </Field>
        )}
      />
      <TlsFields pemCheck={pemCheck} onCheckPem={onCheckPem} onPemChanged={onPemChanged} />
    </div>
  );
}
