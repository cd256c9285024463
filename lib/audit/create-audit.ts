import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { describeCaller } from '@/lib/auth/caller';
import type { CliRequest } from '@/lib/domain/cli-settings';
import { parseClusterId } from '@/lib/domain/cluster';
import type { FieldMessage } from '@/lib/domain/cli-validation';
import { formatExtensionId } from '@/lib/domain/extension-id';
import type { Finding } from '@/lib/domain/preflight/types';

import { auditErrorOf, beginAuditedWrite } from './audit';
import type { AuditError, AuditOutcome } from './types';

/** What a create came to, in the shapes `lib/deploy/deploy-service.ts` returns or throws. */
export type CreateAuditResult =
  | { ok: true; id: string }
  | { ok: false; errors: FieldMessage[] }
  | { ok: false; findings: Finding[] }
  | { thrown: unknown };

/** Pure: the error the trail keeps for a write preflight refused (a create or an update): its blocking findings. */
export function preflightRefusal(findings: readonly Finding[]): AuditError {
  const blocking = findings.filter((finding) => finding.severity === 'error');
  return { code: blocking[0]?.code ?? 'PreflightFailed', message: blocking.map((finding) => finding.message).join(' ') };
}

/** Pure: the outcome and error the trail keeps for a create result. */
export function createOutcome(result: CreateAuditResult): { outcome: AuditOutcome; error?: AuditError } {
  if ('thrown' in result) return { outcome: 'failed', error: auditErrorOf(result.thrown) };
  if (result.ok) return { outcome: 'accepted' };
  if ('findings' in result) return { outcome: 'refused', error: preflightRefusal(result.findings) };
  return { outcome: 'refused', error: { code: 'ValidationFailed', message: result.errors.map((e) => `${e.key}: ${e.message}`).join(' ') } };
}

/**
 * Write-ahead for a create: records it `pending` before anything is sent, with the extension id the
 * PUT will write (cluster id + name), and returns how to settle it with the create's result.
 * A create that threw because the caller is not authenticated leaves no row. Never throws.
 */
export async function beginCreateAudit(credential: TokenCredential, request: CliRequest): Promise<{ settle(result: CreateAuditResult): Promise<void> }> {
  const cluster = parseClusterId(request.clusterId);
  const write = await beginAuditedWrite({
    actor: await describeCaller(credential),
    action: 'create',
    clusterId: request.clusterId,
    ...(cluster ? { extensionId: formatExtensionId(cluster, request.name) } : {}),
    settings: request.configurationSettings,
    protectedKeys: Object.keys(request.configurationProtectedSettings),
  });
  return {
    async settle(result) {
      if ('thrown' in result) return write.fail(result.thrown);
      const { outcome, error } = createOutcome(result);
      return write.settle(outcome, error);
    },
  };
}
