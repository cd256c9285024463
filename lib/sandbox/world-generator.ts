/**
 * Generated worlds for scale: many subscriptions, clusters and installed Azure ML extensions,
 * built from the same types as the seeded world (world-types.ts), so the emulator serves them
 * exactly as it serves world.ts. Used by the benchmark (`SANDBOX_WORLD=fleet:10:1000`) and tests.
 */
import { aks, allRegistered, arc, SEEDED_WORLD } from './world';
import type {
  World,
  WorldCluster,
  WorldExtension,
  WorldSubscription,
} from './world-types';

/** Size of a generated fleet. */
export interface FleetWorldSize {
  subscriptions: number;
  /** Installed Azure ML extensions, one per cluster, spread evenly over the subscriptions. */
  extensions: number;
}

/** Upper bounds, so a typo in `SANDBOX_WORLD` cannot make the emulator build a world that eats memory. */
export const MAX_GENERATED_SUBSCRIPTIONS = 1_000;
export const MAX_GENERATED_EXTENSIONS = 20_000;
/** Every Nth generated cluster is Arc-enabled (the rest AKS), as in a fleet mostly on AKS. */
export const ARC_EVERY_NTH_CLUSTER = 4;

const REGIONS = ['eastus', 'westeurope', 'eastus2', 'northeurope'] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Stable, valid-looking subscription id for generated subscription `index` (0-based). */
export function generatedSubscriptionId(index: number): string {
  return `f1ee7000-0000-4000-8000-${pad(index, 12)}`;
}

function subscription(index: number): WorldSubscription {
  return {
    subscriptionId: generatedSubscriptionId(index),
    displayName: `Fleet subscription ${pad(index + 1, 3)}`,
    providers: allRegistered,
    resourceGroups: REGIONS.map((location) => ({ name: `rg-fleet-${location}`, location })),
  };
}

/** The seeded world's ordinary AKS or Arc cluster, placed in `sub` and a region. */
function cluster(index: number, sub: WorldSubscription): WorldCluster {
  const location = REGIONS[index % REGIONS.length];
  const placement = { subscriptionId: sub.subscriptionId, resourceGroup: `rg-fleet-${location}`, location };
  const purpose = 'Generated fleet cluster with Azure ML installed.';
  return index % ARC_EVERY_NTH_CLUSTER === ARC_EVERY_NTH_CLUSTER - 1
    ? arc(`fleet-arc-${pad(index, 5)}`, purpose, placement)
    : aks(`fleet-aks-${pad(index, 5)}`, purpose, placement);
}

function extension(c: WorldCluster): WorldExtension {
  return {
    clusterName: c.name,
    name: 'azureml',
    extensionType: 'Microsoft.AzureML.Kubernetes',
    releaseTrain: 'stable',
    autoUpgradeMinorVersion: true,
    version: null,
    currentVersion: '1.1.64',
    // Training only: no TLS material to invent, and no Relay for the Arc ones to seed.
    configurationSettings: { enableTraining: 'True', enableInference: 'False' },
    configurationProtectedSettings: {},
    createdAt: '2025-10-01T08:00:00Z',
    createdBy: 'fleet.admin@contoso.example',
  };
}

function checkSize(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`${what} must be an integer from 1 to ${max}, not ${value}.`);
}

/**
 * A world of `extensions` clusters (every {@link ARC_EVERY_NTH_CLUSTER}th Arc, the rest AKS),
 * each with one Succeeded Azure ML extension, dealt round-robin over `subscriptions`
 * subscriptions with every provider registered. Deterministic: the same size gives the same ids.
 */
export function generateFleetWorld(size: FleetWorldSize): World {
  checkSize(size.subscriptions, MAX_GENERATED_SUBSCRIPTIONS, 'subscriptions');
  checkSize(size.extensions, MAX_GENERATED_EXTENSIONS, 'extensions');
  const subscriptions = Array.from({ length: size.subscriptions }, (_, i) => subscription(i));
  const clusters = Array.from({ length: size.extensions }, (_, i) => cluster(i, subscriptions[i % subscriptions.length]));
  return {
    tenantId: SEEDED_WORLD.tenantId,
    userPrincipalName: SEEDED_WORLD.userPrincipalName,
    subscriptions,
    clusters,
    extensions: clusters.map(extension),
    relayNamespaces: [],
  };
}

const FLEET_SPEC = /^fleet:(\d+):(\d+)$/;

/**
 * The world `SANDBOX_WORLD` asks for: unset or blank → undefined (the seeded world);
 * `fleet:<subscriptions>:<extensions>` → {@link generateFleetWorld}. Anything else throws, so a
 * mistyped setting fails the start instead of silently serving the seeded world.
 */
export function worldFromEnvironment(value: string | undefined): World | undefined {
  const spec = value?.trim();
  if (!spec) return undefined;
  const match = FLEET_SPEC.exec(spec);
  if (!match) throw new Error(`SANDBOX_WORLD must be empty or fleet:<subscriptions>:<extensions> (e.g. fleet:10:1000), not '${spec}'.`);
  return generateFleetWorld({ subscriptions: Number(match[1]), extensions: Number(match[2]) });
}
