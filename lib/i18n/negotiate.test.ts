import { describe, expect, it } from 'vitest';

import { negotiateLocale } from './negotiate';

describe('negotiateLocale', () => {
  it.each([
    ['pt-BR,pt;q=0.9,en;q=0.8', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['fr-FR,pt-BR;q=0.5', 'pt-BR'],
    ['en;q=0.4,pt-BR;q=0.8', 'pt-BR'],
    ['de-DE', 'en'],
    ['*', 'en'],
    ['', 'en'],
    ['!!not a tag!!', 'en'],
  ])('Accept-Language %j gives %s', (header, locale) => {
    expect(negotiateLocale(header, undefined)).toBe(locale);
  });

  it('lets the switcher cookie win over Accept-Language', () => {
    expect(negotiateLocale('pt-BR', 'en')).toBe('en');
    expect(negotiateLocale('en-US', 'pt-BR')).toBe('pt-BR');
  });

  it('ignores a cookie naming a language the portal does not have', () => {
    expect(negotiateLocale('pt-BR', 'fr')).toBe('pt-BR');
    expect(negotiateLocale(null, 'xx')).toBe('en');
  });
});
