/**
 * What the review says will happen, read from the planned ARM body rather than the form: the CLI
 * changes some answers on the way (inferenceRouterHA off under 3 nodes), and the body is what
 * will be sent. Pure.
 */
import { readBooleanSetting } from '@/lib/domain/expected-components';

/** The planned body's `configurationSettings`, or null when `extension` is not a planned body. */
export function plannedSettings(extension: unknown): Record<string, string> | null {
  if (typeof extension !== 'object' || extension === null) return null;
  const settings = (extension as { properties?: { configurationSettings?: unknown } }).properties?.configurationSettings;
  if (typeof settings !== 'object' || settings === null) return null;
  return settings as Record<string, string>;
}

/**
 * Whether the router will run highly available: the planned body's value once there is a plan
 * (the extension's default, on, when the body leaves it out), the form's answer until then.
 */
export function plannedRouterHa(extension: unknown, formAnswer: boolean): boolean {
  const settings = plannedSettings(extension);
  return settings ? readBooleanSetting(settings, 'inferenceRouterHA', true) : formAnswer;
}
