/**
 * Kubeconfig files for the sandbox's Arc clusters, pointing at the emulated Kubernetes API
 * (routes/kube-api.ts). Written at emulator start into a fresh temp folder, one
 * `<cluster-name>.yaml` each: the same layout an operator gives the portal in live mode with
 * `KUBECONFIGS_DIR`, so the portal's kubeconfig code path is the one that runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What a kubeconfig for one emulated cluster needs. */
export interface SandboxKubeconfigInput {
  /** Emulator origin, e.g. `https://127.0.0.1:41234`. */
  endpoint: string;
  /** PEM of the emulator's certificate (the kubeconfig trusts it and nothing else). */
  ca: string;
  /** Bearer token the emulated API servers accept. */
  token: string;
  clusterNames: readonly string[];
}

/** A kubeconfig as YAML. JSON strings are valid YAML double-quoted scalars, so values are safe. */
export function sandboxKubeconfig(endpoint: string, ca: string, token: string, clusterName: string): string {
  const q = (s: string) => JSON.stringify(s);
  const server = `${endpoint}/_kube/${encodeURIComponent(clusterName)}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${q(clusterName)}`,
    '  cluster:',
    `    server: ${q(server)}`,
    `    certificate-authority-data: ${q(Buffer.from(ca).toString('base64'))}`,
    'users:',
    `- name: ${q(`${clusterName}-user`)}`,
    '  user:',
    `    token: ${q(token)}`,
    'contexts:',
    `- name: ${q(clusterName)}`,
    '  context:',
    `    cluster: ${q(clusterName)}`,
    `    user: ${q(`${clusterName}-user`)}`,
    `    namespace: "azureml"`,
    `current-context: ${q(clusterName)}`,
    '',
  ].join('\n');
}

/** Writes one kubeconfig per cluster into a new temp folder (mode 0600: it holds a token). */
export async function writeSandboxKubeconfigs(input: SandboxKubeconfigInput): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'azureml-portal-kubeconfigs-'));
  await Promise.all(
    input.clusterNames.map((name) =>
      writeFile(path.join(dir, `${name}.yaml`), sandboxKubeconfig(input.endpoint, input.ca, input.token, name), { mode: 0o600 }),
    ),
  );
  return dir;
}

/** Removes a folder made by {@link writeSandboxKubeconfigs}. */
export async function removeSandboxKubeconfigs(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
