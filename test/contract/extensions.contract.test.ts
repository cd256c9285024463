/**
 * Contract: `Microsoft.KubernetesConfiguration/extensions` (`@azure/arm-kubernetesconfiguration`
 * 6.1.0) and Resource Graph (`@azure/arm-resourcegraph` 5.0.0) requests from the ARM examples, sent
 * through the portal's SDK clients into the emulator.
 */
import type { Extension, PatchExtension } from '@azure/arm-kubernetesconfiguration';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createArmClients } from '@/lib/azure/clients';
import { listAzureMlExtensions } from '@/lib/azure/fleet';
import { AZUREML_EXTENSIONS_QUERY } from '@/lib/domain/fleet-query';
import type { Emulator } from '@/lib/sandbox/emulator';

import {
  credential,
  EDGE_SUBSCRIPTION,
  exampleBody,
  loadExample,
  PRODUCTION_SUBSCRIPTION,
  recorder,
  startContractEmulator,
  stopContractEmulator,
  TEST_POLL_INTERVAL_MS,
} from './harness';
import { expectShape } from './shape';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('./current-emulator')).runtimeOnContractEmulator(importOriginal));

/** The examples' `clusterName1` (an Arc cluster) mapped onto a seeded Arc cluster without extensions. */
const CLUSTER = ['rg-edge-factory', 'Microsoft.Kubernetes', 'connectedClusters', 'arc-openshift-factory'] as const;
const EXTENSION_NAME = 'ClusterMonitor';

/** Free-form maps in extension bodies. */
const EXTENSION_MAPS = ['properties.configurationSettings', 'value[].properties.configurationSettings'];
/** Nothing of the single-extension examples is left unmodelled. */
const EXTENSION_IGNORE: string[] = [];

let emulator: Emulator;

/** The examples' request bodies nest `properties`; the SDK models are flattened. */
function sdkModel<T>(wireBody: unknown): T {
  const { properties, ...rest } = wireBody as { properties?: Record<string, unknown> };
  return { ...rest, ...properties } as T;
}

beforeAll(async () => {
  emulator = await startContractEmulator();
});
afterAll(stopContractEmulator);

async function extensionsClient() {
  return (await createArmClients(credential, EDGE_SUBSCRIPTION)).kubernetesConfiguration;
}

function assertAsyncOperationHeaders(headers: Record<string, string>) {
  const asyncOperation = headers['azure-asyncoperation'];
  expect(asyncOperation, 'Azure-AsyncOperation header').toBeDefined();
  // Absolute, on the emulator's own origin (never the examples' http://management.azure.com).
  expect(asyncOperation.startsWith(`${emulator.endpoint}/`)).toBe(true);
  // core-lro would follow Operation-Location instead; if present it must be the same URL.
  if (headers['operation-location']) expect(headers['operation-location']).toBe(asyncOperation);
}

