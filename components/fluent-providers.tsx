'use client';

import {
  createDOMRenderer,
  FluentProvider,
  makeStyles,
  mergeClasses,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
  tokens,
  type FluentProviderProps,
  type RadioState,
} from '@fluentui/react-components';
import { useServerInsertedHTML } from 'next/navigation';
import { cloneElement, useRef, useState, type ReactElement, type ReactNode } from 'react';

import { systemThemeCss } from './system-theme';

type GriffelRenderer = ReturnType<typeof createDOMRenderer>;

/**
 * The style elements collected since the last flush; forgets them so the next flush sends only new
 * rules. Griffel's `renderToStyleElements` ignores `styleElementAttributes` (a TODO in Griffel), so
 * the CSP nonce is added here.
 */
function flushStyles(renderer: GriffelRenderer, nonce: string | undefined) {
  const styles = renderToStyleElements(renderer).map((style) => (nonce ? cloneElement(style as ReactElement<{ nonce?: string }>, { nonce }) : style));
  for (const bucket of Object.keys(renderer.stylesheets)) {
    delete renderer.stylesheets[bucket as keyof GriffelRenderer['stylesheets']];
  }
  return styles;
}

/**
 * No theme on the provider itself: the tokens of the light and the dark theme live on `:root`
 * (system-theme.ts), so CSS, not React, picks the one the system prefers. An empty theme (not
 * `undefined`, which Fluent warns about) makes the provider's own rule empty, so its element and
 * its portals inherit the `:root` variables.
 */
const THEME_FROM_ROOT = {};

/**
 * Fluent paints an unselected radio's label in colorNeutralForeground3, the grey the eye reads as
 * "disabled" (issue 18). Every radio of the portal labels a real choice, so an enabled one reads in
 * the normal foreground, selected or not; disabled ones keep Fluent's disabled colour. The
 * selectors are Fluent's own (input `:enabled:not(:checked) ~ label`), so mergeClasses replaces its
 * rule rather than competing with it.
 */
const useRadioLabelStyles = makeStyles({
  input: {
    ':enabled:not(:checked) ~ .fui-Radio__label': { color: tokens.colorNeutralForeground1 },
    ':enabled:not(:checked):hover ~ .fui-Radio__label': { color: tokens.colorNeutralForeground1 },
  },
});

function useRadioStyles(state: unknown) {
  const styles = useRadioLabelStyles();
  const radio = state as RadioState;
  // Fluent's style hooks work by setting the state's slot classes; a custom hook is one of them.
  Object.assign(radio.input, { className: mergeClasses(radio.input.className, styles.input) });
}

/** Fixes applied once, to every instance of a Fluent component, through its custom style hook. */
const CUSTOM_STYLE_HOOKS: FluentProviderProps['customStyleHooks_unstable'] = { useRadioStyles_unstable: useRadioStyles };

/** The same for every request: built on the first server render that needs it, then reused. */
let themeCss: string | undefined;

/** Props of {@link FluentProviders}. */
export interface FluentProvidersProps {
  /** The request's CSP nonce (proxy.ts), put on every `<style>` Griffel and Fluent create. */
  nonce?: string;
  children: ReactNode;
}

/**
 * Fluent UI v9 for the App Router, with server-rendered styles.
 *
 * Griffel collects the CSS of every component rendered during a server flush. We emit it on every
 * flush, then forget the emitted rules (keeping `insertionCache`, so nothing is inserted twice):
 * the common "emit only once" recipe loses the CSS of Suspense boundaries that stream in later.
 * The theme's variables go out once, in the first flush, which Next.js puts in `<head>`: the first
 * paint already has the system's colour scheme.
 */
export function FluentProviders({ nonce, children }: FluentProvidersProps) {
  // The attributes also reach FluentProvider's theme <style> (server and client) and every
  // <style> Griffel creates at run time; rules added later go in through CSSOM, which CSP allows.
  const [renderer] = useState(() =>
    createDOMRenderer(typeof document === 'undefined' ? undefined : document, nonce ? { styleElementAttributes: { nonce } } : {}),
  );

  // A ref, not state: flipping it must not re-render. Only server renders flush.
  const themeSent = useRef(false);

  useServerInsertedHTML(() => {
    const theme = themeSent.current ? null : <style key="system-theme" nonce={nonce} dangerouslySetInnerHTML={{ __html: (themeCss ??= systemThemeCss()) }} />;
    themeSent.current = true;
    return (
      <>
        {theme}
        {flushStyles(renderer, nonce)}
      </>
    );
  });

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={THEME_FROM_ROOT} customStyleHooks_unstable={CUSTOM_STYLE_HOOKS}>
          {children}
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
}
