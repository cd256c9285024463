import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

/**
 * deploy/kubernetes.yaml is the multi-replica set-up test/scale-out exercises: two replicas on one
 * PostgreSQL, the keys every replica must share from one Secret, traffic only to ready replicas.
 */
const manifest = readFileSync(path.resolve(__dirname, '../../deploy/kubernetes.yaml'), 'utf8');

describe('deploy/kubernetes.yaml runs several replicas on one PostgreSQL', () => {
  it('runs two replicas, rolling one at a time, with no ReadWriteOnce volume that would pin them to one pod', () => {
    expect(manifest).toMatch(/^\s+replicas: 2$/m);
    expect(manifest).toMatch(/type: RollingUpdate/);
    expect(manifest).not.toMatch(/^kind: PersistentVolumeClaim$/m);
    expect(manifest).toMatch(/^kind: PodDisruptionBudget$/m);
  });

  it('requires DATABASE_URL from the Secret, and takes the shared keys from the same Secret', () => {
    expect(manifest).toMatch(/- name: DATABASE_URL\s+valueFrom:\s+secretKeyRef: \{ name: azureml-portal, key: DATABASE_URL \}/);
    expect(manifest).toMatch(/secretRef: \{ name: azureml-portal \}/);
    for (const key of ['SESSION_SECRET', 'TOKEN_CACHE_KEY', 'DATABASE_URL']) expect(manifest).toContain(`--from-literal=${key}=`);
  });

  it('sends traffic to a replica only while /api/health answers', () => {
    expect(manifest).toMatch(/readinessProbe:\s+httpGet: \{ path: \/api\/health, port: http \}/);
  });
});
