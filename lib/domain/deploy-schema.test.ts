import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import {
  DEFAULT_DEPLOY_FORM,
  DEPLOY_STEPS,
  STEP_FIELDS,
  STEP_SCHEMAS,
  deployFormSchema,
  deployFormSchemaFor,
  formPathForCliKey,
  type DeployForm,
} from './deploy-schema';
import { SEED_CLUSTERS } from './fixtures/seed-scenarios';

const form = (patch: Partial<DeployForm>): DeployForm => ({ ...DEFAULT_DEPLOY_FORM, clusterId: SEED_CLUSTERS.aksProdWesteurope.id, ...patch });

function issues(value: unknown): Array<{ path: string; message: string }> {
  const result = deployFormSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
const paths = (value: unknown) => issues(value).map((issue) => issue.path);

describe('deployFormSchema', () => {
  it('accepts the defaults once a cluster is picked, and says "Pick a cluster" once otherwise', () => {
    expect(issues(form({}))).toEqual([]);
    expect(issues(DEFAULT_DEPLOY_FORM)).toEqual([{ path: 'clusterId', message: 'Pick a cluster' }]);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_DEPLOY_FORM).toMatchObject({
      workload: 'both', serviceType: 'loadBalancer', inferenceRouterHA: true, tls: { mode: 'insecure' }, installPromOp: true,
      installVolcano: true, releaseTrain: 'stable', version: '', autoUpgradeMinorVersion: true, extensionName: 'azureml',
    });
  });

  it('puts TLS errors at the TLS fields', () => {
    expect(paths(form({ tls: { mode: 'pem', certPem: '', keyPem: '', sslCname: '' } }))).toEqual(['tls.certPem', 'tls.keyPem', 'tls.sslCname']);
    expect(paths(form({ tls: { mode: 'secret', sslSecret: '', sslCname: 'ml.contoso.com' } }))).toEqual(['tls.sslSecret']);
  });

  it('validates the router step only when inference is on', () => {
    const broken = { tls: { mode: 'pem' as const, certPem: '', keyPem: '', sslCname: '' }, serviceType: 'nodePort' as const, internalLoadBalancer: true };
    expect(paths(form({ ...broken, workload: 'training' }))).toEqual([]);
    expect(paths(form({ ...broken, workload: 'inference' }))).toContain('internalLoadBalancer');
  });

  it('refuses nodePort with an internal load balancer at the internal LB switch', () => {
    expect(issues(form({ serviceType: 'nodePort', internalLoadBalancer: true }))).toEqual([{ path: 'internalLoadBalancer', message: expect.stringMatching(/nodePort/) }]);
  });

  it('refuses the internal load balancer on an Arc cluster', () => {
    expect(paths(form({ clusterId: SEED_CLUSTERS.arcOpenshift.id, internalLoadBalancer: true }))).toEqual(['internalLoadBalancer']);
  });

  it('needs auto-upgrade off for a pinned version', () => {
    expect(paths(form({ version: '1.1.64' }))).toEqual(['autoUpgradeMinorVersion']);
    expect(paths(form({ version: '1.1.64', autoUpgradeMinorVersion: false }))).toEqual([]);
  });

  it('checks node selector label syntax at nodeSelector, ignoring blank rows', () => {
    expect(paths(form({ nodeSelector: [{ key: 'pool', value: 'gpu pool' }] }))).toEqual(['nodeSelector']);
    expect(paths(form({ nodeSelector: [{ key: '', value: '' }, { key: 'pool', value: 'gpu' }] }))).toEqual([]);
  });

  it('checks the extension name at extensionName', () => {
    expect(issues(form({ extensionName: 'azure ml' }))).toEqual([{ path: 'extensionName', message: expect.stringMatching(/1 to 253/) }]);
  });

  it('refuses a TLS mode that does not exist (the union)', () => {
    expect(paths(form({ tls: { mode: 'https' } as unknown as DeployForm['tls'] }))).toEqual(['tls.mode']);
  });
});

describe('formPathForCliKey', () => {
  it.each([
    ['sslCname', 'tls.sslCname'],
    ['sslKeyPemFile', 'tls.keyPem'],
    ['sslCertPemFile', 'tls.certPem'],
    ['sslSecret', 'tls.sslSecret'],
    ['allowInsecureConnections', 'tls.mode'],
    ['nodeSelector.pool', 'nodeSelector'],
    ['inferenceRouterServiceType', 'serviceType'],
    ['internalLoadBalancerProvider', 'internalLoadBalancer'],
    ['enableInference', 'workload'],
    ['name', 'extensionName'],
    ['installPromOp', 'installPromOp'],
    ['somethingElse', 'somethingElse'],
  ])('%s → %s', (key, path) => {
    expect(formPathForCliKey(key)).toBe(path);
  });
});

describe('steps', () => {
  it('gives every input step a schema and every step its fields, covering the form exactly once', () => {
    expect(Object.keys(STEP_SCHEMAS)).toEqual(DEPLOY_STEPS.filter((step) => step !== 'review'));
    const owned = DEPLOY_STEPS.flatMap((step) => [...STEP_FIELDS[step]]);
    expect(owned.sort()).toEqual(Object.keys(DEFAULT_DEPLOY_FORM).sort());
    expect(STEP_FIELDS.review).toEqual([]);
  });

  it('parses each step on its own', () => {
    expect(STEP_SCHEMAS.cluster.safeParse({ clusterId: '' }).success).toBe(false);
    expect(STEP_SCHEMAS.workload.safeParse({ workload: 'both' }).success).toBe(true);
    expect(STEP_SCHEMAS.router.safeParse({ serviceType: 'ingress', internalLoadBalancer: false, inferenceRouterHA: true, tls: { mode: 'insecure' } }).success).toBe(false);
  });
});

describe('deployFormSchemaFor(portugueseText)', () => {
  const ptIssues = (value: unknown) => {
    const result = deployFormSchemaFor(portugueseText).safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  };

  it('says the step message and the cross-field rules in Portuguese, at the same fields', () => {
    expect(ptIssues(DEFAULT_DEPLOY_FORM)).toEqual([{ path: 'clusterId', message: 'Escolha um cluster' }]);
    expect(ptIssues(form({ serviceType: 'nodePort', internalLoadBalancer: true }))).toEqual([
      { path: 'internalLoadBalancer', message: 'Um balanceador de carga interno não se aplica a nodePort: escolha loadBalancer ou remova internalLoadBalancerProvider.' },
    ]);
    expect(ptIssues(form({ nodeSelector: [{ key: 'pool', value: 'gpu pool' }] }))[0].message).toMatch(/^Seletor de nós pool=gpu pool: um valor de rótulo/);
  });

  it("never shows zod's own English: a malformed form gets our messages in both languages", () => {
    const malformed = { ...form({}), workload: 'x', serviceType: 'ingress', tls: { mode: 'https' }, installPromOp: 'yes', clusterId: 5 };
    expect(ptIssues(malformed)).toEqual([
      { path: 'clusterId', message: 'Este valor não é válido; recarregue o assistente e tente novamente.' },
      { path: 'workload', message: 'Escolha treinamento, inferência ou ambos.' },
      { path: 'serviceType', message: 'Escolha LoadBalancer, NodePort ou ClusterIP.' },
      { path: 'tls.mode', message: expect.stringMatching(/^Escolha como os endpoints são protegidos/) },
      { path: 'installPromOp', message: 'Este valor não é válido; recarregue o assistente e tente novamente.' },
    ]);
    expect(issues(malformed).map((issue) => issue.message)).not.toContainEqual(expect.stringMatching(/^Invalid|expected/));
  });
});
