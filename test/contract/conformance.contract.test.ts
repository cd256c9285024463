/**
 * Conformance: every request the portal's SDK clients send to the emulator, and every response it
 * gives, checked against the Azure REST API specification of its operation and api-version
 * (test/fixtures/azure-rest-specs, validated by ./openapi.ts). The calls are the portal's own
 * (lib/azure, lib/domain bodies) where it has a function for them, else its SDK clients as it
 * builds them. One emulator for the whole file.
 *
 * Strict: any deviation fails, except those in KNOWN_DEVIATIONS (issue 16, being fixed), and each
 * of those must still occur, so a fixed one fails here until its entry is removed.
 */
import type { PatchExtension } from '@azure/arm-kubernetesconfiguration';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createArmClients } from '@/lib/azure/clients';
import { getExtension, listExtensions } from '@/lib/azure/extensions';
import { listAzureMlExtensions } from '@/lib/azure/fleet';
import { ensureRelayForArcCluster } from '@/lib/azure/relay';
import { runKubectl } from '@/lib/azure/run-command';
import { createExtension } from '@/lib/deploy/deploy-service';
import { startExtensionUpdate } from '@/lib/deploy/update-service';
import { buildExtensionBody } from '@/lib/domain/extension-body';
import { AZUREML_EXTENSIONS_QUERY } from '@/lib/domain/fleet-query';
import { AZUREML_NAMESPACE_COMMAND } from '@/lib/domain/namespace-read';
import { patchOf } from '@/lib/domain/update-request';
import type { Emulator } from '@/lib/sandbox/emulator';
import {
  FAILED_STATUSES_BEHAVIOURS,
  LRO_HEADER_BEHAVIOURS,
  PUT_EXISTING_BEHAVIOURS,
  type LroHeaderBehaviour,
  type PutExistingBehaviour,
} from '@/lib/sandbox/state';
import { armRequest } from '@/lib/sandbox/test-client';

import { conformanceReport, type AllowedUncovered, type KnownDeviation } from './conformance';
import { ExchangeLog } from './exchanges';
import { credential, EDGE_SUBSCRIPTION, PRODUCTION_SUBSCRIPTION, startContractEmulator, stopContractEmulator, TEST_POLL_INTERVAL_MS } from './harness';
import { OpenApiSpecs, type Exchange } from './openapi';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('./current-emulator')).runtimeOnContractEmulator(importOriginal));

/**
 * Deviations found by this test that issue 16's fixes (rows 2-4, 6-9) have not removed yet. Each
 * must still occur: remove an entry when its fix lands. Empty since rows 6, 7 and 8 landed; before
 * them this test found: Relay's 404 bodies `$.error` (row 6: Namespaces_Get, HybridConnections_Get,
 * HybridConnections_GetAuthorizationRule); OperationStatus_Get `$.startTime`, `$.endTime` (row 7);
 * ConnectedCluster_Get/ListByResourceGroup/ListBySubscription `properties.azureHybridBenefit`,
 * `distributionVersion`, `privateLinkState` and `offering: null` (row 8). Rows 2, 3, 4 and 9 are
 * about api-version handling, headers and timing, which no body schema sees; their own tests
 * are beside the emulator.
 */
const KNOWN_DEVIATIONS: KnownDeviation[] = [];

/**
 * Paths no spec has, allowed: the extension's `Location` pattern (`lroHeaders: 'location'`) polls
 * `.../operationResults/{id}`, ARM's generic result URL, which extensions.json does not declare.
 */
const ALLOWED_UNCOVERED: AllowedUncovered[] = [
  { method: 'GET', pattern: /\/providers\/Microsoft\.KubernetesConfiguration\/extensions\/[^/]+\/operationResults\/[^/]+$/i, reason: "ARM's Location pattern" },
];

/**
 * Surfaces the portal's use cases also call for which the collection has no spec (see
 * test/fixtures/azure-rest-specs/README.md): allowed only in the use-case test below.
 */
const NO_SPEC_SURFACES: AllowedUncovered[] = [
  { method: 'GET', pattern: /^\/subscriptions(\/[^/]+)?$/i, reason: 'subscriptions: no spec in the collection' },
  { method: 'GET', pattern: /^\/subscriptions\/[^/]+\/providers(\/[^/]+)?$/i, reason: 'resource providers: no spec in the collection' },
  { method: 'GET', pattern: /\/providers\/Microsoft\.Authorization\/permissions$/i, reason: 'permissions: no spec in the collection' },
];

