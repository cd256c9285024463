import { describe, expect, it } from 'vitest';

import { buildAzCommand, shellQuote } from './az-command';
import type { CliRequest } from './cli-settings';
import { SEED_CLUSTERS, seedScenarios } from './fixtures/seed-scenarios';
import { importSettings, shellWords } from './import-settings';

const CERT = '-----BEGIN CERTIFICATE-----\nSECRETCERT\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nSECRETKEY\n-----END PRIVATE KEY-----\n';

describe('buildAzCommand', () => {
  it('writes the CLI command for an AKS HTTPS install, with placeholders for the PEM files', () => {
    const [, , aksProd] = seedScenarios({ cert: CERT, key: KEY });
    expect(buildAzCommand(aksProd.request)).toBe(
      [
        'az k8s-extension create --name azureml',
        '--extension-type Microsoft.AzureML.Kubernetes',
        '--cluster-type managedClusters',
        '--cluster-name aks-prod-westeurope',
        '--resource-group rg-ml-prod-westeurope',
        '--subscription 6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31',
        '--scope cluster',
        '--release-train stable',
        '--config enableTraining=True enableInference=True inferenceRouterServiceType=LoadBalancer sslCname=ml.contoso.com',
        "--config-protected 'sslCertPemFile=<path-to-cert.pem>' 'sslKeyPemFile=<path-to-key.pem>'",
      ].join(' \\\n  '),
    );
  });

  it('never contains a protected value', () => {
    for (const scenario of seedScenarios({ cert: CERT, key: KEY })) {
      const command = buildAzCommand({ ...scenario.request, configurationProtectedSettings: { ...scenario.request.configurationProtectedSettings, relayServerConnectionString: 'SharedAccessKey=abc' } });
      expect(command).not.toMatch(/SECRETCERT|SECRETKEY|abc/);
      expect(command).toContain("'relayServerConnectionString=<relayServerConnectionString>'");
    }
  });

  it('pins a version with auto-upgrade off, for Arc', () => {
    const req: CliRequest = { clusterId: SEED_CLUSTERS.arcOpenshift.id, name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {}, version: '1.1.64', autoUpgradeMinorVersion: false };
    const command = buildAzCommand(req);
    expect(command).toContain('--cluster-type connectedClusters');
    expect(command).toContain('--version 1.1.64 \\\n  --auto-upgrade-minor-version false');
  });

  it('quotes values a shell would otherwise expand or split', () => {
    expect(shellQuote('plain-value.1')).toBe('plain-value.1');
    expect(shellQuote("it's $HOME; rm -rf *")).toBe(`'it'\\''s $HOME; rm -rf *'`);
    expect(shellWords(shellQuote("it's $HOME; rm -rf *"))).toEqual(["it's $HOME; rm -rf *"]);
  });
});

describe('az command ⇄ import round trip', () => {
  it('imports what it exports, for every seed scenario (PEM paths aside)', () => {
    for (const scenario of seedScenarios({ cert: CERT, key: KEY })) {
      const imported = importSettings(buildAzCommand(scenario.request));
      expect(imported.errors).toEqual([]);
      expect(imported.request).toMatchObject({
        clusterId: scenario.request.clusterId,
        name: scenario.request.name,
        configurationSettings: scenario.request.configurationSettings,
        releaseTrain: 'stable',
      });
    }
  });

  it('round-trips awkward values', () => {
    const req: CliRequest = {
      clusterId: SEED_CLUSTERS.aksProdWesteurope.id, name: 'azureml',
      configurationSettings: { enableTraining: 'True', 'nodeSelector.example.com/pool': 'gpu_a-1', custom: "a b 'c' \"d\" $e" },
      configurationProtectedSettings: {}, releaseTrain: 'preview', version: '1.2.3', autoUpgradeMinorVersion: false,
    };
    expect(importSettings(buildAzCommand(req)).request).toEqual({ ...req, configurationProtectedSettings: {}, scope: 'cluster' });
  });
});
