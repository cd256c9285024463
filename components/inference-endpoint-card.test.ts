/** The endpoint card as the server renders it, from endpoints the domain built (no hand-made props). */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'use-intl';
import { describe, expect, it } from 'vitest';

import { inferenceEndpointOf } from '@/lib/domain/inference-endpoint';
import { SETTING } from '@/lib/domain/settings-catalog';
import { MESSAGES } from '@/lib/i18n/messages';

import { InferenceEndpointCard, type InferenceEndpointCardProps } from './inference-endpoint-card';

function render(props: InferenceEndpointCardProps, locale: 'en' | 'pt-BR' = 'en'): string {
  const node: ReactNode = createElement(InferenceEndpointCard, props);
  // Entities decoded: the assertions read the text the user reads.
  // IntlProvider's props require `children`, so createElement's types want them there (a .ts test has no JSX).
  // eslint-disable-next-line react/no-children-prop
  return renderToStaticMarkup(createElement(IntlProvider, { locale, messages: MESSAGES[locale], timeZone: 'UTC', children: node }))
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
}

const HTTPS = {
  [SETTING.enableInference]: 'True',
  [SETTING.inferenceRouterServiceType]: 'LoadBalancer',
  [SETTING.allowInsecureConnections]: 'False',
  [SETTING.sslCname]: 'ml.contoso.example',
};
const svc = (type: string, extra: { ingress?: Array<{ ip: string }>; port?: number; nodePort?: number } = {}) => ({
  kind: 'Service',
  metadata: { name: 'azureml-fe', namespace: 'azureml' },
  spec: { type, clusterIP: '10.0.5.6', ports: [{ port: extra.port ?? 443, ...(extra.nodePort ? { nodePort: extra.nodePort } : {}) }] },
  status: { loadBalancer: extra.ingress ? { ingress: extra.ingress } : {} },
});

describe('<InferenceEndpointCard>', () => {
  it('HTTPS with sslCname on a public load balancer: the URL, the record to create and the check', () => {
    const endpoint = inferenceEndpointOf([svc('LoadBalancer', { ingress: [{ ip: '20.61.7.9' }] })], HTTPS);
    const html = render({ endpoint, routerEnabled: true, dns: { state: 'points-elsewhere', addresses: ['52.1.1.1'] } });
    expect(html).toContain('https://ml.contoso.example/api/v1/endpoint/<endpoint-name>/score');
    expect(html).toContain('ml.contoso.example. A 20.61.7.9');
    expect(html).toContain('Checked: ml.contoso.example resolves to 52.1.1.1, not to 20.61.7.9.');
    expect(html).toContain('Reachable from the internet');
    expect(render({ endpoint, routerEnabled: true })).toContain('Not checked yet.');
    expect(render({ endpoint, routerEnabled: true, dns: { state: 'not-checkable' } }, 'pt-BR')).toContain('nslookup ml.contoso.example');
  });

  it('pending: no address, and the record to create once there is one', () => {
    const html = render({ endpoint: inferenceEndpointOf([svc('LoadBalancer')], HTTPS), routerEnabled: true });
    expect(html).toContain('Not assigned yet');
    expect(html).toContain('The load balancer has no address yet');
    expect(html).toContain('once the load balancer has an address, create a DNS record for ml.contoso.example');
  });

  it('ClusterIP: reachable only inside the cluster; NodePort: the node port', () => {
    const http = { ...HTTPS, [SETTING.allowInsecureConnections]: 'True' };
    const clusterIp = render({ endpoint: inferenceEndpointOf([svc('ClusterIP', { port: 80 })], http), routerEnabled: true });
    expect(clusterIp).toContain('ClusterIP: reachable only from inside the cluster');
    expect(clusterIp).toContain('http://10.0.5.6/api/v1/endpoint/<endpoint-name>/score');
    expect(clusterIp).not.toContain('DNS record');
    const nodePort = render({ endpoint: inferenceEndpointOf([svc('NodePort', { port: 80, nodePort: 31080 })], http), routerEnabled: true });
    expect(nodePort).toContain('80 (node port 31080)');
    expect(nodePort).toContain('Reachable on node port 31080 of every node');
  });

  it('without the Service, says so and makes no claim about the load balancer', () => {
    const html = render({ endpoint: inferenceEndpointOf([], HTTPS), routerEnabled: true });
    expect(html).toContain("The router's Service azureml-fe was not found in the azureml namespace");
    expect(html).toContain('Not known yet');
    expect(html).not.toContain('The load balancer has no address yet');
  });

  it('says why there is no endpoint: inference off, or not read', () => {
    expect(render({ endpoint: null, routerEnabled: false })).toContain('Inference is off for this extension');
    expect(render({ endpoint: null, routerEnabled: true }, 'pt-BR')).toContain('Ainda não foi possível ler');
  });
});
