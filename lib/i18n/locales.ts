/**
 * The portal's languages. English is the fallback for any browser that asks for neither; every
 * Portuguese request (pt, pt-PT, pt-BR) gets Brazilian Portuguese, the language of the user's own
 * documentation (../shared/seed).
 */
export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie the language switcher writes; it wins over Accept-Language. */
export const LOCALE_COOKIE = 'portal-locale';
/** One year: the choice is remembered until the user changes it again. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Names shown in the switcher, each in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'pt-BR': 'Português (Brasil)' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
