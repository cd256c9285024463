import type { DomainMessages } from './messages/domain';

/** `'a.b.c'` for every string leaf of a message tree. */
type LeafKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A domain message key such as `'cli.unknownKey'` or `'preflight.haNeedsThreeNodes.title'`. */
export type DomainMessageKey = LeafKeys<DomainMessages>;

/** ICU argument values; strings are inserted as they are (no markup is interpreted). */
export type MessageValues = Record<string, string | number | Date>;

/**
 * How the pure domain writes a sentence in the reader's language. Domain functions take one as
 * their last argument, defaulting to English (`englishText` in english-text.ts), so tests and the JSON API read
 * English unless the caller asks otherwise. Pages pass the reader's (`useDomainText`, `getDomainText`).
 */
export type DomainText = (key: DomainMessageKey, values?: MessageValues) => string;

/** Wraps any use-intl translator over the domain tree (server `createTranslator`, client `useTranslations('domain')`). */
export function asDomainText(translate: (key: never, values?: never) => string): DomainText {
  return (key, values) => translate(key as never, values as never);
}
