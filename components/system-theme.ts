import { createCSSRuleFromTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/**
 * The portal's colours follow the system: Fluent's web light theme, and its web dark theme when the
 * browser prefers a dark colour scheme.
 *
 * The choice is made by CSS, not by JavaScript: the tokens of both themes are CSS variables on
 * `:root`, the dark ones inside `@media (prefers-color-scheme: dark)`. So the first paint already has
 * the right theme (the server cannot know the scheme: no flash of light before hydration, no inline
 * script to run under the nonce CSP), and the page follows a change of the system setting at once,
 * without a reload or a re-render. Fluent components read only these variables, and portals
 * (dialogs, menus, tooltips) mount under `<body>`, so they inherit them too.
 *
 * `color-scheme` lets the browser draw its own parts (scrollbars, the canvas before the styles
 * load) in the same scheme, and the body takes the theme's background, so no strip of the other
 * colour shows below a short page.
 */
export function systemThemeCss(light: Theme = webLightTheme, dark: Theme = webDarkTheme): string {
  return [
    createCSSRuleFromTheme(':root', light),
    ':root { color-scheme: light dark; }',
    'body { background-color: var(--colorNeutralBackground1); color: var(--colorNeutralForeground1); }',
    `@media (prefers-color-scheme: dark) { ${createCSSRuleFromTheme(':root', tokensThatDiffer(light, dark))} }`,
  ].join('\n');
}

/** The tokens of `dark` whose values are not those of `light` (fonts, sizes, radii, motion are shared). */
function tokensThatDiffer(light: Theme, dark: Theme): Partial<Theme> {
  return Object.fromEntries(Object.entries(dark).filter(([token, value]) => light[token as keyof Theme] !== value));
}
