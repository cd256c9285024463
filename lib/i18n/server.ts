import 'server-only';

import { cookies, headers } from 'next/headers';
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from 'use-intl/core';

import { appErrorText, type AppError } from '@/lib/errors';

import { asDomainText, type DomainText } from './domain-text';
import { asErrorText, type ErrorText } from './error-text';
import { LOCALE_COOKIE, type Locale } from './locales';
import { MESSAGES, type Messages } from './messages';
import { negotiateLocale } from './negotiate';

/** The language of the current request (page, server action or route handler): cookie, then Accept-Language. */
export async function getRequestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(headerList.get('accept-language'), cookieStore.get(LOCALE_COOKIE)?.value);
}

/** The language cookie's value in a `Cookie` header. */
const LOCALE_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`);

/** The language a route handler's caller asked for (the JSON API honours Accept-Language and the cookie too). */
export function localeOfRequest(request: Request): Locale {
  const cookie = LOCALE_COOKIE_PATTERN.exec(request.headers.get('cookie') ?? '')?.[1];
  return negotiateLocale(request.headers.get('accept-language'), cookie ? decodeURIComponent(cookie) : undefined);
}

/** The messages sent to the browser: only the reader's language. */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

/**
 * A translator for server components: `const t = await getTranslations('home'); t('title')`.
 * Same ICU messages and key checking as `useTranslations` in client components.
 */
export async function getTranslations<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(namespace: N) {
  const locale = await getRequestLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace });
}

/**
 * One translator per language for the whole process, built on first use: a translator keeps the
 * ICU messages it has parsed, and status polls (every 2 s per viewer) read the same sentences each
 * time. A fresh translator per call parsed them again (about 50 µs a message against 8 µs cached).
 */
function perLocale<T>(build: (locale: Locale) => T): (locale: Locale) => T {
  const built = new Map<Locale, T>();
  return (locale) => {
    let value = built.get(locale);
    if (value === undefined) {
      value = build(locale);
      built.set(locale, value);
    }
    return value;
  };
}

/** The domain's sentences in one language (validation, findings, explanations) for services and routes. */
export const domainTextFor: (locale: Locale) => DomainText = perLocale((locale) =>
  asDomainText(createTranslator({ locale, messages: MESSAGES[locale].domain }) as never),
);

/** The domain's sentences in the current request's language. */
export async function getDomainText(): Promise<DomainText> {
  return domainTextFor(await getRequestLocale());
}

/** The `errors` namespace in one language: how AppErrors read there. */
export const errorTextFor: (locale: Locale) => ErrorText = perLocale((locale) =>
  asErrorText(createTranslator({ locale, messages: MESSAGES[locale].errors }) as never),
);

/** What the reader sees of an AppError, in `locale` (in English, exactly its `userMessage`). */
export function translateAppError(error: AppError, locale: Locale): string {
  return appErrorText(error, errorTextFor(locale));
}

/**
 * For pages and server actions: `const messageOf = await getAppErrorTranslator();` then
 * `messageOf(appError)`, in the current request's language.
 */
export async function getAppErrorTranslator(): Promise<(error: AppError) => string> {
  const locale = await getRequestLocale();
  return (error) => translateAppError(error, locale);
}
