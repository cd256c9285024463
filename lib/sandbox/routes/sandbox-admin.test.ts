/** The admin route that proves what protected settings arrived, without ever echoing them. */
import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type Emulator } from '../emulator';
import { armRequest } from '../test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD } from '../world';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 100 });
});
afterAll(async () => {
  await emu.close();
});

const EXTENSION = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const SECRET = 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCmNhbmFyeQ==';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('GET /_sandbox/protected-hashes', () => {
  it('answers the SHA-256 of each protected value the emulator received, never the value', async () => {
    const put = await armRequest(emu, 'PUT', `${EXTENSION}?api-version=2023-05-01`, {
      body: {
        properties: {
          extensionType: 'Microsoft.AzureML.Kubernetes',
          configurationSettings: { enableTraining: 'True' },
          configurationProtectedSettings: { 'scoringFe.sslKey': SECRET },
        },
      },
    });
    expect(put.status).toBe(201);

    // Any case, as ARM ids are compared; no bearer token, as for every admin route.
    const response = await armRequest(emu, 'GET', `/_sandbox/protected-hashes?extensionId=${encodeURIComponent(EXTENSION.toUpperCase())}`, { token: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ extensionId: EXTENSION, value: { 'scoringFe.sslKey': sha256(SECRET) } });
    expect(response.text).not.toContain(SECRET);
  });

  it('answers 404 for an extension the emulator does not hold', async () => {
    const response = await armRequest(emu, 'GET', `/_sandbox/protected-hashes?extensionId=${encodeURIComponent(`${EXTENSION}-missing`)}`, { token: null });
    expect(response.status).toBe(404);
  });
});

describe('/_sandbox/behaviour', () => {
  const DEFAULTS = { patchSettings: 'merge', lroHeaders: 'both', putExisting: 'succeeded', failedStatuses: 'empty', runCommandMs: 10 };

  it('starts at the spec examples\' behaviour, takes any subset of choices, and a reset restores the defaults', async () => {
    expect((await armRequest(emu, 'GET', '/_sandbox/behaviour', { token: null })).body).toEqual(DEFAULTS);
    const set = await armRequest(emu, 'PUT', '/_sandbox/behaviour', { token: null, body: { lroHeaders: 'location', failedStatuses: 'with-code', runCommandMs: 0 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ ...DEFAULTS, lroHeaders: 'location', failedStatuses: 'with-code', runCommandMs: 0 });
    expect((await armRequest(emu, 'POST', '/_sandbox/reset', { token: null })).status).toBe(204);
    expect((await armRequest(emu, 'GET', '/_sandbox/behaviour', { token: null })).body).toEqual(DEFAULTS);
  });

  it.each([{}, { lroHeaders: 'sometimes' }, { putExisting: 'maybe' }, { runCommandMs: -1 }, { runCommandMs: 1.5 }, { colour: 'blue' }])(
    'refuses %j with 400 and changes nothing',
    async (body) => {
      const response = await armRequest(emu, 'PUT', '/_sandbox/behaviour', { token: null, body: { ...body } });
      expect(response.status).toBe(400);
      expect((await armRequest(emu, 'GET', '/_sandbox/behaviour', { token: null })).body).toEqual(DEFAULTS);
    },
  );
});
