'use client';

import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
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
        <FluentProvider theme={THEME_FROM_ROOT}>{children}</FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
}
