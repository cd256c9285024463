import 'server-only';

import { z } from 'zod';

import type { Locale } from '@/lib/i18n/locales';

/** zod's bundled translations of its own messages; English is zod's default. */
const ZOD_LOCALES: Record<Locale, (() => { localeError: z.core.$ZodErrorMap }) | undefined> = {
  en: undefined,
  'pt-BR': z.locales.ptBR,
};

/**
 * Parse options that make zod write its own messages (wrong type, too long, unknown key) in the
 * reader's language: `schema.safeParse(json, zodParseOptions(locale))`. Messages a schema sets
 * itself are left as they are.
 */
export function zodParseOptions(locale: Locale): z.core.ParseContext<z.core.$ZodIssue> | undefined {
  const translations = ZOD_LOCALES[locale];
  return translations ? { error: translations().localeError } : undefined;
}
