'use client';

import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useRef, type ChangeEvent, type InputHTMLAttributes } from 'react';
import { useTranslations } from 'use-intl';

const useStyles = makeStyles({
  root: { position: 'relative', display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // The native input stays the control: labelled by its Field, in the tab order, opened by Space
  // or Enter, announced by screen readers as before. Only its look ("Choose File", in the
  // browser's language rather than the reader's) is hidden.
  input: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
    // Keyboard focus on the hidden input shows on the button that stands for it.
    '&:focus-visible + button': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  fileName: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/** Props of {@link FilePicker}. */
export interface FilePickerProps {
  /** What Fluent's Field gives its control (id, aria-describedby, aria-invalid, ...). */
  inputProps: InputHTMLAttributes<HTMLInputElement>;
  accept: string;
  /** The name of the file chosen, if any. */
  fileName: string | undefined;
  onChange(event: ChangeEvent<HTMLInputElement>): void;
}

/**
 * A file input whose button and "no file chosen" are in the reader's language: the browser draws
 * the native ones in its own. The visible button only opens the hidden input (it is out of the tab
 * order and of the accessibility tree, so the input is still the one control a keyboard or screen
 * reader meets).
 */
export function FilePicker({ inputProps, accept, fileName, onChange }: FilePickerProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.tls');
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className={styles.root}>
      <input {...inputProps} ref={input} className={styles.input} type="file" accept={accept} onChange={onChange} />
      <Button tabIndex={-1} aria-hidden onClick={() => input.current?.click()}>
        {t('chooseFile')}
      </Button>
      <Text className={styles.fileName} aria-hidden>
        {fileName ?? t('noFileChosen')}
      </Text>
    </span>
  );
}
