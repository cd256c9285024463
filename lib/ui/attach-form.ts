/**
 * The attach wizard's starting answers. Pure; safe in client components.
 */
import { COMPUTE_NAME_PATTERN, DEFAULT_COMPUTE_NAMESPACE, type AttachRequestInput } from '@/lib/domain/attach';
import { SETTING, settingIsOn } from '@/lib/domain/settings-catalog';
import type { ClusterType } from '@/lib/domain/cluster';

/** What a compute will run; the attach preflight checks the extension runs it. */
export type AttachWorkload = 'training' | 'inference';

/** The workspace select's choice that reveals the resource-id field. */
export const OTHER_WORKSPACE = 'other';

/** The longest compute name (COMPUTE_NAME_PATTERN: 2 to 16 characters). */
const MAX_COMPUTE_NAME = 16;

/**
 * A compute name that follows the service's rule, from the cluster's name: letters, digits and
 * hyphens kept, starting with a letter, at most 16 characters, not ending with a hyphen. Empty
 * when nothing usable is left (the person types one).
 */
export function suggestComputeName(clusterName: string): string {
  const cleaned = clusterName.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '');
  const name = cleaned.slice(0, MAX_COMPUTE_NAME).replace(/-+$/, '');
  return COMPUTE_NAME_PATTERN.test(name) ? name : '';
}

/** The workloads an installed extension runs, as the catalog reads its settings (defaults included). */
export function workloadsOf(settings: Readonly<Record<string, string>>, clusterType: ClusterType): AttachWorkload[] {
  return [
    ...(settingIsOn(settings, SETTING.enableTraining, clusterType) ? (['training'] as const) : []),
    ...(settingIsOn(settings, SETTING.enableInference, clusterType) ? (['inference'] as const) : []),
  ];
}

/** The form's first values: the first workspace offered, a name from the cluster's, the default namespace. */
export function attachFormDefaults(clusterId: string, clusterName: string, workspaces: ReadonlyArray<{ id: string }>): AttachRequestInput {
  return {
    clusterId,
    workspaceId: workspaces[0]?.id ?? '',
    name: suggestComputeName(clusterName),
    namespace: DEFAULT_COMPUTE_NAMESPACE,
    identity: { type: 'None' },
    defaultInstanceType: '',
  };
}
