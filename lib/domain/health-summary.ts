/**
 * "Is it working?" in one line: the extension's provisioning state and its components' health
 * folded into one level, with the counts and the components that are not well. The status page's
 * header and the fleet's Health column show the same summary (components/health-summary.tsx).
 * Pure: classification comes from the one status vocabulary.
 */
import { allComponentsReady, type ComponentHealth, type ComponentState } from './component-health';
import { statusClassOf, type StatusColour } from './status-vocabulary';

/**
 * - `healthy`: Succeeded and every expected component Ready;
 * - `progressing`: an operation runs, or components are still starting;
 * - `degraded`: Succeeded, but a component failed or is missing (or the operation was canceled);
 * - `failed`: the install or update itself failed;
 * - `unknown`: components could not be read, or ARM reported a state nobody knows.
 */
export type HealthLevel = 'healthy' | 'progressing' | 'degraded' | 'failed' | 'unknown';

/** One component that is not Ready, in the summary. */
export interface HealthProblem {
  name: string;
  state: ComponentState;
  /** The cluster's short reason (`CrashLoopBackOff`), when it gave one. */
  reasonCode?: string;
}

export interface HealthSummary {
  level: HealthLevel;
  provisioningState: string;
  /** Components read as Ready, of those expected or found. 0 of 0 when none could be read. */
  ready: number;
  total: number;
  componentsAvailable: boolean;
  /** Components not Ready, failed first, then in the table's order. */
  problems: HealthProblem[];
}

/** What {@link summarizeHealth} reads: the status view's fields. */
export interface HealthInput {
  provisioningState: string;
  components: ReadonlyArray<Pick<ComponentHealth, 'name' | 'state' | 'reason'>>;
  componentsAvailable: boolean;
}

/** The badge colour of each level. */
export const HEALTH_COLOURS: Readonly<Record<HealthLevel, StatusColour>> = {
  healthy: 'success',
  progressing: 'brand',
  degraded: 'warning',
  failed: 'danger',
  unknown: 'informative',
};

/** `CrashLoopBackOff: back-off 5m0s ...` → `CrashLoopBackOff`; a sentence of the portal's own is not a code. */
function reasonCodeOf(reason: string | undefined): string | undefined {
  const code = reason?.split(':', 1)[0]?.trim();
  return code && /^[A-Z][A-Za-z]+$/.test(code) ? code : undefined;
}

/** The one-line health of an extension, first rule wins (see {@link HealthLevel}). */
export function summarizeHealth(input: HealthInput): HealthSummary {
  const { components, componentsAvailable, provisioningState } = input;
  const ready = components.filter((c) => statusClassOf(c.state) === 'healthy').length;
  const notReady = components.filter((c) => statusClassOf(c.state) !== 'healthy');
  const failing = notReady.filter((c) => statusClassOf(c.state) === 'failed');
  const problems = [...failing, ...notReady.filter((c) => !failing.includes(c))].map((c) => {
    const reasonCode = reasonCodeOf(c.reason);
    return { name: c.name, state: c.state, ...(reasonCode ? { reasonCode } : {}) };
  });
  const base = { provisioningState, ready, total: components.length, componentsAvailable, problems };
  const provisioning = statusClassOf(provisioningState);
  const level = ((): HealthLevel => {
    if (provisioning === 'failed') return 'failed';
    if (provisioning === 'in-progress') return 'progressing';
    if (provisioning === 'terminal' || provisioning === 'degraded') return 'degraded';
    if (provisioning === 'unknown' || !componentsAvailable) return 'unknown';
    if (failing.length > 0) return 'degraded';
    if (allComponentsReady(components)) return 'healthy';
    return components.length === 0 ? 'unknown' : 'progressing';
  })();
  return { level, ...base };
}
