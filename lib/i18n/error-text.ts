import { createTranslator } from 'use-intl/core';

import type { MessageValues } from './domain-text';
import enErrors from './messages/en/errors.json';

/** `'a.b.c'` for every string leaf of a message tree. */
type LeafKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the `errors` namespace, such as `'azure.throttled'` or `'actions.listClusters'`. */
export type ErrorMessageKey = LeafKeys<typeof enErrors>;

/** A key of `errors.actions`: what the portal was doing when Azure failed ("list clusters"). */
export type ErrorActionKey = Extract<ErrorMessageKey, `actions.${string}`>;

/**
 * How an error's user message is written in the reader's language (the `errors` namespace).
 * `lib/errors.ts` renders AppErrors through one; English ({@link englishErrorText}) gives their
 * `userMessage`. Server code gets the reader's from `errorTextFor(locale)` in '@/lib/i18n/server'.
 */
export type ErrorText = (key: ErrorMessageKey, values?: MessageValues) => string;

/** Wraps a use-intl translator over the `errors` tree (server `createTranslator`, client `useTranslations('errors')`). */
export function asErrorText(translate: (key: never, values?: never) => string): ErrorText {
  return (key, values) => translate(key as never, values as never);
}

/** English: what every AppError's `userMessage` (logs, audit trail, tests) is written in. */
export const englishErrorText: ErrorText = asErrorText(createTranslator({ locale: 'en', messages: enErrors }) as never);
