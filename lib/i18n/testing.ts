import { createTranslator } from 'use-intl/core';

import { asDomainText, type DomainText } from './domain-text';
import { ptBRDomainMessages } from './messages/domain';

/** The domain's sentences in Brazilian Portuguese, for unit tests of domain functions. */
export const portugueseText: DomainText = asDomainText(createTranslator({ locale: 'pt-BR', messages: ptBRDomainMessages }) as never);
