import { describe, expect, it } from 'vitest';

import type { FleetItem } from '@/lib/domain/fleet-query';

import { clusterPartsOf, clusterTypeLabel, filterFleet, NO_FILTER, statesIn } from './fleet-filter';

const row = (cluster: string, type: string, sub: string, state: string): FleetItem => ({
  id: `/subscriptions/${sub}/resourceGroups/rg-${cluster}/providers/Microsoft.X/${type}/${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
  name: 'azureml',
  clusterId: `/subscriptions/${sub}/resourceGroups/rg-${cluster}/providers/Microsoft.X/${type}/${cluster}`,
  clusterType: type,
  subscriptionId: sub,
  location: 'eastus',
  version: '1.1.64',
  provisioningState: state,
  health: { state: 'checking' },
});

const rows = [row('aks-a', 'managedClusters', 'prod', 'Succeeded'), row('arc-b', 'connectedClusters', 'edge', 'Failed'), row('aks-c', 'managedClusters', 'edge', 'Creating')];
const names = new Map([['edge', 'Contoso ML Edge']]);
const clusters = (list: FleetItem[]) => list.map((r) => clusterPartsOf(r.clusterId).name);

describe('filterFleet', () => {
  it('filters by type, state and subscription, together', () => {
    expect(clusters(filterFleet(rows, { ...NO_FILTER, type: 'managedClusters' }, names))).toEqual(['aks-a', 'aks-c']);
    expect(clusters(filterFleet(rows, { ...NO_FILTER, state: 'failed' }, names))).toEqual(['arc-b']);
    expect(clusters(filterFleet(rows, { ...NO_FILTER, subscription: 'edge', type: 'managedClusters' }, names))).toEqual(['aks-c']);
  });

  it('searches cluster names, resource groups and subscription names', () => {
    expect(clusters(filterFleet(rows, { ...NO_FILTER, search: 'ARC-' }, names))).toEqual(['arc-b']);
    expect(clusters(filterFleet(rows, { ...NO_FILTER, search: 'rg-aks-c' }, names))).toEqual(['aks-c']);
    expect(clusters(filterFleet(rows, { ...NO_FILTER, search: 'ml edge' }, names))).toEqual(['arc-b', 'aks-c']);
  });
});

describe('helpers', () => {
  it('lists states once', () => {
    expect(statesIn([...rows, rows[0]])).toEqual(['Creating', 'Failed', 'Succeeded']);
  });

  it('names cluster types as users say them in every language, and a missing one in the reader\'s', () => {
    expect(clusterTypeLabel('managedClusters', 'Desconhecido')).toBe('AKS');
    expect(clusterTypeLabel('CONNECTEDCLUSTERS', 'Desconhecido')).toBe('Arc');
    expect(clusterTypeLabel('', 'Desconhecido')).toBe('Desconhecido');
    expect(clusterTypeLabel('provisionedClusters', 'Unknown')).toBe('provisionedClusters');
  });
});
