/**
 * Issue 13, item 4: the exported `az` command is pasted into a shell, so every word must reach
 * `az` exactly as written, whatever the caller put in keys and values. These tests run the command
 * through a real bash with `az` replaced by a function that prints its arguments, and check that
 * nothing ran besides it (no file appears in a temporary directory the payloads aim at).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { buildAzCommand, shellQuote } from './az-command';
import type { CliRequest } from './cli-settings';
import { SEED_CLUSTERS } from './fixtures/seed-scenarios';

const target = mkdtempSync(join(tmpdir(), 'az-quote-'));
afterAll(() => rmSync(target, { recursive: true, force: true }));
const touch = join(target, 'INJECTED');

/** Hostile words: each would run `touch`, expand, split, redirect or comment out if unquoted. */
const HOSTILE = [
  `x;touch ${touch};#`,
  `$(touch ${touch})`,
  `\`touch ${touch}\``,
  `a'b"c`,
  `'; touch ${touch}; echo '`,
  `line1\ntouch ${touch}`,
  `# comment`,
  `<${touch}`,
  `>${touch}`,
  `a|touch ${touch}`,
  `a&touch ${touch}`,
  `a && touch ${touch}`,
  'with spaces  and\ttabs',
  'ünïcødé ключ 鍵 🔑',
  '$HOME ${PATH} $1 $@ !! ~ *',
  '{a,b}',
  '=ls',
  'back\\slash\\',
  '',
];

/** The words bash hands to `az` when it runs `command` (NUL-separated, so newlines survive). */
function argsSeenByAz(command: string): string[] {
  const out = execFileSync('bash', ['-c', `az() { printf '%s\\0' "$@"; }\n${command}`], { encoding: 'utf8', cwd: target });
  return out.split('\0').slice(0, -1);
}

/** What `az` must receive for `req`: option words as built, settings as `key=value`. */
function expectedArgs(req: CliRequest, protectedPlaceholders: ReadonlyMap<string, string>): string[] {
  const cluster = SEED_CLUSTERS.aksProdWesteurope;
  const args = ['k8s-extension', 'create', '--name', req.name, '--extension-type', 'Microsoft.AzureML.Kubernetes', '--cluster-type', 'managedClusters'];
  args.push('--cluster-name', 'aks-prod-westeurope', '--resource-group', 'rg-ml-prod-westeurope', '--subscription', cluster.id.split('/')[2]);
  args.push('--scope', 'cluster', '--release-train', req.releaseTrain ?? 'stable');
  if (req.version) args.push('--version', req.version, '--auto-upgrade-minor-version', 'false');
  args.push('--config', ...Object.entries(req.configurationSettings).map(([key, value]) => `${key}=${value}`));
  args.push('--config-protected', ...Object.keys(req.configurationProtectedSettings).map((key) => `${key}=${protectedPlaceholders.get(key) ?? `<${key}>`}`));
  return args;
}

function request(over: Partial<CliRequest>): CliRequest {
  return { clusterId: SEED_CLUSTERS.aksProdWesteurope.id, name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: { sslCertPemFile: 'PEM' }, ...over };
}

describe('buildAzCommand in a real shell', () => {
  it.each(HOSTILE.filter((word) => word !== ''))('passes the hostile key %j through unchanged, as a setting and as a protected setting', (word) => {
    const req = request({ configurationSettings: { enableTraining: 'True', [word]: 'v' }, configurationProtectedSettings: { [word]: 'SECRET', sslKeyPemFile: 'PEM' } });
    expect(argsSeenByAz(buildAzCommand(req))).toEqual(expectedArgs(req, new Map([['sslKeyPemFile', '<path-to-key.pem>']])));
    expect(readdirSync(target)).toEqual([]);
  });

  it.each(HOSTILE)('passes the hostile value %j through unchanged, in every free-text option', (word) => {
    const req = request({ name: word || 'azureml', releaseTrain: word || 'stable', version: word, configurationSettings: { enableTraining: 'True', custom: word } });
    expect(argsSeenByAz(buildAzCommand(req))).toEqual(expectedArgs(req, new Map([['sslCertPemFile', '<path-to-cert.pem>']])));
    expect(readdirSync(target)).toEqual([]);
  });

  it('never echoes a protected value', () => {
    const command = buildAzCommand(request({ configurationProtectedSettings: { sslCertPemFile: 'SECRETVALUE42', custom: 'SECRETVALUE42' } }));
    expect(command).not.toContain('SECRETVALUE42');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('gives the prototype-named protected key %s its own placeholder, not a function', (key) => {
    const protectedSettings = JSON.parse(`{${JSON.stringify(key)}: "x"}`) as Record<string, string>;
    const req = request({ configurationProtectedSettings: protectedSettings });
    expect(buildAzCommand(req)).toContain(`--config-protected '${key}=<${key}>'`);
    expect(argsSeenByAz(buildAzCommand(req))).toEqual(expectedArgs(req, new Map()));
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain-value.1', 'plain-value.1'],
    ['enableTraining=True', 'enableTraining=True'],
    ['nodeSelector.example.com/pool=gpu', 'nodeSelector.example.com/pool=gpu'],
    ['a,b', "'a,b'"],
    ['=ls', "'=ls'"],
    ['<path-to-cert.pem>', "'<path-to-cert.pem>'"],
    ["it's", `'it'\\''s'`],
    ['', "''"],
  ])('quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
