/** `sandbox.json`: where end-to-end tests find the emulator of the portal they test. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { SANDBOX_INFO_FILE, writeSandboxInfo, type SandboxInfo } from './runtime';

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
