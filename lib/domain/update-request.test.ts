import { describe, expect, it } from 'vitest';

import { patchOf, type PatchedExtension, type UpdateDraft } from './update-request';

const CURRENT: PatchedExtension = {
  configurationSettings: { enableTraining: 'True', enableInference: 'False', cluster_name: 'aks' },
  releaseTrain: 'Stable',
  version: null,
  autoUpgradeMinorVersion: true,
};
const SAME: UpdateDraft = { settings: { enableTraining: 'True', enableInference: 'False', cluster_name: 'aks' } };

describe('patchOf: the PATCH body the review shows and the update sends', () => {
  it('is empty when the draft says what the extension says (booleans as the chart reads them, trains without case)', () => {
    expect(patchOf(CURRENT, SAME)).toEqual({});
    expect(patchOf(CURRENT, { settings: { ...SAME.settings, enableTraining: 'true' }, releaseTrain: 'stable', version: null, autoUpgradeMinorVersion: true })).toEqual({});
  });

  it('sends the complete settings once any value changes', () => {
    const settings = { ...SAME.settings, enableInference: 'True' };
    expect(patchOf(CURRENT, { settings })).toEqual({ configurationSettings: settings });
  });

  it('sends each release field that differs: train, a pinned version, automatic upgrades', () => {
    expect(patchOf(CURRENT, { ...SAME, releaseTrain: 'preview' })).toEqual({ releaseTrain: 'preview' });
    expect(patchOf(CURRENT, { ...SAME, version: '1.1.60', autoUpgradeMinorVersion: false })).toEqual({ version: '1.1.60', autoUpgradeMinorVersion: false });
  });

  it('sends null to unpin a pinned version, and nothing for a version the draft does not mention', () => {
    const pinned: PatchedExtension = { ...CURRENT, version: '1.1.60', autoUpgradeMinorVersion: false };
    expect(patchOf(pinned, { ...SAME, version: null })).toEqual({ version: null });
    expect(patchOf(pinned, SAME)).toEqual({});
  });

  it('reads an extension without settings or release fields as empty', () => {
    expect(patchOf({}, { settings: {} })).toEqual({});
    expect(patchOf({ configurationSettings: null, autoUpgradeMinorVersion: null }, { settings: {}, autoUpgradeMinorVersion: true })).toEqual({ autoUpgradeMinorVersion: true });
  });

  it('sends the protected settings whenever the draft has any, an empty set included (it drops the pair on file)', () => {
    expect(patchOf(CURRENT, { ...SAME, protectedSettings: { 'scoringFe.sslCert': 'Y2VydA==' } })).toEqual({ configurationProtectedSettings: { 'scoringFe.sslCert': 'Y2VydA==' } });
    expect(patchOf(CURRENT, { ...SAME, protectedSettings: {} })).toEqual({ configurationProtectedSettings: {} });
  });
});
