/**
 * What the instance-type page's server actions answer, in the deploy actions' dialect
 * (app/deploy/action-types.ts). Field messages sit at API keys (`resources.limits.cpu`); the form
 * moves each to its field (lib/ui/instance-type-form.ts `fieldOfPath`).
 */
import type { ActionFailure } from '@/app/deploy/action-types';
import type { InstanceTypeRow } from '@/lib/domain/instance-types';

/** `saveInstanceTypeAction`: written in the cluster, or why not (nothing written). */
export type SaveInstanceTypeResult = { status: 'saved'; instanceType: InstanceTypeRow } | ActionFailure;

/** `deleteInstanceTypeAction`: deleted from the cluster, or why not. */
export type DeleteInstanceTypeResult = { status: 'deleted' } | ActionFailure;
