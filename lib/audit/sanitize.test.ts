import { describe, expect, it } from 'vitest';

import { MAX_AUDIT_SETTING_LENGTH, sanitizeSettings } from './sanitize';
import { REMOVED_SETTING } from './types';

describe('sanitizeSettings', () => {
  it('drops keys sent as protected settings, in any case', () => {
    expect(sanitizeSettings({ enableTraining: 'True', sslCname: 'ml.contoso.com' }, ['SSLCNAME'])).toEqual({ enableTraining: 'True' });
  });

  it.each(['sslKeyPemFile', 'sslCertPemFile', 'scoringFe.sslCert', 'relayServerConnectionString', 'storagePassword', 'clientSecret', 'apiKey'])(
    'drops %s even when sent as a plain setting',
    (key) => {
      expect(sanitizeSettings({ [key]: 'value', enableTraining: 'True' })).toEqual({ enableTraining: 'True' });
    },
  );

  it('marks removed keys, cuts long values, and answers undefined when nothing is left', () => {
    const long = 'x'.repeat(MAX_AUDIT_SETTING_LENGTH + 10);
    expect(sanitizeSettings({ nodeSelector: null, note: long })).toEqual({ nodeSelector: REMOVED_SETTING, note: `${'x'.repeat(MAX_AUDIT_SETTING_LENGTH)}…` });
    expect(sanitizeSettings({ secret: 'x' })).toBeUndefined();
    expect(sanitizeSettings(undefined)).toBeUndefined();
  });
});
