import { describe, expect, it } from 'vitest';

import { REMOVED_SETTING } from '@/lib/audit/types';

import { settingChanges } from './settings-diff';

describe('settingChanges', () => {
  it('lists only the keys an update changed, added or removed, in the order sent', () => {
    const changes = settingChanges({
      action: 'update',
      previousSettings: { inferenceRouterHA: 'True', sslCname: 'old.contoso.com', enableTraining: 'True', nodeSelector: 'pool' },
      settings: { inferenceRouterHA: 'False', enableTraining: 'True', relayserver: 'on', nodeSelector: REMOVED_SETTING },
    });
    expect(changes).toEqual([
      { kind: 'changed', key: 'inferenceRouterHA', before: 'True', after: 'False' },
      { kind: 'added', key: 'relayserver', after: 'on' },
      { kind: 'removed', key: 'nodeSelector', before: 'pool' },
    ]);
  });

  it('says every key was added when none had a value before', () => {
    expect(settingChanges({ action: 'update', previousSettings: {}, settings: { a: '1' } })).toEqual([{ kind: 'added', key: 'a', after: '1' }]);
  });

  it('knows nothing for an entry recorded without the values before, or for a create', () => {
    expect(settingChanges({ action: 'update', settings: { a: '1' } })).toBeUndefined();
    expect(settingChanges({ action: 'create', previousSettings: { a: '0' }, settings: { a: '1' } })).toBeUndefined();
  });
});
