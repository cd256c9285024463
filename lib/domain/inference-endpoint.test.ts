/** The inference router's endpoint from the namespace List and the settings (no mocks: plain kubectl JSON). */
import { describe, expect, it } from 'vitest';

import {
  ADDRESS_PLACEHOLDER,
  AZURE_INTERNAL_LB_ANNOTATION,
  ENDPOINT_NAME_PLACEHOLDER,
  inferenceEndpointOf,
  NODE_ADDRESS_PLACEHOLDER,
  routerIsInternal,
  routerSchemeOf,
  routerServiceTypeOf,
} from './inference-endpoint';
import { CLI_SETTING, SETTING } from './settings-catalog';

const HTTPS = {
  [SETTING.enableInference]: 'True',
  [SETTING.inferenceRouterServiceType]: 'LoadBalancer',
  [SETTING.allowInsecureConnections]: 'False',
  [SETTING.sslCname]: 'ml.contoso.example',
};
const HTTP = { [SETTING.enableInference]: 'True', [SETTING.inferenceRouterServiceType]: 'loadBalancer', [SETTING.allowInsecureConnections]: 'True' };

/** `azureml-fe` as `kubectl get svc -o json` prints it (zero values left out). */
function service(opts: {
  type: 'LoadBalancer' | 'NodePort' | 'ClusterIP';
  port?: 80 | 443;
  ingress?: Array<{ ip?: string; hostname?: string }>;
  nodePort?: number;
  annotations?: Record<string, string>;
}) {
  const port = opts.port ?? 443;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'azureml-fe', namespace: 'azureml', ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      type: opts.type,
      clusterIP: '10.0.143.7',
      ports: [{ name: port === 443 ? 'https' : 'http', protocol: 'TCP', port, targetPort: 'x', ...(opts.nodePort ? { nodePort: opts.nodePort } : {}) }],
    },
    status: { loadBalancer: opts.ingress ? { ingress: opts.ingress } : {} },
  };
}

const workloads = [{ kind: 'Deployment', metadata: { name: 'azureml-fe-v2', namespace: 'azureml' } }];

