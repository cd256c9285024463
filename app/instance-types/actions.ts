'use server';

import { failure, forbidden, unauthenticated } from '@/app/deploy/action-helpers';
import { isSameOriginAction } from '@/lib/auth/action-guard';
import { getActionCredential } from '@/lib/auth/request-credential';
import { putInstanceType, removeInstanceType } from '@/lib/deploy/instance-type-service';
import { getDomainText } from '@/lib/i18n/server';

import type { DeleteInstanceTypeResult, SaveInstanceTypeResult } from './action-types';

// The deploy actions' dialect (app/deploy/action-helpers.ts): same origin, signed in, one service
// call; the service validates with the one instance-type schema (PUT /api/v1/instance-types too)
// and holds one write per cluster at a time.

/** Creates or replaces an instance type in the cluster. */
export async function saveInstanceTypeAction(clusterId: string, input: unknown): Promise<SaveInstanceTypeResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  const name = typeof input === 'object' && input !== null && typeof (input as { name?: unknown }).name === 'string' ? (input as { name: string }).name : '';
  try {
    const result = await putInstanceType(credential, String(clusterId), name, input, await getDomainText());
    if (result.ok) return { status: 'saved', instanceType: result.row };
    return { status: 'invalid', errors: result.errors.map(({ key, message }) => ({ path: key, message })) };
  } catch (error) {
    return failure(error, 'write the instance type');
  }
}

/** Deletes an instance type from the cluster. */
export async function deleteInstanceTypeAction(clusterId: string, name: string): Promise<DeleteInstanceTypeResult> {
  if (!(await isSameOriginAction())) return forbidden();
  const credential = await getActionCredential();
  if (!credential) return unauthenticated();
  try {
    await removeInstanceType(credential, String(clusterId), String(name));
    return { status: 'deleted' };
  } catch (error) {
    return failure(error, 'delete the instance type');
  }
}
