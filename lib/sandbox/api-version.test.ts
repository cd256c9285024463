/**
 * ARM's api-version rule (issue 16, row 2): every ARM route needs one its namespace supports
 * (api-versions.ts), the sandbox's own routes do not, and every SDK the portal uses sends one
 * the table accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenCredential } from '@azure/core-auth';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { ConnectedKubernetesClient } from '@azure/arm-hybridkubernetes';
import { SourceControlConfigurationClient } from '@azure/arm-kubernetesconfiguration';
import { RelayAPI } from '@azure/arm-relay';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { AZUREML_EXTENSIONS_QUERY } from '@/lib/domain/fleet-query';
import { resourceTypeOf, supportedApiVersions } from './api-versions';
import { EXTENSIONS_API_VERSION } from './operations';
import { startEmulator, type Emulator } from './emulator';
import { SANDBOX_TOKEN } from './runtime';
import { armRequest, asRecord } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from './world';

const AKS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const ARC = `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;
const RELAY_NS = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Relay/namespaces`;

/** One route per surface, with the namespace and resource type ARM would name. */
const ROUTES: Array<{ method: string; path: string; namespace: string; type: string; body?: unknown }> = [
  { method: 'GET', path: '/subscriptions', namespace: 'Microsoft.Resources', type: 'subscriptions' },
  { method: 'GET', path: `/subscriptions/${PROD}/resourceGroups`, namespace: 'Microsoft.Resources', type: 'resourceGroups' },
  { method: 'GET', path: `/subscriptions/${PROD}/providers/Microsoft.Relay`, namespace: 'Microsoft.Resources', type: 'providers' },
  { method: 'POST', path: `/subscriptions/${PROD}/providers/Microsoft.Relay/register`, namespace: 'Microsoft.Resources', type: 'providers' },
  { method: 'GET', path: AKS, namespace: 'Microsoft.ContainerService', type: 'managedClusters' },
  { method: 'GET', path: ARC, namespace: 'Microsoft.Kubernetes', type: 'connectedClusters' },
  { method: 'GET', path: `${ARC}/providers/Microsoft.KubernetesConfiguration/extensions`, namespace: 'Microsoft.KubernetesConfiguration', type: 'extensions' },
  { method: 'GET', path: RELAY_NS, namespace: 'Microsoft.Relay', type: 'namespaces' },
  {
    method: 'POST',
    path: '/providers/Microsoft.ResourceGraph/resources',
    namespace: 'Microsoft.ResourceGraph',
    type: 'resources',
    body: { query: AZUREML_EXTENSIONS_QUERY },
  },
  {
    method: 'GET',
    path: `/subscriptions/${PROD}/resourcegroups/rg-ml-prod-eastus/providers/Microsoft.Authorization/permissions`,
    namespace: 'Microsoft.Authorization',
    type: 'permissions',
  },
];

const credential: TokenCredential = {
  getToken: async () => ({ token: SANDBOX_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 100 });
});
afterAll(async () => {
  await emu.close();
});

const errorOf = (body: unknown) => asRecord(asRecord(body).error);

