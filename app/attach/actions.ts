'use server';

import { failure, forbidden, invalid, unauthenticated } from '@/app/deploy/action-helpers';
import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import { attachCluster, detachCompute, planAttach } from '@/lib/deploy/attach-service';
import { parseComputeId } from '@/lib/domain/attach';
import { getDomainText } from '@/lib/i18n/server';

import type { AttachResult, DetachResult, PlanAttachResult } from './action-types';

// The deploy actions' dialect (app/deploy/action-helpers.ts): same origin, signed in, one service
// call; the service validates with the one attach schema, so the wizard and POST /api/v1/computes
// refuse the same input with the same words.

const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{8,64}$/;

/** What the attach would send (ARM body, az command, Bicep) and what its preflight found. No write. */
export async function planAttachAction(input: unknown): Promise<PlanAttachResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  try {
    const plan = await planAttach(credential, input, await getDomainText());
    if (!plan.ok) return { status: 'invalid', errors: plan.errors.map(({ key, message }) => ({ path: key, message })) };
    return {
      status: 'planned',
      body: plan.body,
      azCommand: plan.azCommand,
      bicep: plan.bicep,
      cliCannotSet: [...plan.cliCannotSet],
      findings: plan.findings,
      namespaceOrigin: plan.namespaceOrigin,
    };
  } catch (error) {
    return failure(error, 'attach the cluster to the workspace');
  }
}

/** Attaches: preflight again, then the compute's PUT. `idempotencyKey` is made once per review in the browser. */
export async function attachAction(input: unknown, idempotencyKey: string): Promise<AttachResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey)) return invalid('idempotencyKey', 'reloadReview');
  try {
    const result = await attachCluster(credential, input, { idempotencyKey }, await getDomainText());
    if (result.ok) return { status: 'started', id: result.id, statusUrl: result.statusUrl };
    if ('findings' in result) return { status: 'blocked', findings: result.findings };
    return { status: 'invalid', errors: result.errors.map(({ key, message }) => ({ path: key, message })) };
  } catch (error) {
    return failure(error, 'attach the cluster to the workspace');
  }
}

/** Detaches a compute from its workspace (the cluster and its extension stay). */
export async function detachComputeAction(computeId: string): Promise<DetachResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  if (typeof computeId !== 'string' || !parseComputeId(computeId)) return invalid('computeId', 'notAnExtension');
  try {
    await detachCompute(credential, computeId);
    return { status: 'started' };
  } catch (error) {
    return failure(error, 'detach the compute');
  }
}
