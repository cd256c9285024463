'use client';

import { MessageBar, MessageBarBody, MessageBarGroup, MessageBarTitle, Text } from '@fluentui/react-components';

import type { ReactElement } from 'react';

import type { Explanation } from '@/lib/domain/failure-explanations';

/** Props of {@link FailureExplanation}. */
export interface FailureExplanationProps {
  /** The recognised failure (DOMAIN.md section 8), if any. */
  explanation?: Explanation;
  /** ARM's own message, shown when nothing was recognised so the user still has something. */
  rawMessage?: string;
  /** Legacy settings on the extension, explained (warnings, not failures). */
  legacySettings?: ReadonlyArray<Explanation>;
}

/** What went wrong and the fix, as one panel; renders nothing when all is well. */
export function FailureExplanation({ explanation, rawMessage, legacySettings = [] }: FailureExplanationProps) {
  if (!explanation && !rawMessage && legacySettings.length === 0) return null;
  const bars: ReactElement[] = [];
  if (explanation) {
    bars.push(
      <MessageBar key="explanation" intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{`${explanation.title} (${explanation.code})`}</MessageBarTitle>
          <Text as="p">{explanation.meaning}</Text>
          <Text as="p" weight="semibold">{`How to fix: ${explanation.fix}`}</Text>
        </MessageBarBody>
      </MessageBar>,
    );
  } else if (rawMessage) {
    bars.push(
      <MessageBar key="raw" intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Azure reported an error</MessageBarTitle>
          {rawMessage}
        </MessageBarBody>
      </MessageBar>,
    );
  }
  for (const legacy of legacySettings) {
    bars.push(
      <MessageBar key={legacy.code} intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{legacy.title}</MessageBarTitle>
          {`${legacy.meaning} ${legacy.fix}`}
        </MessageBarBody>
      </MessageBar>,
    );
  }
  return (
    <section aria-label="What went wrong">
      <MessageBarGroup>{bars}</MessageBarGroup>
    </section>
  );
}
