'use client';

import { Button, makeStyles, mergeClasses, tokens, type ButtonProps } from '@fluentui/react-components';

/**
 * Fluent UI v9 has no danger appearance for Button; this is the one place the portal paints a
 * destructive action (delete) in the danger colour, so every Delete looks the same and none is
 * coloured inline. A primary button in the status danger red, in light and dark themes alike.
 */
const useStyles = makeStyles({
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorStatusDangerBackground3Hover, color: tokens.colorNeutralForegroundOnBrand },
    ':hover:active': { backgroundColor: tokens.colorStatusDangerBackground3Pressed, color: tokens.colorNeutralForegroundOnBrand },
    ':disabled': { backgroundColor: tokens.colorNeutralBackgroundDisabled, color: tokens.colorNeutralForegroundDisabled },
    ':disabled:hover': { backgroundColor: tokens.colorNeutralBackgroundDisabled, color: tokens.colorNeutralForegroundDisabled },
  },
});

/** Props of {@link DangerButton}: a Button's, for a `<button>` (the appearance is fixed). */
export type DangerButtonProps = Pick<ButtonProps, 'children' | 'disabled' | 'disabledFocusable' | 'icon' | 'size' | 'className'> & {
  onClick?: () => void;
};

/** A Fluent Button for a destructive action, in the danger colour. */
export function DangerButton({ className, ...props }: DangerButtonProps) {
  const styles = useStyles();
  return <Button {...props} appearance="primary" className={mergeClasses(styles.danger, className)} />;
}
