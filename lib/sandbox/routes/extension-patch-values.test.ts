/**
 * Issue 16 row 1, the emulator's side: `configurationSettings` values are strings in the REST spec
 * (extensions 2023-05-01, `additionalProperties: {type: string}`), so a PATCH with any other JSON
 * type, `null` included, is a 400 that names the key, and the extension keeps its settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HTTPS_AKS_EXTENSION } from '@/test/helpers/sandbox-env';

import { startEmulator, type Emulator } from '../emulator';
import { armRequest, asRecord } from '../test-client';

const URL = `${HTTPS_AKS_EXTENSION}?api-version=2023-05-01`;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 50 });
});
afterAll(async () => {
  await emu.close();
});

const settingsOf = async () => asRecord(asRecord((await armRequest(emu, 'GET', URL)).body).properties).configurationSettings;

describe('PATCH configurationSettings with values that are not strings', () => {
  it.each([null, 3, true, { nested: 'True' }, ['True']])('answers 400 for %j at its key and changes nothing', async (value) => {
    const before = await settingsOf();
    const response = await armRequest(emu, 'PATCH', URL, { body: { properties: { configurationSettings: { enableTraining: 'True', inferenceRouterHA: value } } } });
    expect(response.status).toBe(400);
    const error = asRecord(asRecord(response.body).error);
    expect(error.code).toBe('InvalidRequestContent');
    expect(error.message).toContain('properties.configurationSettings.inferenceRouterHA');
    expect(await settingsOf()).toEqual(before);
  });

  it('accepts the same PATCH with string values', async () => {
    const response = await armRequest(emu, 'PATCH', URL, { body: { properties: { configurationSettings: { inferenceRouterHA: 'False' } } } });
    // 200 or 202: the spec allows both for a PATCH; only the refusal matters here.
    expect([200, 202]).toContain(response.status);
  });
});
