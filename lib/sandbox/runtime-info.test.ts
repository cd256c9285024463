/** `sandbox.json`: where end-to-end tests find the emulator of the portal they test. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { ensureSandbox, SANDBOX_INFO_FILE, writeSandboxInfo, type SandboxInfo } from './runtime';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('writeSandboxInfo', () => {
  it('writes the endpoint and the public CA, creating the data directory, and leaves no temporary file', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sandbox-info-')), 'nested');
    writeSandboxInfo({ endpoint: 'https://127.0.0.1:4443', ca: CA }, dir);
    const info = JSON.parse(readFileSync(path.join(dir, SANDBOX_INFO_FILE), 'utf8')) as SandboxInfo;
    expect(info).toEqual({ endpoint: 'https://127.0.0.1:4443', ca: CA, pid: process.pid });
    expect(readdirSync(dir)).toEqual([SANDBOX_INFO_FILE]);
  });

  it('never throws: a directory it cannot create costs the tests their view, not the sandbox', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sandbox-info-')), 'a-file');
    writeSandboxInfo({ endpoint: 'https://127.0.0.1:1', ca: CA }, file);
    expect(() => writeSandboxInfo({ endpoint: 'https://127.0.0.1:1', ca: CA }, path.join(file, SANDBOX_INFO_FILE, 'below-a-file'))).not.toThrow();
  });
});

describe('ensureSandbox with an external emulator (npm run sandbox)', () => {
  it('starts nothing, answers that emulator from then on, and names it in sandbox.json', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-external-'));
    vi.stubEnv('PORTAL_DATA_DIR', dir);
    const connection = await ensureSandbox({ endpoint: 'https://127.0.0.1:8443', ca: CA, kubeconfigDir: '/run/kube' });
    expect(connection).toMatchObject({ endpoint: 'https://127.0.0.1:8443', ca: CA, kubeconfigDir: '/run/kube' });
    // Later callers (kube-connection, the sign-in connection) get the same, even without the argument.
    expect((await ensureSandbox()).endpoint).toBe('https://127.0.0.1:8443');
    const info = JSON.parse(readFileSync(path.join(dir, SANDBOX_INFO_FILE), 'utf8')) as SandboxInfo;
    expect(info).toMatchObject({ endpoint: 'https://127.0.0.1:8443', ca: CA });
    await connection.close();
    vi.unstubAllEnvs();
  });
});