const POLL = { updateIntervalInMs: TEST_POLL_INTERVAL_MS };
const ARC = {
  id: `/subscriptions/${EDGE_SUBSCRIPTION}/resourceGroups/rg-edge-factory/providers/Microsoft.Kubernetes/connectedClusters/arc-openshift-factory`,
  name: 'arc-openshift-factory',
  type: 'connectedClusters' as const,
  subscriptionId: EDGE_SUBSCRIPTION,
  resourceGroup: 'rg-edge-factory',
  location: 'westeurope',
};
const ARC_PATH = [ARC.resourceGroup, 'Microsoft.Kubernetes', 'connectedClusters', ARC.name] as const;
const AKS = { resourceGroup: 'rg-ml-prod-eastus', name: 'aks-prod-eastus' };
const AKS_ID = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/${AKS.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${AKS.name}`;

let specs: OpenApiSpecs;
let emulator: Emulator;
const log = new ExchangeLog();

beforeAll(async () => {
  emulator = await startContractEmulator();
  specs = await OpenApiSpecs.load();
  await log.attach(credential, [PRODUCTION_SUBSCRIPTION, EDGE_SUBSCRIPTION]);
});
afterAll(stopContractEmulator);

/**
 * Checks a surface's exchanges against the specs: each has a spec (or is allowed without one),
 * each operation in `operations` was exercised, no deviation outside KNOWN_DEVIATIONS, and each
 * known deviation of these operations still occurs. Returns the `operationId status` pairs checked.
 */
function expectConformance(exchanges: Exchange[], operations: string[], allowed: AllowedUncovered[] = []): Set<string> {
  const report = conformanceReport(specs, exchanges, operations, KNOWN_DEVIATIONS, [...ALLOWED_UNCOVERED, ...allowed]);
  expect(report.uncovered, 'exchanges no spec covers').toEqual([]);
  expect(report.notExercised, 'operations not exercised').toEqual([]);
  expect(report.unexpected, 'deviations from the spec').toEqual([]);
  expect(report.stale, 'KNOWN_DEVIATIONS entries that no longer occur: remove them').toEqual([]);
  return report.checked;
}

/** Reads every page of a pager (each page is one recorded exchange). */
async function drain(pages: AsyncIterable<unknown>): Promise<void> {
  const items: unknown[] = [];
  for await (const item of pages) items.push(item);
}

/** Chooses what the emulator does where the spec leaves ARM open (lib/sandbox/routes/sandbox-admin.ts). */
async function behaviour(choices: Record<string, string>): Promise<void> {
  const answer = await armRequest(emulator, 'PUT', '/_sandbox/behaviour', { token: null, body: choices });
  expect(answer.status).toBe(200);
}

async function resetWorld(): Promise<void> {
  expect((await armRequest(emulator, 'POST', '/_sandbox/reset', { token: null })).status).toBe(204);
}

/**
 * Every LRO header choice the emulator offers (the spec leaves it open), with the default PUT on an
 * existing extension, and the other PUT choice once: each run costs about a second (the SDK waits
 * the emulator's Retry-After: 1 between polls).
 */
const LIFECYCLE_CASES: Array<[LroHeaderBehaviour, PutExistingBehaviour]> = [
  ...LRO_HEADER_BEHAVIOURS.map((lro): [LroHeaderBehaviour, PutExistingBehaviour] => [lro, PUT_EXISTING_BEHAVIOURS[0]]),
  [LRO_HEADER_BEHAVIOURS[0], PUT_EXISTING_BEHAVIOURS[1]],
];

const EXTENSION_OPERATIONS = ['Extensions_Create', 'Extensions_Get', 'Extensions_List', 'Extensions_Update', 'Extensions_Delete'];

/** The portal's install of Azure ML on the Arc cluster (its own body), then read, list, PATCH, PUT again, delete, a 404. */
async function extensionLifecycle(): Promise<Exchange[]> {
  const { kubernetesConfiguration } = await createArmClients(credential, EDGE_SUBSCRIPTION);
  return log.during(async () => {
    const relay = await ensureRelayForArcCluster(credential, ARC, { pollIntervalMs: TEST_POLL_INTERVAL_MS });
    const body = buildExtensionBody(
      { clusterId: ARC.id, name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} },
      { id: ARC.id, name: ARC.name, type: 'connectedClusters', location: ARC.location, nodeCount: 4, distribution: 'openshift' },
      relay,
    );
    const extension = { ...body.properties, ...(body.identity ? { identity: body.identity } : {}) };
    await kubernetesConfiguration.extensions.beginCreateAndWait(...ARC_PATH, 'azureml', extension, POLL);
    const installed = await getExtension(credential, `${ARC.id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`);
    await listExtensions(credential, ARC.id);
    const settings = { ...(installed.configurationSettings ?? {}), logAnalyticsWS: 'True' };
    // Cast as lib/deploy/update-service.ts does: the spec's `version` is nullable, the SDK model's is not.
    await kubernetesConfiguration.extensions.beginUpdateAndWait(...ARC_PATH, 'azureml', patchOf(installed, { settings }) as PatchExtension, POLL);
    await kubernetesConfiguration.extensions.beginCreateAndWait(...ARC_PATH, 'azureml', { ...extension, configurationSettings: settings }, POLL);
    await kubernetesConfiguration.extensions.beginDeleteAndWait(...ARC_PATH, 'azureml', POLL);
    await expect(kubernetesConfiguration.extensions.get(...ARC_PATH, 'azureml')).rejects.toMatchObject({ statusCode: 404 });
  });
}

describe('conformance to the Azure REST API specifications', () => {
  it('Relay (2017-04-01): namespace, hybrid connection, authorization rule, keys, as the portal sets them up for an Arc cluster', async () => {
    const exchanges = await log.during(async () => {
      await ensureRelayForArcCluster(credential, ARC, { pollIntervalMs: TEST_POLL_INTERVAL_MS });
      // A second install finds them all (GET 200 each).
      await ensureRelayForArcCluster(credential, ARC, { pollIntervalMs: TEST_POLL_INTERVAL_MS });
    });
    const checked = expectConformance(exchanges, [
      'Namespaces_Get',
      'Namespaces_CreateOrUpdate',
      'HybridConnections_Get',
      'HybridConnections_CreateOrUpdate',
      'HybridConnections_GetAuthorizationRule',
      'HybridConnections_CreateOrUpdateAuthorizationRule',
      'HybridConnections_ListKeys',
    ]);
    // Error bodies were checked too (the first set-up finds nothing).
    expect([...checked]).toEqual(expect.arrayContaining(['Namespaces_Get 404', 'HybridConnections_Get 404', 'HybridConnections_GetAuthorizationRule 404']));
  });

  it.each(LIFECYCLE_CASES)('extensions (2023-05-01), lroHeaders %s, putExisting %s: create, operation status, get, list, patch, PUT again, delete, a 404', async (lroHeaders, putExisting) => {
    await resetWorld();
    await behaviour({ lroHeaders, putExisting });
    const exchanges = await extensionLifecycle();
    const polled = lroHeaders !== 'location' && lroHeaders !== 'none';
    const checked = expectConformance(exchanges, [...EXTENSION_OPERATIONS, ...(polled ? ['OperationStatus_Get'] : [])]);
    // The first PUT creates (201), the second updates (200); the last GET is an error body.
    expect([...checked]).toEqual(expect.arrayContaining(['Extensions_Create 201', 'Extensions_Create 200', 'Extensions_Get 404']));
  });

  it.each(FAILED_STATUSES_BEHAVIOURS)('extensions (2023-05-01): a failed install (E40002 on aks-fails-ha, statuses %s)', async (failedStatuses) => {
    await resetWorld();
    await behaviour({ failedStatuses });
    const { kubernetesConfiguration } = await createArmClients(credential, PRODUCTION_SUBSCRIPTION);
    const cluster = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/${AKS.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/aks-fails-ha`;
    const body = buildExtensionBody(
      { clusterId: cluster, name: 'azureml', configurationSettings: { enableInference: 'True', allowInsecureConnections: 'True', inferenceRouterServiceType: 'loadBalancer' }, configurationProtectedSettings: {} },
      { id: cluster, name: 'aks-fails-ha', type: 'managedClusters', location: 'eastus', nodeCount: 3 },
    );
    const exchanges = await log.during(async () => {
      await expect(
        kubernetesConfiguration.extensions.beginCreateAndWait(AKS.resourceGroup, 'Microsoft.ContainerService', 'managedClusters', 'aks-fails-ha', 'azureml', { ...body.properties, ...(body.identity ? { identity: body.identity } : {}) }, POLL),
      ).rejects.toBeDefined();
      await getExtension(credential, `${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`);
    });
    expectConformance(exchanges, ['Extensions_Create', 'OperationStatus_Get', 'Extensions_Get']);
  });

  it("the portal's own use cases: install on Arc (preflight, Relay found, PUT), then the API's update (PATCH with the Relay strings re-read)", async () => {
    await resetWorld();
    const clusterId = `/subscriptions/${EDGE_SUBSCRIPTION}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-single-node`;
    const id = `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
    // Relay first, polled fast: the install's own set-up would poll the new namespace every 5 s
    // (RELAY_NAMESPACE_POLL_INTERVAL_MS); the Relay test above checks those writes.
    await ensureRelayForArcCluster(credential, { ...ARC, id: clusterId, name: 'arc-single-node', resourceGroup: 'rg-edge-stores', location: 'eastus' }, { pollIntervalMs: TEST_POLL_INTERVAL_MS });
    const exchanges = await log.during(async () => {
      const created = await createExtension(credential, {
        clusterId,
        name: 'azureml',
        configurationSettings: { enableTraining: 'True' },
        configurationProtectedSettings: {},
      });
      expect(created).toMatchObject({ ok: true, id });
      await vi.waitFor(async () => expect((await getExtension(credential, id)).provisioningState).toBe('Succeeded'), { timeout: 5_000, interval: 50 });
      const updated = await startExtensionUpdate(credential, id, { configurationSettings: { logAnalyticsWS: 'True' }, configurationProtectedSettings: {} });
      expect(updated).toMatchObject({ status: 'started' });
      await vi.waitFor(async () => expect((await getExtension(credential, id)).provisioningState).toBe('Succeeded'), { timeout: 5_000, interval: 50 });
    });
    const checked = expectConformance(exchanges, ['ConnectedCluster_Get', 'Namespaces_Get', 'HybridConnections_ListKeys', 'Extensions_Create', 'Extensions_Update', 'Extensions_Get'], NO_SPEC_SURFACES);
    expect([...checked]).toEqual(expect.arrayContaining(['Extensions_Create 201', 'Extensions_Update 202']));
  });

  it('connected clusters (2021-10-01): get, list by resource group and by subscription', async () => {
    const { connectedKubernetes } = await createArmClients(credential, EDGE_SUBSCRIPTION);
    const exchanges = await log.during(async () => {
      await connectedKubernetes.connectedClusterOperations.get(ARC.resourceGroup, ARC.name);
      await drain(connectedKubernetes.connectedClusterOperations.listByResourceGroup('rg-edge-stores'));
      await drain(connectedKubernetes.connectedClusterOperations.listBySubscription());
    });
    expectConformance(exchanges, ['ConnectedCluster_Get', 'ConnectedCluster_ListByResourceGroup', 'ConnectedCluster_ListBySubscription']);
  });

  it('managed clusters (2026-04-01): get, list, runCommand and commandResults', async () => {
    const { containerService } = await createArmClients(credential, PRODUCTION_SUBSCRIPTION);
    const exchanges = await log.during(async () => {
      await containerService.managedClusters.get(AKS.resourceGroup, AKS.name);
      await drain(containerService.managedClusters.listByResourceGroup(AKS.resourceGroup));
      await drain(containerService.managedClusters.list());
      await runKubectl(credential, AKS_ID, AZUREML_NAMESPACE_COMMAND, { pollIntervalMs: TEST_POLL_INTERVAL_MS });
    });
    expectConformance(exchanges, ['ManagedClusters_Get', 'ManagedClusters_ListByResourceGroup', 'ManagedClusters_List', 'ManagedClusters_RunCommand', 'ManagedClusters_GetCommandResult']);
  });

  it('Resource Graph (2024-04-01): the fleet query, and the same query one row per page ($skipToken)', async () => {
    const { resourceGraph } = await createArmClients(credential);
    const subscriptions = [PRODUCTION_SUBSCRIPTION, EDGE_SUBSCRIPTION];
    const exchanges = await log.during(async () => {
      await listAzureMlExtensions(credential, subscriptions);
      let skipToken: string | undefined;
      do {
        const page = await resourceGraph.resources({
          query: AZUREML_EXTENSIONS_QUERY,
          subscriptions,
          options: { resultFormat: 'objectArray', top: 1, ...(skipToken ? { skipToken } : {}) },
        });
        skipToken = page.skipToken;
      } while (skipToken);
    });
    expect(exchanges.length, 'pages').toBeGreaterThan(2);
    expect(expectConformance(exchanges, ['Resources'])).toContain('Resources 200');
  });
});
