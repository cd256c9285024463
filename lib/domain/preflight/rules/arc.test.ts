import { describe, expect, it } from 'vitest';

import { portugueseText } from '@/lib/i18n/testing';

import { aksCluster, arcCluster, ctx, facts, INFERENCE, NOW } from '../test-fixtures';

import { connectedRule, hasCloudLoadBalancer, loadBalancerRule } from './arc';

const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

describe('connectedRule', () => {
  it('passes a Connected Arc cluster and any AKS cluster', () => {
    expect(connectedRule(ctx(facts(arcCluster())))).toBeNull();
    expect(connectedRule(ctx(facts(aksCluster())))).toBeNull();
  });

  it('blocks an Arc cluster offline for 72 h and says protected settings are lost', () => {
    const finding = connectedRule(ctx(facts(arcCluster({ connectivityStatus: 'Offline', lastConnectivityTime: hoursAgo(72) }))));
    expect(finding).toMatchObject({ code: 'cluster-not-connected', severity: 'error' });
    expect(finding?.message).toContain('arc-test is Offline');
    expect(finding?.message).toContain('72 h ago');
    expect(finding?.message).toContain('over 48 h: protected settings');
    expect(finding?.fix).toContain('az connectedk8s show --resource-group rg-edge --name arc-test');
  });

  it('warns of the 48 h limit when offline for less, and copes with no last-seen time', () => {
    expect(connectedRule(ctx(facts(arcCluster({ connectivityStatus: 'Offline', lastConnectivityTime: hoursAgo(5) }))))?.message)
      .toContain('5 h ago');
    const expired = connectedRule(ctx(facts(arcCluster({ connectivityStatus: 'Expired', lastConnectivityTime: null }))));
    expect(expired?.message).toContain('have not reported a last connection');
    expect(expired?.message).toContain('Staying offline over 48 h');
  });
});

describe('loadBalancerRule', () => {
  it('warns E40001 for inference on k3s or OpenShift on vSphere with loadBalancer', () => {
    const finding = loadBalancerRule(ctx(facts(arcCluster()), INFERENCE));
    expect(finding).toMatchObject({ code: 'no-load-balancer', severity: 'warning' });
    expect(finding?.message).toContain('E40001');
    expect(finding?.fix).toContain('nodePort');
    expect(loadBalancerRule(ctx(facts(arcCluster({ distribution: 'openshift', infrastructure: 'vsphere' })), { ...INFERENCE, inferenceRouterServiceType: 'LoadBalancer' })))
      .toMatchObject({ code: 'no-load-balancer' });
  });

  it('passes nodePort, training only, cloud distributions and AKS', () => {
    expect(loadBalancerRule(ctx(facts(arcCluster()), { ...INFERENCE, inferenceRouterServiceType: 'nodePort' }))).toBeNull();
    expect(loadBalancerRule(ctx(facts(arcCluster()), { enableTraining: 'True', inferenceRouterServiceType: 'loadBalancer' }))).toBeNull();
    expect(loadBalancerRule(ctx(facts(arcCluster({ distribution: 'eks', infrastructure: 'aws' })), INFERENCE))).toBeNull();
    expect(loadBalancerRule(ctx(facts(aksCluster()), INFERENCE))).toBeNull();
  });

  it('knows which distributions and infrastructures bring a load balancer', () => {
    expect(hasCloudLoadBalancer('AKS', null)).toBe(true);
    expect(hasCloudLoadBalancer('openshift', 'azure')).toBe(true);
    expect(hasCloudLoadBalancer('k3s', 'generic')).toBe(false);
    expect(hasCloudLoadBalancer(null, null)).toBe(false);
  });
});

describe('Arc rules in Brazilian Portuguese', () => {
  it('says how long the cluster has been offline and that protected settings are lost', () => {
    const finding = connectedRule(ctx(facts(arcCluster({ connectivityStatus: 'Offline', lastConnectivityTime: hoursAgo(72) })), {}, portugueseText));
    expect(finding).toMatchObject({ code: 'cluster-not-connected', severity: 'error' });
    expect(finding?.message).toMatch(/^arc-test está Offline: seus agentes se conectaram pela última vez há 72 h \(/);
    expect(finding?.message).toContain('Isso passa de 48 h: as configurações protegidas');
    expect(finding?.fix).toContain('`az connectedk8s show --resource-group rg-edge --name arc-test --query connectivityStatus`');
  });
});