describe('Microsoft.KubernetesConfiguration/extensions', () => {
  let asyncOperationUrl = '';

  it('CreateExtension: PUT answers 201 with the example body shape and an absolute Azure-AsyncOperation', async () => {
    const example = loadExample('kubernetesconfiguration/2023-05-01/CreateExtension.json');
    const client = await extensionsClient();
    const raw = recorder();
    const poller = await client.extensions.beginCreate(...CLUSTER, EXTENSION_NAME, sdkModel<Extension>(example.parameters.extension), {
      updateIntervalInMs: TEST_POLL_INTERVAL_MS,
      onResponse: raw.onResponse,
    });
    const initial = raw.responses[0];
    expect(initial.status).toBe(201);
    assertAsyncOperationHeaders(initial.headers);
    asyncOperationUrl = initial.headers['azure-asyncoperation'];
    expectShape(initial.body, exampleBody(example, '201'), { maps: EXTENSION_MAPS, ignore: EXTENSION_IGNORE, nullable: ['properties.version'] });
    const created = await poller.pollUntilDone();
    expect(created.provisioningState).toBe('Succeeded');
  });

  it('GetExtensionAsyncOperationStatus: the Azure-AsyncOperation URL, fetched through the client pipeline, has the example shape', async () => {
    const example = loadExample('kubernetesconfiguration/2023-05-01/GetExtensionAsyncOperationStatus.json');
    const client = await extensionsClient();
    const response = await client.sendRequest(createPipelineRequest({ url: asyncOperationUrl, method: 'GET' }));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.bodyAsText ?? '') as { status: string };
    expect(body.status).toBe('Succeeded');
    expectShape(body, exampleBody(example, '200'), { maps: ['properties'] });
  });

  it('GetExtension: GET has the example shape and never returns protected values', async () => {
    const example = loadExample('kubernetesconfiguration/2023-05-01/GetExtension.json');
    const client = await extensionsClient();
    const raw = recorder();
    await client.extensions.get(...CLUSTER, EXTENSION_NAME, { onResponse: raw.onResponse });
    expectShape(raw.last().body, exampleBody(example, '200'), { maps: EXTENSION_MAPS, ignore: EXTENSION_IGNORE, nullable: ['properties.version'] });
    expect(JSON.stringify(raw.last().body)).not.toContain('secretKeyValue01');
  });

  it('ListExtensions: list has the example shape', async () => {
    const example = loadExample('kubernetesconfiguration/2023-05-01/ListExtensions.json');
    const client = await extensionsClient();
    const raw = recorder();
    const names: string[] = [];
    for await (const extension of client.extensions.list(...CLUSTER, { onResponse: raw.onResponse })) names.push(extension.name ?? '');
    expect(names).toEqual([EXTENSION_NAME]);
    expectShape(raw.responses[0].body, exampleBody(example, '200'), {
      maps: EXTENSION_MAPS,
      // `plan` is on one marketplace extension of the example (the portal installs none).
      // EMULATOR GAP: the last page omits `nextLink` where the example sends `"nextLink": null`;
      // the SDK pager treats both alike.
      ignore: [...EXTENSION_IGNORE, 'value[].plan', 'nextLink'],
    });
  });

  it('PatchExtension: PATCH answers 202 with the example body shape, then completes', async () => {
    const example = loadExample('kubernetesconfiguration/2023-05-01/PatchExtension.json');
    const client = await extensionsClient();
    const raw = recorder();
    const poller = await client.extensions.beginUpdate(...CLUSTER, EXTENSION_NAME, sdkModel<PatchExtension>(example.parameters.patchExtension), {
      updateIntervalInMs: TEST_POLL_INTERVAL_MS,
      onResponse: raw.onResponse,
    });
    const initial = raw.responses[0];
    expect(initial.status).toBe(202);
    assertAsyncOperationHeaders(initial.headers);
    expectShape(initial.body, exampleBody(example, '202'), { maps: EXTENSION_MAPS, nullable: ['properties.version'] });
    const updated = await poller.pollUntilDone();
    expect(updated.autoUpgradeMinorVersion).toBe(true);
  });

  it('DeleteExtension: DELETE answers 202 with an absolute Azure-AsyncOperation, then the extension is gone', async () => {
    const example = loadExample('kubernetesconfiguration/2023-05-01/DeleteExtension.json');
    expect(example.responses['202'].headers?.['Azure-AsyncOperation']).toBeDefined();
    const client = await extensionsClient();
    const raw = recorder();
    const poller = await client.extensions.beginDelete(...CLUSTER, EXTENSION_NAME, {
      updateIntervalInMs: TEST_POLL_INTERVAL_MS,
      onResponse: raw.onResponse,
    });
    expect(raw.responses[0].status).toBe(202);
    assertAsyncOperationHeaders(raw.responses[0].headers);
    await poller.pollUntilDone();
    await expect(client.extensions.get(...CLUSTER, EXTENSION_NAME)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('Microsoft.ResourceGraph/resources with the portal query', () => {
  const AZUREML_BODY = {
    extensionType: 'Microsoft.AzureML.Kubernetes',
    configurationSettings: { enableTraining: 'True', enableInference: 'False' },
  };
  /** More AzureML extensions than one emulator page holds, so the next-page path is exercised. */
  const EXTRA_CLUSTERS = [
    ['rg-ml-prod-westeurope', 'aks-prod-westeurope'],
    ['rg-ml-prod-eastus', 'aks-two-nodes'],
    ['rg-ml-prod-eastus', 'aks-gpu-nc'],
    ['rg-ml-prod-eastus', 'aks-crash-loop'],
  ] as const;

  beforeAll(async () => {
    const { kubernetesConfiguration } = await createArmClients(credential, PRODUCTION_SUBSCRIPTION);
    await Promise.all(
      EXTRA_CLUSTERS.map(([resourceGroup, name]) =>
        kubernetesConfiguration.extensions.beginCreateAndWait(resourceGroup, 'Microsoft.ContainerService', 'managedClusters', name, 'azureml', AZUREML_BODY, {
          updateIntervalInMs: TEST_POLL_INTERVAL_MS,
        }),
      ),
    );
  });

  it('ResourcesBasicQuery / ResourcesNextPageQuery: pages have the example shapes', async () => {
    const basic = loadExample('resourcegraph/2024-04-01/ResourcesBasicQuery.json');
    const nextPage = loadExample('resourcegraph/2024-04-01/ResourcesNextPageQuery.json');
    const { resourceGraph } = await createArmClients(credential);
    const subscriptions = [PRODUCTION_SUBSCRIPTION, EDGE_SUBSCRIPTION];
    // Result rows are the query's own projection, not the examples' columns: compare only that
    // each row is an object.
    const shape = { maps: ['data[]'] };

    const first = recorder();
    const page1 = await resourceGraph.resources({ query: AZUREML_EXTENSIONS_QUERY, subscriptions }, { onResponse: first.onResponse });
    expect(page1.skipToken, 'more rows than one page').toBeTruthy();
    expectShape(first.last().body, exampleBody(nextPage, '200'), shape);

    const second = recorder();
    const page2 = await resourceGraph.resources(
      { query: AZUREML_EXTENSIONS_QUERY, subscriptions, options: { skipToken: page1.skipToken } },
      { onResponse: second.onResponse },
    );
    expect(page2.skipToken).toBeUndefined();
    expectShape(second.last().body, exampleBody(basic, '200'), shape);
    expect(page1.count + page2.count).toBe(page1.totalRecords);
  });

  it('listAzureMlExtensions follows $skipToken to the end and returns every row', async () => {
    const rows = await listAzureMlExtensions(credential, [PRODUCTION_SUBSCRIPTION, EDGE_SUBSCRIPTION]);
    const clusters = rows.map((row) => row.clusterName).sort();
    expect(clusters).toEqual(['aks-crash-loop', 'aks-gpu-nc', 'aks-prod-eastus', 'aks-prod-westeurope', 'aks-two-nodes', 'arc-k3s-edge']);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(rows.every((row) => row.clusterType === 'managedClusters' || row.clusterType === 'connectedClusters')).toBe(true);
  });
});
