/**
 * What the status page says when an Arc cluster has no kubeconfig (issue 16 item 6: Azure gives a
 * server no way into an Arc cluster with the user's sign-in, lib/azure/README.md "Arc component
 * health"): exactly how to register one, in the variables lib/azure/kube-connection.ts reads, and
 * the RBAC lib/azure/components.ts needs, in both languages.
 */
import { describe, expect, it } from 'vitest';

import { englishText } from './english-text';
import { portugueseText } from './testing';

describe.each([
  ['en', englishText],
  ['pt-BR', portugueseText],
])('health.noSource in %s', (_language, text) => {
  const sentence = text('health.noSource');

  it('names both ways to register a kubeconfig: the folder of <cluster name>.yaml files and the JSON map by resource id', () => {
    expect(sentence).toContain('KUBECONFIGS_DIR');
    expect(sentence).toContain('.yaml');
    expect(sentence).toContain('CLUSTER_KUBECONFIGS');
    expect(sentence).toContain('JSON');
  });

  it('names the RBAC the read needs: get and list on each kind it lists, in azureml', () => {
    for (const word of ['get', 'list', 'deployments', 'daemonsets', 'statefulsets', 'pods', 'services', 'azureml']) expect(sentence).toContain(word);
  });

  it('points at the README section with the steps', () => {
    expect(sentence).toContain('README');
    expect(sentence).toContain('Component health');
  });
});
