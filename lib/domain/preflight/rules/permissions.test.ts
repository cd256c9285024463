import { describe, expect, it } from 'vitest';

import type { PermissionEntry } from '@/lib/domain/permissions';
import { portugueseText } from '@/lib/i18n/testing';

import { runPreflightRules } from '../run-rules';
import { aksCluster, arcCluster, ctx, facts } from '../test-fixtures';
import type { PreflightFacts } from '../types';

import { EXTENSION_WRITE_ACTION, installPermissionRule, RELAY_INSTALL_ACTIONS } from './permissions';

const OWNER: PermissionEntry = { actions: ['*'], notActions: [] };
const CONTRIBUTOR: PermissionEntry = { actions: ['*'], notActions: ['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/*/Delete'] };
const READER: PermissionEntry = { actions: ['*/read'], notActions: [] };
const EXTENSIONS_ONLY: PermissionEntry = { actions: ['Microsoft.KubernetesConfiguration/*', '*/read'] };

const withPermissions = (cluster: PreflightFacts['cluster'], permissions: PreflightFacts['permissions']) => facts(cluster, { permissions });

describe('installPermissionRule', () => {
  it.each([
    ['an Owner on AKS', aksCluster(), { cluster: [OWNER] }],
    ['a Contributor on AKS', aksCluster(), { cluster: [CONTRIBUTOR] }],
    ['a Contributor on Arc, in the resource group too', arcCluster(), { cluster: [CONTRIBUTOR], resourceGroup: [CONTRIBUTOR] }],
    ['an extensions-only role on AKS (no Relay there)', aksCluster(), { cluster: [EXTENSIONS_ONLY] }],
    ['a Reader whose permissions could not be read (not known is not refused)', aksCluster(), undefined],
  ])('passes %s', (_who, cluster, permissions) => {
    expect(installPermissionRule(ctx(withPermissions(cluster, permissions)))).toBeNull();
  });

  it('blocks a Reader on AKS, naming the extension write and the Contributor role', () => {
    const finding = installPermissionRule(ctx(withPermissions(aksCluster(), { cluster: [READER] })));
    expect(finding).toMatchObject({ code: 'install-permission-missing', severity: 'error' });
    expect(finding?.message).toBe(
      `You can read this cluster but cannot install on it: your role does not grant ${EXTENSION_WRITE_ACTION}.`,
    );
    expect(finding?.fix).toBe('Ask an Owner for the Contributor role on the cluster or its resource group rg-test, then run preflight again.');
  });

  it('on Arc lists the Relay writes missing in the resource group, even when the cluster allows the extension', () => {
    const finding = installPermissionRule(ctx(withPermissions(arcCluster(), { cluster: [EXTENSIONS_ONLY], resourceGroup: [READER] })));
    expect(finding?.message).toContain(`does not grant ${RELAY_INSTALL_ACTIONS.join(', ')}.`);
    expect(finding?.message).not.toContain(EXTENSION_WRITE_ACTION);
    expect(finding?.fix).toContain('resource group rg-edge');
    expect(finding?.fix).toContain('Azure Relay');
  });

  it('on Arc with the relay turned off asks only for the extension write', () => {
    const finding = installPermissionRule(ctx(withPermissions(arcCluster(), { cluster: [READER], resourceGroup: [READER] }), { 'relayserver.enabled': 'False' }));
    expect(finding?.message).toContain(`does not grant ${EXTENSION_WRITE_ACTION}.`);
    expect(finding?.message).not.toContain('Microsoft.Relay');
    expect(installPermissionRule(ctx(withPermissions(arcCluster(), { cluster: [EXTENSIONS_ONLY], resourceGroup: [READER] }), { 'relayserver.enabled': 'false' }))).toBeNull();
  });

  it('reads the cluster’s own permissions for the Relay when the resource group’s were not read', () => {
    expect(installPermissionRule(ctx(withPermissions(arcCluster(), { cluster: [CONTRIBUTOR] })))).toBeNull();
    expect(installPermissionRule(ctx(withPermissions(arcCluster(), { cluster: [EXTENSIONS_ONLY] })))?.message).toContain('Microsoft.Relay/namespaces/write');
  });

  it('comes first among the errors and blocks the install', () => {
    const findings = runPreflightRules(
      facts(aksCluster({ disableLocalAccounts: true }), { permissions: { cluster: [READER] }, providers: { 'Microsoft.KubernetesConfiguration': 'NotRegistered' } }),
    );
    expect(findings.map((f) => f.code)).toEqual(['install-permission-missing', 'provider-not-registered', 'local-accounts-disabled', 'same-subscription-workspace']);
  });

  it('speaks Portuguese, keeping the action names as they are', () => {
    const finding = installPermissionRule(ctx(withPermissions(aksCluster(), { cluster: [READER] }), {}, portugueseText));
    expect(finding?.message).toBe(`Você pode ler este cluster, mas não pode instalar nele: sua função não concede ${EXTENSION_WRITE_ACTION}.`);
    expect(finding?.fix).toContain('Colaborador (Contributor)');
  });
});
