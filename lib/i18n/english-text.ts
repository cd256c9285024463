import { createTranslator } from 'use-intl/core';

import { asDomainText, type DomainText } from './domain-text';
import { enDomainMessages } from './messages/domain';

/**
 * English: the default of every domain function. Its own module, apart from the `DomainText` type,
 * so the layout's client code (which only wraps the reader's translator) does not carry the English
 * domain catalog; only pages that call domain functions in the browser load it.
 */
export const englishText: DomainText = asDomainText(createTranslator({ locale: 'en', messages: enDomainMessages }) as never);
