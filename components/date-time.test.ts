import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { IntlProvider } from 'use-intl';
import { describe, expect, it } from 'vitest';

import type { Locale } from '@/lib/i18n/locales';

import { DateTime } from './date-time';

const render = (locale: Locale, value: string) =>
  renderToString(
    // IntlProvider's props require `children`, so createElement's types want them there (a .ts test has no JSX).
    // eslint-disable-next-line react/no-children-prop
    createElement(IntlProvider, { locale, messages: {}, children: createElement(DateTime, { value }) }),
  ).replace(/\s/g, ' ');

describe('<DateTime> on the server', () => {
  it('renders a non-wrapping <time> in the reader language, labelled UTC until the browser says its zone', () => {
    const html = render('pt-BR', '2026-11-28T23:38:20.123Z');
    expect(html).toContain('<time dateTime="2026-11-28T23:38:20.123Z" title="2026-11-28T23:38:20.123Z" style="white-space:nowrap">');
    expect(html).toContain('>28 de nov. de 2026, 23:38 UTC</time>');
    expect(render('en', '2026-11-28T23:38:20.123Z')).toContain('>Nov 28, 2026, 11:38 PM UTC</time>');
  });
});
