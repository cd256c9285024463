import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

import { LOCALES } from './locales';
import { MESSAGES } from './messages';

type Tree = { [key: string]: string | Tree };

/** `key -> message` for every leaf of a message tree. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The ICU argument names and rich-text tags a message uses, sorted (plural/select bodies included). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
      if (element.type === TYPE.tag) walk(element.children);
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const english = leaves(MESSAGES.en as unknown as Tree);

describe('messages', () => {
  it('has English messages to translate', () => {
    expect(english.size).toBeGreaterThan(0);
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s has exactly the English keys', (locale) => {
    const translated = leaves(MESSAGES[locale] as unknown as Tree);
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)('%s: every message is valid ICU and not empty', (locale) => {
    for (const [key, message] of leaves(MESSAGES[locale] as unknown as Tree)) {
      expect(message.trim(), key).not.toBe('');
      expect(() => parse(message), `${locale} ${key}`).not.toThrow();
    }
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('%s uses the same arguments as English in every message', (locale) => {
    const translated = leaves(MESSAGES[locale] as unknown as Tree);
    for (const [key, message] of english) {
      expect(argumentsOf(translated.get(key) ?? ''), key).toEqual(argumentsOf(message));
    }
  });

  it('translates every Portuguese message (none left identical to the English, except names and codes)', () => {
    const translated = leaves(MESSAGES['pt-BR'] as unknown as Tree);
    // Product names, codes and commands read the same in both languages; they are listed here.
    const sameInBoth = new Set(Object.keys(SAME_IN_BOTH_LANGUAGES));
    const untranslated = [...english].filter(([key, message]) => translated.get(key) === message && /[a-z]{3,}\s+[a-z]{3,}/i.test(message) && !sameInBoth.has(key));
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});

/** Messages that are legitimately identical in English and Portuguese, with the reason. */
const SAME_IN_BOTH_LANGUAGES: Record<string, string> = {
  'shell.brand': 'the product name',
  'compute.computes.heading': "the service's name (Azure Machine Learning)",
};
