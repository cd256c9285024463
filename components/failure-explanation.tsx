'use client';

import { MessageBar, MessageBarBody, MessageBarGroup, MessageBarTitle, Text } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { useTranslations } from 'use-intl';

import type { Explanation } from '@/lib/domain/failure-explanations';

import { CodeText } from './code-text';

/** Props of {@link FailureExplanation}. */
export interface FailureExplanationProps {
  /** The recognised failure (DOMAIN.md section 8), if any. */
  explanation?: Explanation;
  /** ARM's own message, shown when nothing was recognised so the user still has something. */
  rawMessage?: string;
  /** Legacy settings on the extension, explained (warnings, not failures). */
  legacySettings?: ReadonlyArray<Explanation>;
}

/**
 * What went wrong and the fix, as one panel; renders nothing when all is well. Explanations come
 * already in the reader's language (the status route writes them so); ARM's raw message as ARM wrote it.
 */
export function FailureExplanation({ explanation, rawMessage, legacySettings = [] }: FailureExplanationProps) {
  const t = useTranslations('status.explanation');
  if (!explanation && !rawMessage && legacySettings.length === 0) return null;
  const bars: ReactElement[] = [];
  if (explanation) {
    bars.push(
      <MessageBar key="explanation" intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('title', { title: explanation.title, code: explanation.code })}</MessageBarTitle>
          <Text as="p">
            <CodeText text={explanation.meaning} />
          </Text>
          <Text as="p" weight="semibold">
            <CodeText text={t('howToFix', { fix: explanation.fix })} />
          </Text>
        </MessageBarBody>
      </MessageBar>,
    );
  } else if (rawMessage) {
    bars.push(
      <MessageBar key="raw" intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('azureError')}</MessageBarTitle>
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
          <CodeText text={`${legacy.meaning} ${legacy.fix}`} />
        </MessageBarBody>
      </MessageBar>,
    );
  }
  return (
    <section aria-label={t('region')}>
      <MessageBarGroup>{bars}</MessageBarGroup>
    </section>
  );
}