describe('inferenceEndpointOf', () => {
  it('is null when inference is off, whatever the List holds', () => {
    const items = [...workloads, service({ type: 'LoadBalancer', ingress: [{ ip: '20.1.2.3' }] })];
    expect(inferenceEndpointOf(items, { [SETTING.enableTraining]: 'True' })).toBeNull();
    expect(inferenceEndpointOf(items, { [SETTING.enableInference]: 'False' })).toBeNull();
    // The chart's reading of booleans: `yes` is not true.
    expect(inferenceEndpointOf(items, { [SETTING.enableInference]: 'yes' })).toBeNull();
  });

  it('a public LoadBalancer over HTTPS with sslCname: the URL on the name, an A record to create', () => {
    const endpoint = inferenceEndpointOf([...workloads, service({ type: 'LoadBalancer', ingress: [{ ip: '20.61.7.9' }], nodePort: 31443 })], HTTPS);
    expect(endpoint).toEqual({
      serviceType: 'LoadBalancer',
      serviceFound: true,
      address: '20.61.7.9',
      port: 443,
      scheme: 'https',
      sslCname: 'ml.contoso.example',
      scoringUrl: `https://ml.contoso.example/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`,
      reachability: 'public',
      dnsRecord: { name: 'ml.contoso.example', type: 'A', value: '20.61.7.9' },
    });
  });

  it('a LoadBalancer with a host name (as on AWS) asks for a CNAME', () => {
    const endpoint = inferenceEndpointOf([service({ type: 'LoadBalancer', ingress: [{ hostname: 'abc.elb.amazonaws.com' }] })], HTTPS);
    expect(endpoint?.address).toBe('abc.elb.amazonaws.com');
    expect(endpoint?.dnsRecord).toEqual({ name: 'ml.contoso.example', type: 'CNAME', value: 'abc.elb.amazonaws.com' });
  });

  it('an internal load balancer is internal: by the setting, by the annotation, or by a private address', () => {
    const bySetting = { ...HTTPS, [SETTING.internalLoadBalancerProvider]: 'Azure' };
    expect(inferenceEndpointOf([service({ type: 'LoadBalancer', ingress: [{ ip: '10.224.3.9' }] })], bySetting)).toMatchObject({
      reachability: 'internal',
      address: '10.224.3.9',
      dnsRecord: { name: 'ml.contoso.example', type: 'A', value: '10.224.3.9' },
    });
    const annotated = service({ type: 'LoadBalancer', ingress: [{ ip: '52.1.1.1' }], annotations: { [AZURE_INTERNAL_LB_ANNOTATION]: 'true' } });
    expect(inferenceEndpointOf([annotated], HTTPS)?.reachability).toBe('internal');
    expect(inferenceEndpointOf([service({ type: 'LoadBalancer', ingress: [{ ip: '192.168.4.20' }] })], HTTPS)?.reachability).toBe('internal');
    expect(inferenceEndpointOf([service({ type: 'LoadBalancer', ingress: [{ ip: '172.15.0.1' }] })], HTTPS)?.reachability).toBe('public');
  });

  it('a LoadBalancer without an address yet is pending: no address, no DNS record, the name still in the URL', () => {
    const endpoint = inferenceEndpointOf([service({ type: 'LoadBalancer' })], HTTPS);
    expect(endpoint).toMatchObject({ reachability: 'pending', address: null, scoringUrl: `https://ml.contoso.example/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score` });
    expect(endpoint).not.toHaveProperty('dnsRecord');
    const http = inferenceEndpointOf([service({ type: 'LoadBalancer', port: 80 })], HTTP);
    expect(http?.scoringUrl).toBe(`http://${ADDRESS_PLACEHOLDER}/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`);
  });

  it('HTTP (allowInsecureConnections): port 80, no sslCname, no DNS record even if sslCname is left behind', () => {
    const endpoint = inferenceEndpointOf(
      [service({ type: 'LoadBalancer', port: 80, ingress: [{ ip: '20.9.9.9' }] })],
      { ...HTTP, [SETTING.sslCname]: 'old.contoso.example' },
    );
    expect(endpoint).toEqual({
      serviceType: 'LoadBalancer',
      serviceFound: true,
      address: '20.9.9.9',
      port: 80,
      scheme: 'http',
      scoringUrl: `http://20.9.9.9/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`,
      reachability: 'public',
    });
  });

  it('HTTPS without sslCname: the URL on the address, no record to create', () => {
    const noName: Record<string, string> = { ...HTTPS };
    delete noName[SETTING.sslCname];
    const endpoint = inferenceEndpointOf([service({ type: 'LoadBalancer', ingress: [{ ip: '20.1.1.1' }] })], noName);
    expect(endpoint).toMatchObject({ scheme: 'https', scoringUrl: `https://20.1.1.1/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score` });
    expect(endpoint).not.toHaveProperty('sslCname');
    expect(endpoint).not.toHaveProperty('dnsRecord');
  });

  it('NodePort: the node port on any node, reachable on the cluster network, no DNS record', () => {
    const settings = { ...HTTPS, [SETTING.inferenceRouterServiceType]: 'nodeport' };
    const endpoint = inferenceEndpointOf([service({ type: 'NodePort', nodePort: 31080 })], settings);
    expect(endpoint).toEqual({
      serviceType: 'NodePort',
      serviceFound: true,
      address: null,
      port: 443,
      nodePort: 31080,
      scheme: 'https',
      sslCname: 'ml.contoso.example',
      scoringUrl: `https://ml.contoso.example:31080/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`,
      reachability: 'internal',
    });
    const http = inferenceEndpointOf([service({ type: 'NodePort', port: 80, nodePort: 30500 })], { ...HTTP, [SETTING.inferenceRouterServiceType]: 'NodePort' });
    expect(http?.scoringUrl).toBe(`http://${NODE_ADDRESS_PLACEHOLDER}:30500/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`);
  });

  it('ClusterIP: the cluster IP, reachable only inside the cluster', () => {
    const settings = { ...HTTP, [SETTING.inferenceRouterServiceType]: 'ClusterIP' };
    const endpoint = inferenceEndpointOf([service({ type: 'ClusterIP', port: 80 })], settings);
    expect(endpoint).toMatchObject({
      serviceType: 'ClusterIP',
      address: '10.0.143.7',
      port: 80,
      reachability: 'cluster-only',
      scoringUrl: `http://10.0.143.7/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`,
    });
    expect(endpoint).not.toHaveProperty('nodePort');
  });

  it("the Service's own type wins over the settings (the chart decides what exists)", () => {
    const endpoint = inferenceEndpointOf([service({ type: 'NodePort', nodePort: 32000 })], HTTPS);
    expect(endpoint).toMatchObject({ serviceType: 'NodePort', nodePort: 32000 });
  });

  it('without the Service (not created yet, or not listed): from the settings, address unknown', () => {
    expect(inferenceEndpointOf(workloads, HTTPS)).toMatchObject({ serviceFound: false, serviceType: 'LoadBalancer', reachability: 'pending', address: null, port: 443 });
    expect(inferenceEndpointOf([], { ...HTTP, [SETTING.inferenceRouterServiceType]: 'ClusterIP' })).toMatchObject({
      serviceFound: false,
      reachability: 'cluster-only',
      scoringUrl: `http://${ADDRESS_PLACEHOLDER}/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`,
    });
  });

  it('ignores Services of other names or namespaces and malformed items', () => {
    const other = { ...service({ type: 'LoadBalancer', ingress: [{ ip: '20.2.2.2' }] }), metadata: { name: 'azureml-ingress-nginx-controller', namespace: 'azureml' } };
    const elsewhere = { ...service({ type: 'LoadBalancer', ingress: [{ ip: '20.3.3.3' }] }), metadata: { name: 'azureml-fe', namespace: 'default' } };
    const endpoint = inferenceEndpointOf([null, 'x', 3, { kind: 'Service' }, other, elsewhere, { kind: 'Service', metadata: { name: 'azureml-fe' }, spec: 'odd', status: null }], HTTPS);
    expect(endpoint).toMatchObject({ serviceFound: true, address: null, reachability: 'pending', port: 443 });
  });

  it('brackets an IPv6 address in the URL and asks for an AAAA record', () => {
    const endpoint = inferenceEndpointOf([service({ type: 'LoadBalancer', port: 80, ingress: [{ ip: '2603:1030::5' }] })], HTTP);
    expect(endpoint?.scoringUrl).toBe(`http://[2603:1030::5]/api/v1/endpoint/${ENDPOINT_NAME_PLACEHOLDER}/score`);
    const https = inferenceEndpointOf([service({ type: 'LoadBalancer', ingress: [{ ip: '2603:1030::5' }] })], HTTPS);
    expect(https?.dnsRecord).toEqual({ name: 'ml.contoso.example', type: 'AAAA', value: '2603:1030::5' });
  });
});

