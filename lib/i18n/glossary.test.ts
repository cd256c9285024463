/**
 * The glossary (GLOSSARY.md) over the Portuguese messages: one term per concept. Before it, pt-BR
 * said "trem stable" on the review, "trem de lançamento" on the status page and "Trem de versão" in
 * the wizard, and "Atualizar" was both the refresh button and the update of the extension.
 */
import { describe, expect, it } from 'vitest';

import { MESSAGES } from './messages';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));
}

const PT = new Map(leaves(MESSAGES['pt-BR'] as unknown as Tree));
const EN = new Map(leaves(MESSAGES.en as unknown as Tree));

/** The messages about reading the state again (a refresh), by key. */
const REFRESH_KEYS = ['common.refresh', 'fleet.refresh.summary', 'fleet.refresh.refreshing', 'fleet.refresh.stopped', 'status.view.checkedAgo', 'status.view.notUpdating', 'status.view.refreshFailed', 'status.view.paused'];

describe('the Portuguese glossary', () => {
  it('says release train one way: "trem de lançamento"', () => {
    const offenders = [...PT].filter(([, text]) => /\btrem\b(?! de lançamento)|canal de lançamento|release train/i.test(text));
    expect(offenders).toEqual([]);
  });

  it('says "trem de lançamento" wherever English says release train', () => {
    const missing = [...EN].filter(([key, text]) => /release train|\{train\} train/i.test(text) && !/trem de lançamento/i.test(PT.get(key) ?? ''));
    expect(missing).toEqual([]);
  });

  it('never says a refresh with the update verb', () => {
    expect(REFRESH_KEYS.every((key) => PT.has(key))).toBe(true);
    const offenders = REFRESH_KEYS.map((key) => [key, PT.get(key)]).filter(([, text]) => /atualiz/i.test(text ?? ''));
    expect(offenders).toEqual([]);
  });

  it('has no bare "Atualizar" label: a button that updates says what it updates', () => {
    expect([...PT].filter(([, text]) => text.trim() === 'Atualizar')).toEqual([]);
  });
});
