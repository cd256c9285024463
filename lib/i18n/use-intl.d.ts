import type { Locale } from './locales';
import type { Messages } from './messages';

// Typed keys for useTranslations / createTranslator: a misspelt key fails `tsc`.
declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
