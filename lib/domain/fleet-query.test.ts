/**
 * Reading Resource Graph's rows (`data` is untyped in the spec): a missing column, or one of
 * another type, is a blank cell; only a row without an id is dropped.
 */
import { describe, expect, it } from 'vitest';

import { FLEET_QUERY_COLUMNS, fleetRowOf, type FleetRow } from './fleet-query';

const CLUSTER = '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/RG-ML/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const ID = `${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;

const FULL: FleetRow = {
  id: ID,
  name: 'azureml',
  subscriptionId: '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31',
  resourceGroup: 'rg-ml',
  location: 'westeurope',
  clusterId: CLUSTER,
  clusterName: 'aks-prod',
  clusterType: 'managedClusters',
  version: '1.1.64',
  provisioningState: 'Succeeded',
};

const without = (column: keyof FleetRow): Record<string, unknown> => {
  const row: Record<string, unknown> = { ...FULL };
  delete row[column];
  return row;
};

describe('fleetRowOf', () => {
  it('keeps a complete row as it came', () => {
    expect(fleetRowOf({ ...FULL })).toEqual(FULL);
  });

  it.each(['version', 'provisioningState', 'location'] as const)('keeps a row without %s, that cell blank', (column) => {
    expect(fleetRowOf(without(column))).toEqual({ ...FULL, [column]: '' });
  });

  it.each([null, 42, true, { major: 1 }, ['1.1.64']])('blanks a version or state of an unexpected type (%j) instead of writing it out', (value) => {
    expect(fleetRowOf({ ...FULL, version: value, provisioningState: value, location: value })).toEqual({ ...FULL, version: '', provisioningState: '', location: '' });
  });

  it.each(['name', 'subscriptionId', 'resourceGroup', 'clusterId', 'clusterName', 'clusterType'] as const)('derives %s from the id when it is missing, as the query does', (column) => {
    expect(fleetRowOf(without(column))).toEqual(FULL);
    expect(fleetRowOf({ ...FULL, [column]: 7 })).toEqual(FULL);
  });

  it('keeps a row whose id is not an extension id, its other cells as sent', () => {
    expect(fleetRowOf({ id: '/odd/id', version: '1.0' })).toEqual({ ...Object.fromEntries(FLEET_QUERY_COLUMNS.map((c) => [c, ''])), id: '/odd/id', version: '1.0' });
  });

  it.each([{ ...without('id') }, { ...FULL, id: '' }, { ...FULL, id: '   ' }, { ...FULL, id: 12 }, null, 'row', [FULL]])('drops a row without an id: %j', (value) => {
    expect(fleetRowOf(value)).toBeNull();
  });
});
