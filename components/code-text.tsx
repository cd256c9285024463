'use client';

import { makeStyles, tokens } from '@fluentui/react-components';
import { Fragment } from 'react';

import { splitCodeSpans } from '@/lib/ui/code-spans';

const useStyles = makeStyles({
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: '0.95em',
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    // A long command wraps inside the message bar rather than widening it.
    overflowWrap: 'anywhere',
  },
});

/** Props of {@link CodeText}. */
export interface CodeTextProps {
  /** A sentence that may hold `commands` between backticks (a fix, an explanation). */
  text: string;
}

/**
 * A fix text with its `backticked` commands as <code>, through {@link splitCodeSpans}. Every part
 * is a React text node: nothing in the text is ever read as HTML.
 */
export function CodeText({ text }: CodeTextProps) {
  const styles = useStyles();
  return (
    <>
      {splitCodeSpans(text).map((part, index) =>
        part.kind === 'code' ? (
          <code key={index} className={styles.code}>
            {part.text}
          </code>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
