import { describe, expect, it } from 'vitest';

import { plannedRouterHa, plannedSettings } from './planned-settings';

const body = (configurationSettings: Record<string, string>) => ({ properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings } });

describe('plannedRouterHa', () => {
  it.each([
    ['the CLI turned it off (two nodes), the form said on', body({ inferenceRouterHA: 'False' }), true, false],
    ['the body says on, whatever the form', body({ inferenceRouterHA: 'True' }), false, true],
    ['the body leaves it out: the extension default, on', body({ enableInference: 'True' }), false, true],
    ['no plan yet: the form', undefined, true, true],
    ['no plan yet: the form (off)', null, false, false],
    ['not a body', { properties: 'x' }, false, false],
  ])('%s', (_, extension, formAnswer, expected) => {
    expect(plannedRouterHa(extension, formAnswer)).toBe(expected);
  });
});

describe('plannedSettings', () => {
  it('reads the settings of a planned body and nothing else', () => {
    expect(plannedSettings(body({ a: 'b' }))).toEqual({ a: 'b' });
    expect(plannedSettings({})).toBeNull();
    expect(plannedSettings('body')).toBeNull();
  });
});