describe('the router rules the emulator shares', () => {
  it('reads the service type in any case, then the CLI key, then LoadBalancer', () => {
    expect(routerServiceTypeOf({ [SETTING.inferenceRouterServiceType]: 'clusterip' })).toBe('ClusterIP');
    expect(routerServiceTypeOf({ [CLI_SETTING.scoringFeNodePort]: 'True' })).toBe('NodePort');
    expect(routerServiceTypeOf({})).toBe('LoadBalancer');
  });

  it('is HTTP only with allowInsecureConnections true', () => {
    expect(routerSchemeOf({ [SETTING.allowInsecureConnections]: 'TRUE' })).toBe('http');
    expect(routerSchemeOf({ [SETTING.allowInsecureConnections]: 'yes' })).toBe('https');
    expect(routerSchemeOf({})).toBe('https');
  });

  it('reads the internal load balancer as the chart does: the CLI key first', () => {
    expect(routerIsInternal({ [SETTING.internalLoadBalancerProvider]: 'azure' })).toBe(true);
    expect(routerIsInternal({ [SETTING.internalLoadBalancerProvider]: 'azure', [CLI_SETTING.scoringFeInternalLoadBalancer]: 'False' })).toBe(false);
    expect(routerIsInternal({ [SETTING.internalLoadBalancerProvider]: 'aws' })).toBe(false);
  });
});
