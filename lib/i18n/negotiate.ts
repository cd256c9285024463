import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';

import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales';

/**
 * The language of one request: the switcher's cookie when it names a language we have, otherwise the
 * best match for the browser's Accept-Language (q-values honoured; `pt-PT` and `pt` map to `pt-BR`,
 * `en-GB` to `en`), otherwise English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, cookieValue: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  // Negotiator sorts by q-value and drops q=0; '*' says "anything", which is the default.
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } })
    .languages()
    .filter((tag) => tag !== '*')
    .map((tag) => (tag.toLowerCase() === 'pt' || tag.toLowerCase().startsWith('pt-') ? 'pt-BR' : tag));
  if (requested.length === 0) return DEFAULT_LOCALE;
  try {
    const best = match(requested, [...LOCALES], DEFAULT_LOCALE, { algorithm: 'lookup' });
    return isLocale(best) ? best : DEFAULT_LOCALE;
  } catch {
    // A malformed tag (RangeError from Intl.getCanonicalLocales) is a browser we cannot read.
    return DEFAULT_LOCALE;
  }
}
