'use client';

// First: before any zod schema is built, so the strict CSP sees no eval probe (see the module).
import '@/lib/security/zod-jitless';
import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
  webLightTheme,
} from '@fluentui/react-components';
import { useServerInsertedHTML } from 'next/navigation';
import { cloneElement, useState, type ReactElement, type ReactNode } from 'react';

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
 */
export function FluentProviders({ nonce, children }: FluentProvidersProps) {
  // The attributes also reach FluentProvider's theme <style> (server and client) and every
  // <style> Griffel creates at run time; rules added later go in through CSSOM, which CSP allows.
  const [renderer] = useState(() =>
    createDOMRenderer(typeof document === 'undefined' ? undefined : document, nonce ? { styleElementAttributes: { nonce } } : {}),
  );

  useServerInsertedHTML(() => <>{flushStyles(renderer, nonce)}</>);

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>{children}</FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
}
