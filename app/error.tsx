'use client';

import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

/**
 * Unexpected errors end here. Expected ones (ARM refusals, throttling) are values that pages show
 * themselves; this page never prints the error's message, which may carry details meant for logs.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Something went wrong</MessageBarTitle>
        The portal hit an unexpected error. Try again; if it keeps happening, give this reference to
        your administrator: {error.digest ?? 'no reference'}.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={reset}>Try again</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
