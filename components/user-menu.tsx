'use client';

import { Avatar, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginInlineStart: 'auto' },
  name: { color: tokens.colorNeutralForegroundOnBrand },
  form: { margin: 0 },
  signOut: { color: tokens.colorNeutralForegroundOnBrand },
  signIn: { color: tokens.colorNeutralForegroundOnBrand },
});

/** The signed-in person, as the header shows them (names only, never a token). */
export interface SignedInUser {
  name: string;
  username: string;
}

export interface UserMenuProps {
  /** Null when nobody is signed in: the header offers "Sign in" instead. */
  user: SignedInUser | null;
}

/**
 * Who is signed in, and Sign out. Sign out is a POST form to `/auth/signout` (not a link: a GET
 * could be triggered by any image tag on another site).
 */
export function UserMenu({ user }: UserMenuProps) {
  const styles = useStyles();
  const t = useTranslations('shell.user');
  if (!user) {
    return (
      <div className={styles.root}>
        <a href="/signin" className={styles.signIn}>
          {t('signIn')}
        </a>
      </div>
    );
  }
  return (
    <div className={styles.root} aria-label={t('group')} role="group">
      <Avatar name={user.name} size={24} color="colorful" aria-hidden />
      <Text className={styles.name} title={user.username}>
        {user.name}
      </Text>
      <form action="/auth/signout" method="post" className={styles.form}>
        <Button type="submit" appearance="transparent" size="small" className={styles.signOut}>
          {t('signOut')}
        </Button>
      </form>
    </div>
  );
}
