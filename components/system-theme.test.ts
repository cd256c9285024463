import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';

import { systemThemeCss } from './system-theme';

/** The declarations of the first `:root { … }` rule in `css` as a map. */
function rootTokens(css: string): Map<string, string> {
  const body = /:root \{ ([^}]*) \}/.exec(css)?.[1] ?? '';
  return new Map([...body.matchAll(/--([\w-]+): ([^;]+);/g)].map(([, name, value]) => [name, value]));
}

describe('systemThemeCss', () => {
  const css = systemThemeCss();
  const [beforeMedia, darkBlock] = css.split('@media (prefers-color-scheme: dark)');

  it('puts every light token on :root, outside any media query', () => {
    const light = rootTokens(beforeMedia);
    expect(light.size).toBe(Object.keys(webLightTheme).length);
    expect(light.get('colorNeutralBackground1')).toBe(webLightTheme.colorNeutralBackground1);
  });

  it('overrides, for a dark system, exactly the tokens whose dark value differs', () => {
    const dark = rootTokens(darkBlock);
    const differing = Object.keys(webDarkTheme).filter((token) => webDarkTheme[token as keyof typeof webDarkTheme] !== webLightTheme[token as keyof typeof webLightTheme]);
    expect([...dark.keys()].sort()).toEqual(differing.sort());
    expect(dark.get('colorNeutralBackground1')).toBe(webDarkTheme.colorNeutralBackground1);
    expect(dark.has('fontFamilyBase')).toBe(false);
  });

  it('lets the browser draw in both schemes and paints the body with the theme', () => {
    expect(beforeMedia).toContain('color-scheme: light dark');
    expect(beforeMedia).toContain('body { background-color: var(--colorNeutralBackground1)');
  });
});
