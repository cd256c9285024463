'use client';

import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
  webLightTheme,
} from '@fluentui/react-components';
import { useServerInsertedHTML } from 'next/navigation';
import { useState, type ReactNode } from 'react';

type GriffelRenderer = ReturnType<typeof createDOMRenderer>;

/** The style elements collected since the last flush; forgets them so the next flush sends only new rules. */
function flushStyles(renderer: GriffelRenderer) {
  const styles = renderToStyleElements(renderer);
  for (const bucket of Object.keys(renderer.stylesheets)) {
    delete renderer.stylesheets[bucket as keyof GriffelRenderer['stylesheets']];
  }
  return styles;
}

/**
 * Fluent UI v9 for the App Router, with server-rendered styles.
 *
 * Griffel collects the CSS of every component rendered during a server flush. We emit it on every
 * flush, then forget the emitted rules (keeping `insertionCache`, so nothing is inserted twice):
 * the common "emit only once" recipe loses the CSS of Suspense boundaries that stream in later.
 */
export function FluentProviders({ children }: { children: ReactNode }) {
  const [renderer] = useState(() => createDOMRenderer());

  useServerInsertedHTML(() => <>{flushStyles(renderer)}</>);

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>{children}</FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
}
