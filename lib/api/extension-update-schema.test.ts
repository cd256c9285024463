/**
 * Issue 13, item 4: the PATCH body follows the create schema's rules for setting keys, release
 * train and version (null is refused: no update can remove a key), and a refusal names the field in the reader's
 * language before any ARM call.
 */
import { describe, expect, it, vi } from 'vitest';

import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import * as extensions from '@/lib/azure/extensions';
import { HOSTILE_SETTING_KEYS } from '@/lib/domain/fixtures/hostile-setting-keys';

import { extensionUpdateSchema } from '@/lib/domain/update-request';
import { handleUpdateExtension } from './extension-management';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const EXT = '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope/providers/Microsoft.KubernetesConfiguration/extensions/azureml';

/** A record with `key` as an own property, `__proto__` included (as the API's JSON parser builds it). */
const withKey = (key: string, value: string | null) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as Record<string, string | null>;

describe('extensionUpdateSchema', () => {
  for (const map of ['configurationSettings', 'configurationProtectedSettings'] as const) {
    it.each(HOSTILE_SETTING_KEYS.map((key) => [key]))(`refuses the key %j in ${map}, at its path`, (key) => {
      const parsed = extensionUpdateSchema.safeParse({ [map]: withKey(key, 'v') });
      expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([[map, key]]);
      expect(parsed.error?.issues[0].message).toMatch(/cannot be a setting name/);
    });
  }

  // `__proto__` is left out: zod's record drops that key whatever its value (see prototype-keys.test.ts).
  it.each(['inferenceRouterHA', 'nodeSelector.example.com/pool', 'constructor', 'toString'])('refuses null for %s at its key: ARM settings are strings, an update cannot remove one', (key) => {
    const result = extensionUpdateSchema.safeParse({ configurationSettings: withKey(key, null) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [`configurationSettings.${key}`, expect.stringContaining(`ARM cannot remove '${key}'`)],
    ]);
  });

  it.each([
    [{ releaseTrain: 'preview' }, true],
    [{ releaseTrain: ' Stable ' }, true],
    [{ releaseTrain: '' }, false],
    [{ releaseTrain: '-x' }, false],
    [{ releaseTrain: 'stable; rm -rf /' }, false],
    [{ version: '1.2.3-preview.1' }, true],
    [{ version: null }, true],
    [{ version: '1.2' }, false],
    [{ version: '$(id)' }, false],
  ])('%j valid: %s', (body, valid) => {
    expect(extensionUpdateSchema.safeParse(body).success).toBe(valid);
  });
});

describe('handleUpdateExtension with a hostile key', () => {
  it.each([
    ['en', /Invalid update: configurationProtectedSettings\.x;touch \/tmp\/INJECTED;#: 'x;touch \/tmp\/INJECTED;#' cannot be a setting name/],
    ['pt-BR', /Atualização inválida: configurationProtectedSettings\.x;touch \/tmp\/INJECTED;#: 'x;touch \/tmp\/INJECTED;#' não pode ser nome de configuração/],
  ])('answers 400 naming it (%s), without asking ARM', async (language, message) => {
    const get = vi.spyOn(extensions, 'getExtension');
    const response = await handleUpdateExtension(
      new Request(`http://localhost/api/v1/extensions?id=${encodeURIComponent(EXT)}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json', 'accept-language': language },
        body: JSON.stringify({ configurationProtectedSettings: { 'x;touch /tmp/INJECTED;#': 'SECRETVALUE42' } }),
      }),
    );
    const text = await response.text();
    expect(response.status).toBe(400);
    expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(message);
    expect(text).not.toContain('SECRETVALUE42');
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
  });
});
