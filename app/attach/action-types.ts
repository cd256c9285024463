/**
 * What the attach wizard's and the instance-type page's server actions answer, in the deploy
 * actions' dialect (app/deploy/action-types.ts): expected outcomes are values, the unexpected
 * reach error.tsx. No answer carries a secret (a compute's connection strings never leave Azure's seam).
 */
import type { ActionFailure } from '@/app/deploy/action-types';
import type { KubernetesComputeBody } from '@/lib/domain/attach';
import type { AttachFinding, NamespaceOrigin } from '@/lib/domain/attach-preflight';

/** `planAttachAction`: what the attach would send, and what its preflight found. */
export type PlanAttachResult =
  | {
      status: 'planned';
      body: KubernetesComputeBody;
      azCommand: string;
      bicep: string;
      /** Fields `az ml compute attach` has no option for (the Bicep and the portal set them). */
      cliCannotSet: string[];
      findings: AttachFinding[];
      namespaceOrigin: NamespaceOrigin;
    }
  | ActionFailure;

/** `attachAction`: ARM accepted the compute's PUT, or why not. */
export type AttachResult =
  | { status: 'started'; id: string; statusUrl: string }
  /** Preflight found an error: nothing was sent. */
  | { status: 'blocked'; findings: AttachFinding[] }
  | ActionFailure;

/** `detachComputeAction`: ARM accepted the detach, or why not. */
export type DetachResult = { status: 'started' } | ActionFailure;
