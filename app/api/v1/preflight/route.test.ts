import { describe, expect, it, vi } from 'vitest';

import type { Finding } from '@/lib/domain/preflight/types';
import { clusterResourceId } from '@/lib/sandbox/ids';
import { ensureSandbox } from '@/lib/sandbox/runtime';
import { SEEDED_WORLD } from '@/lib/sandbox/world';
import { sandboxUserToken } from '@/test/contract/sandbox-users';

import { GET } from './route';

// Sandbox mode whatever the developer's shell exports (blank counts as unset).
vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const BASE = 'http://localhost/api/v1/preflight';
const AUTH = { headers: { authorization: 'Bearer x' } };

function idOf(name: string): string {
  const cluster = SEEDED_WORLD.clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(`no seeded cluster ${name}`);
  return clusterResourceId(cluster);
}

const urlFor = (clusterId: string) => `${BASE}?clusterId=${encodeURIComponent(clusterId)}`;

describe('GET /api/v1/preflight', () => {
  it('answers 401 with a JSON error when no credential is sent', async () => {
    const response = await GET(new Request(urlFor(idOf('aks-prod-eastus'))));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: { code: 'Unauthenticated', message: 'Sign in to the portal, or send Authorization: Bearer <ARM access token>.' } });
  });

  it('answers 400 without a clusterId, and for an id that is not a cluster', async () => {
    const missing = await GET(new Request(BASE, AUTH));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'InvalidResourceId' } });

    const storage = '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x';
    const invalid = await GET(new Request(urlFor(storage), AUTH));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: { code: 'InvalidResourceId', message: `'${storage}' is not the id of an AKS or Arc-enabled Kubernetes cluster.` },
    });
  });

  it('answers 404 for a cluster that does not exist', async () => {
    const response = await GET(new Request(urlFor(idOf('aks-prod-eastus').replace('aks-prod-eastus', 'aks-nowhere')), AUTH));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });

  it('returns the findings of a seeded cluster, errors first, uncached', async () => {
    const clusterId = idOf('aks-service-principal');
    const response = await GET(new Request(urlFor(clusterId), AUTH));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { clusterId: string; findings: Finding[] };
    expect(body.clusterId).toBe(clusterId);
    expect(body.findings.map((f) => [f.code, f.severity])).toEqual([
      ['service-principal-identity', 'error'],
      ['same-subscription-workspace', 'info'],
    ]);
    expect(body.findings[0].fix).toContain('--enable-managed-identity');
  });

  it('uses default settings: inference rules stay quiet on a 2-node cluster', async () => {
    const response = await GET(new Request(urlFor(idOf('aks-two-nodes')), AUTH));
    const body = (await response.json()) as { findings: Finding[] };
    expect(body.findings.map((f) => f.code)).toEqual(['kubernetes-version-unsupported', 'same-subscription-workspace']);
  });

  it('answers in Brazilian Portuguese with Accept-Language pt-BR: findings and errors, codes unchanged', async () => {
    const portuguese = { headers: { authorization: 'Bearer x', 'accept-language': 'pt-BR' } };
    const response = await GET(new Request(urlFor(idOf('aks-service-principal')), portuguese));
    const body = (await response.json()) as { findings: Finding[] };
    expect(body.findings.map((f) => f.code)).toEqual(['service-principal-identity', 'same-subscription-workspace']);
    expect(body.findings[0].message).toContain('se autentica com');
    expect(body.findings[0].fix).toMatch(/^Converta o cluster: `az aks update .* --enable-managed-identity`/);

    const missing = await GET(new Request(BASE, portuguese));
    expect(await missing.json()).toEqual({
      error: { code: 'InvalidResourceId', message: 'Informe clusterId=<id de recurso do ARM de um cluster AKS ou Kubernetes habilitado para Arc>.' },
    });
  });

  it('tells a Reader (Rita, her own bearer token) at once that she cannot install, before any other error', async () => {
    const token = await sandboxUserToken(await ensureSandbox(), 'reader');
    const response = await GET(new Request(urlFor(idOf('aks-service-principal')), { headers: { authorization: `Bearer ${token}` } }));
    const body = (await response.json()) as { findings: Finding[] };
    expect(body.findings.map((f) => [f.code, f.severity])).toEqual([
      ['install-permission-missing', 'error'],
      ['service-principal-identity', 'error'],
      ['same-subscription-workspace', 'info'],
    ]);
    expect(body.findings[0].message).toContain('Microsoft.KubernetesConfiguration/extensions/write');
  });
});
