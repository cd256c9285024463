import { describe, expect, it } from 'vitest';

import { formatDateTime } from './date-time';

// ICU separates "11:38" and "PM" with a narrow no-break space; compare words, not space characters.
const plain = (text: string) => text.replace(/\s/g, ' ');
const AT = '2026-11-28T23:38:20.123Z';

describe('formatDateTime', () => {
  it('writes the medium date, the short time and the zone in English', () => {
    expect(plain(formatDateTime(AT, 'en'))).toBe('Nov 28, 2026, 11:38 PM UTC');
    expect(plain(formatDateTime(AT, 'en', 'Europe/Berlin'))).toBe('Nov 29, 2026, 12:38 AM GMT+1');
  });

  it('writes them in Brazilian Portuguese, 24-hour, with the zone', () => {
    expect(plain(formatDateTime(AT, 'pt-BR'))).toBe('28 de nov. de 2026, 23:38 UTC');
    expect(plain(formatDateTime(AT, 'pt-BR', 'America/Sao_Paulo'))).toBe('28 de nov. de 2026, 20:38 BRT');
  });

  it('gives the same date and time as dateStyle medium + timeStyle short, plus the zone', () => {
    for (const locale of ['en', 'pt-BR']) {
      const styled = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(new Date(AT));
      expect(plain(formatDateTime(AT, locale, 'Asia/Tokyo')).startsWith(plain(styled)), locale).toBe(true);
    }
  });

  it('returns text that is not a date as given, and falls back to UTC for an unknown zone', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(plain(formatDateTime(AT, 'en', 'Mars/Olympus'))).toBe('Nov 28, 2026, 11:38 PM UTC');
  });
});