describe('api-version', () => {
  it('names the resource type of every route as ARM does', () => {
    for (const route of ROUTES) expect(resourceTypeOf(route.path), route.path).toEqual({ namespace: route.namespace, type: route.type });
    expect(resourceTypeOf(`${AKS}/providers/Microsoft.KubernetesConfiguration/extensions/azureml/operations/abc`)).toEqual({
      namespace: 'Microsoft.KubernetesConfiguration',
      type: 'extensions/operations',
    });
  });

  it('hands out URLs with the version the SDK sends', () => {
    // The SDK client itself says which version it sends: the table must agree with it.
    const client = new SourceControlConfigurationClient({ getToken: async () => null }, PROD);
    expect(EXTENSIONS_API_VERSION).toBe(client.apiVersion);
    expect(supportedApiVersions('Microsoft.KubernetesConfiguration')).toContain(client.apiVersion);
  });

  it('answers 400 MissingApiVersionParameter on every ARM route without one (or with an empty one)', async () => {
    for (const route of ROUTES) {
      for (const path of [route.path, `${route.path}?api-version=`]) {
        const r = await armRequest(emu, route.method, path, route.body === undefined ? {} : { body: route.body });
        expect(r.status, `${route.method} ${path}`).toBe(400);
        expect(errorOf(r.body)).toEqual({
          code: 'MissingApiVersionParameter',
          message: 'The api-version query parameter (?api-version=) is required for all requests.',
        });
      }
    }
  });

  it('answers 400 InvalidApiVersionParameter with the supported versions for one the namespace does not support', async () => {
    for (const route of ROUTES) {
      const r = await armRequest(emu, route.method, `${route.path}?api-version=1999-01-01`, route.body === undefined ? {} : { body: route.body });
      expect(r.status, route.path).toBe(400);
      const error = errorOf(r.body);
      expect(error.code).toBe('InvalidApiVersionParameter');
      const list = supportedApiVersions(route.namespace as Parameters<typeof supportedApiVersions>[0]).join(', ');
      expect(error.message).toBe(
        route.namespace === 'Microsoft.Resources'
          ? `The api-version '1999-01-01' is invalid. The supported versions are '${list}'.`
          : `The resource type '${route.type}' could not be found in the namespace '${route.namespace}' for api version '1999-01-01'. The supported api-versions are '${list}'.`,
      );
    }
    // The extensions version is not the clusters' one: each namespace has its own list.
    expect((await armRequest(emu, 'GET', `${AKS}?api-version=2023-05-01`)).status).toBe(400);
  });

  it('accepts every supported version, in any case', async () => {
    expect((await armRequest(emu, 'GET', `${AKS}?api-version=2026-04-01`)).status).toBe(200);
    expect((await armRequest(emu, 'GET', '/subscriptions?api-version=2025-04-01')).status).toBe(200);
    expect((await armRequest(emu, 'GET', '/subscriptions?api-version=2022-12-01')).status).toBe(200);
    expect((await armRequest(emu, 'GET', `${RELAY_NS}?API-Version=2017-04-01`)).status).toBe(200);
    expect((await armRequest(emu, 'GET', `${AKS}?api-version=2026-04-01-PREVIEW`)).status).toBe(400);
  });

  it('leaves the sandbox admin routes and the Kubernetes APIs without one', async () => {
    expect((await armRequest(emu, 'GET', '/_sandbox/clusters', { token: null })).status).toBe(200);
    expect((await armRequest(emu, 'GET', '/_sandbox/stats', { token: null })).status).toBe(200);
    // The Kubernetes API has its own token: an ARM token is 401 there, never a 400 for api-version.
    expect((await armRequest(emu, 'GET', '/_kube/arc-k3s-edge/api/v1/namespaces/azureml/pods')).status).toBe(401);
  });

  it('accepts what every SDK the portal uses sends', async () => {
    const opts = { endpoint: emu.endpoint, tlsOptions: { ca: emu.ca }, retryOptions: { maxRetries: 0 } };
    const modular = { ...opts, credentials: { scopes: ['https://management.azure.com/.default'] } };
    const first = async <T>(pages: AsyncIterable<T>) => {
      for await (const item of pages) return item;
      return undefined;
    };
    expect(await first(new SubscriptionClient(credential, opts).subscriptions.list())).toBeDefined();
    const resources = new ResourceManagementClient(credential, PROD, opts);
    expect((await resources.providers.get('Microsoft.Relay')).registrationState).toBe('Registered');
    expect(await first(resources.resourceGroups.list())).toBeDefined();
    expect((await new ContainerServiceClient(credential, PROD, modular).managedClusters.get('rg-ml-prod-eastus', 'aks-prod-eastus')).name).toBe(
      'aks-prod-eastus',
    );
    expect((await new ConnectedKubernetesClient(credential, EDGE, opts).connectedClusterOperations.get('rg-edge-stores', 'arc-k3s-edge')).name).toBe(
      'arc-k3s-edge',
    );
    const extensions = new SourceControlConfigurationClient(credential, EDGE, opts).extensions;
    expect((await extensions.get('rg-edge-stores', 'Microsoft.Kubernetes', 'connectedClusters', 'arc-k3s-edge', 'azureml')).name).toBe('azureml');
    expect(await first(new RelayAPI(credential, EDGE, opts).namespaces.listByResourceGroup('rg-edge-stores'))).toBeDefined();
    const graph = await new ResourceGraphClient(credential, modular).resources({ query: AZUREML_EXTENSIONS_QUERY, subscriptions: [PROD] });
    expect(graph.count).toBeGreaterThan(0);
    const permissions = new AuthorizationManagementClient(credential, PROD, opts).permissions;
    expect(await first(permissions.listForResourceGroup('rg-ml-prod-eastus'))).toBeDefined();
    expect(await first(new AzureMachineLearningWorkspaces(credential, PROD, opts).workspaces.listBySubscription())).toBeDefined();
  });
});
