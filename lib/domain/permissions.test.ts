import { describe, expect, it } from 'vitest';

import { actionPatternMatches, isActionGranted, missingActions, type PermissionEntry } from './permissions';

const EXTENSION_WRITE = 'Microsoft.KubernetesConfiguration/extensions/write';

describe('actionPatternMatches', () => {
  it.each([
    ['*', EXTENSION_WRITE, true],
    ['*/read', 'Microsoft.ContainerService/managedClusters/read', true],
    ['*/read', EXTENSION_WRITE, false],
    ['Microsoft.KubernetesConfiguration/*', EXTENSION_WRITE, true],
    ['Microsoft.KubernetesConfiguration/*', 'Microsoft.Relay/namespaces/write', false],
    ['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/roleAssignments/write', true],
    ['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/permissions/read', false],
    // case-insensitive, both ways
    ['microsoft.kubernetesconfiguration/EXTENSIONS/Write', EXTENSION_WRITE, true],
    // exact patterns are exact: no prefix matching, and dots are literal
    ['Microsoft.KubernetesConfiguration/extensions/write', 'Microsoft.KubernetesConfiguration/extensions/writeX', false],
    ['Microsoft.KubernetesConfiguration/extensions', EXTENSION_WRITE, false],
    ['Microsoft.KubernetesConfigurationXextensions/write', 'Microsoft.KubernetesConfigurationXextensions/write', true],
    ['Microsoft.KubernetesConfiguration.extensions/write', 'Microsoft.KubernetesConfigurationXextensions/write', false],
  ])('%s covers %s: %s', (pattern, action, expected) => {
    expect(actionPatternMatches(pattern, action)).toBe(expected);
  });
});

const OWNER: PermissionEntry = { actions: ['*'], notActions: [] };
const CONTRIBUTOR: PermissionEntry = { actions: ['*'], notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write'] };
const READER: PermissionEntry = { actions: ['*/read'], notActions: [] };

describe('isActionGranted', () => {
  it.each([
    ['an Owner', [OWNER], EXTENSION_WRITE, true],
    ['a Contributor', [CONTRIBUTOR], EXTENSION_WRITE, true],
    ['a Contributor (notActions subtract)', [CONTRIBUTOR], 'Microsoft.Authorization/roleAssignments/write', false],
    ['a Reader', [READER], EXTENSION_WRITE, false],
    ['a Reader, reading', [READER], 'Microsoft.KubernetesConfiguration/extensions/read', true],
    ['nobody (no entries)', [], 'Microsoft.KubernetesConfiguration/extensions/read', false],
    ['an entry without actions', [{ notActions: [] }], EXTENSION_WRITE, false],
    // notActions belong to their own entry: a second role still grants what the first excludes
    ['a Contributor who is also Owner', [CONTRIBUTOR, OWNER], 'Microsoft.Authorization/roleAssignments/write', true],
    ['a Reader who is also Contributor', [READER, CONTRIBUTOR], EXTENSION_WRITE, true],
    ['a role excluding its own wildcard', [{ actions: ['Microsoft.KubernetesConfiguration/*'], notActions: ['*/write'] }], EXTENSION_WRITE, false],
  ])('%s: %s → %s', (_who, entries, action, expected) => {
    expect(isActionGranted(entries, action)).toBe(expected);
  });
});

describe('missingActions', () => {
  const wanted = [EXTENSION_WRITE, 'Microsoft.Relay/namespaces/write'];

  it('lists what is not granted, in the order asked', () => {
    expect(missingActions([READER], wanted)).toEqual(wanted);
    expect(missingActions([{ actions: ['Microsoft.KubernetesConfiguration/*'] }], wanted)).toEqual(['Microsoft.Relay/namespaces/write']);
    expect(missingActions([OWNER], wanted)).toEqual([]);
  });
});
