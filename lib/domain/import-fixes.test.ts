import { describe, expect, it } from 'vitest';

import { englishText } from '@/lib/i18n/english-text';

import { importFixFor } from './import-fixes';
import { settingsWhere } from './settings-catalog';

/** Every legacy name the catalog lists, with the setting that replaced it. */
const LEGACY = settingsWhere((entry) => Boolean(entry.legacyNames)).flatMap((entry) => (entry.legacyNames ?? []).map(({ name }) => ({ name, modern: entry.key })));

describe('importFixFor: the legacy names come from the catalog', () => {
  it('knows three legacy names, each replaced by its catalog entry', () => {
    expect(LEGACY.map(({ name }) => name).sort()).toEqual(['inferenceLoadBalancerHA', 'privateEndpointILB', 'privateEndpointNodeport']);
  });

  it.each(LEGACY)('offers a fix for $name=True that writes $modern, and removes $name=False', ({ name, modern }) => {
    const on = importFixFor({ configurationSettings: { [name]: 'True' } }, name, englishText);
    expect(on).not.toBeNull();
    expect(on?.key).toBe(name);
    expect(on?.renameTo === modern || Object.hasOwn(on?.set ?? {}, modern)).toBe(true);
    const off = importFixFor({ configurationSettings: { [name]: 'False' } }, name, englishText);
    expect(off?.renameTo === modern || (off !== null && Object.keys(off.set).length === 0)).toBe(true);
  });

  it('offers none for a name that only looks legacy (own keys only)', () => {
    expect(importFixFor({ configurationSettings: { constructor: 'True' } }, 'constructor', englishText)).toBeNull();
  });
});
