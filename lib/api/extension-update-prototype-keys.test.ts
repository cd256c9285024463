/**
 * Issue 13, item 10: the PATCH body builder looked keys up on plain objects, so a protected key
 * named `constructor` found `Object` as its "PEM key" (sent under "function Object() ...") and
 * `key in settings` called every prototype name a clash with a plain setting.
 */
import { describe, expect, it } from 'vitest';

import { AppError } from '@/lib/errors';

import { armProtectedSettings } from '@/lib/deploy/update-service';
import { planSettingsUpdate } from '@/lib/domain/update-plan';
import { cliUpdateSettings } from '@/lib/domain/update-request';

const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
const EXT = '/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c/providers/Microsoft.KubernetesConfiguration/extensions/azureml';
/** An own property `key` (JSON.parse keeps `__proto__` an own key, as the API's body parser does). */
const own = (key: string, value: string | null) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as Record<string, string>;

describe('armProtectedSettings with prototype-named keys', () => {
  it.each(PROTOTYPE_KEYS)('sends %s as itself, unencoded, with no clash against ordinary settings', (key) => {
    const sent = armProtectedSettings(own(key, 'SECRET'), { enableTraining: 'True' }, EXT);
    expect(Object.keys(sent)).toEqual([key]);
    expect(Object.getOwnPropertyDescriptor(sent, key)?.value).toBe('SECRET');
  });

  it.each(PROTOTYPE_KEYS)('still refuses %s when it really is also a plain setting', (key) => {
    expect(() => armProtectedSettings(own(key, 'SECRET'), own(key, 'plain'), EXT)).toThrow(AppError);
  });

  it('maps the PEM pair to its ARM keys, base64', () => {
    expect(armProtectedSettings({ sslCertPemFile: 'CERT', sslKeyPemFile: 'KEY' }, {}, EXT)).toEqual({ 'scoringFe.sslCert': 'Q0VSVA==', 'scoringFe.sslKey': 'S0VZ' });
  });
});

describe('the merged settings with prototype-named keys', () => {
  it.each(PROTOTYPE_KEYS)('sets and changes %s as an own setting', (key) => {
    const after = planSettingsUpdate({ enableTraining: 'True' }, cliUpdateSettings(own(key, 'x'))).settings;
    expect(Object.keys(after)).toEqual(['enableTraining', key]);
    expect(Object.getPrototypeOf(after)).toBe(Object.prototype);
    const changed = planSettingsUpdate(after, cliUpdateSettings(own(key, 'y')));
    expect(changed.changed).toEqual([key]);
    expect(Object.getOwnPropertyDescriptor(changed.settings, key)?.value).toBe('y');
  });
});
