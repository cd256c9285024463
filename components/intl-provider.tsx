'use client';

import { useCallback, type ReactNode } from 'react';
import { IntlProvider, useTranslations, type IntlError } from 'use-intl';

import { asDomainText, type DomainText } from '@/lib/i18n/domain-text';
import type { Locale } from '@/lib/i18n/locales';
import type { Messages } from '@/lib/i18n/messages';

/**
 * Dates are formatted in the browser's own time zone once the page is interactive; the server does
 * not know it, which use-intl reports as ENVIRONMENT_FALLBACK. That is the intended behaviour, not
 * an error. Anything else (a missing message) is logged so a test or a developer sees it.
 */
function onIntlError(error: IntlError) {
  if (error.code === 'ENVIRONMENT_FALLBACK') return;
  console.error(error);
}

/** Props of {@link PortalIntlProvider}. */
export interface PortalIntlProviderProps {
  locale: Locale;
  /** Only the reader's language (lib/i18n/server.ts `messagesFor`). */
  messages: Messages;
  children: ReactNode;
}

/** The reader's language for every client component (`useTranslations`, `useFormatter`, {@link useDomainText}). */
export function PortalIntlProvider({ locale, messages, children }: PortalIntlProviderProps) {
  return (
    <IntlProvider locale={locale} messages={messages} onError={onIntlError}>
      {children}
    </IntlProvider>
  );
}

/** The domain's sentences (validation, findings) in the reader's language, for domain functions called in the browser. */
export function useDomainText(): DomainText {
  const t = useTranslations('domain');
  return useCallback<DomainText>((key, values) => asDomainText(t as never)(key, values), [t]);
}
