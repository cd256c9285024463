'use client';

import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  code: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '360px',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    // Wrap at spaces; only a token longer than the line (a long ARM id) breaks inside.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

/** Props of {@link CopyBlock}. */
export interface CopyBlockProps {
  /** Heading above the block; also names the region and its copy button. */
  title: string;
  /** Exactly what is copied (and downloaded). Never pass secrets: this text is on screen. */
  text: string;
  /** When given, a Download button saves `text` under this file name (lib/ui/export-file.ts). */
  downloadName?: string;
}

/** Saves `text` as a file named `fileName`, through a short-lived object URL (no server round trip). */
function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A block of text (JSON, a command) shown as code, with a button that copies it and, for exports, one that downloads it. */
export function CopyBlock({ title, text, downloadName }: CopyBlockProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.copyBlock');
  const common = useTranslations('common');
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // Clipboard access needs a secure context and permission; the text stays selectable.
      setCopied('failed');
    }
  };
  return (
    <section className={styles.root} aria-label={title}>
      <div className={styles.header}>
        <Text weight="semibold">{title}</Text>
        <span>
          <Text aria-live="polite" size={200}>
            {copied === 'copied' ? common('copied') : copied === 'failed' ? t('copyFailed') : ''}
          </Text>{' '}
          <Button size="small" onClick={copy} aria-label={t('copyLabel', { title })}>
            {common('copy')}
          </Button>
          {downloadName ? (
            <>
              {' '}
              <Button size="small" onClick={() => download(text, downloadName)} aria-label={t('downloadLabel', { title, file: downloadName })}>
                {t('download')}
              </Button>
            </>
          ) : null}
        </span>
      </div>
      {/* Focusable: the block scrolls, and a keyboard user must be able to scroll it (WCAG 2.1.1). */}
      <pre className={styles.code} tabIndex={0}>
        {text}
      </pre>
    </section>
  );
}
