'use client';

import { Body1, Button, Caption1, Card, CardHeader, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '520px', marginBlockStart: tokens.spacingVerticalL },
  form: { margin: 0 },
});

/** A sandbox user as the sign-in page shows them. */
export interface SandboxUserChoice {
  name: string;
  upn: string;
  /** Already in the reader's language. */
  role: string;
}

export interface SignInPanelProps {
  mode: 'live' | 'sandbox';
  /** Already checked by the page; sent back to `/auth/signin`, which checks it again. */
  returnTo: string;
  /** Sandbox mode: who can sign in. */
  users: readonly SandboxUserChoice[];
}

/**
 * The sign-in choices. Plain GET forms to `/auth/signin` (not links: nothing prefetches a
 * sign-in). Live: one "Sign in with Microsoft" button. Sandbox: one button per sandbox user,
 * passing the user as `login_hint`, so one click signs them in through the sandbox authority.
 */
export function SignInPanel({ mode, returnTo, users }: SignInPanelProps) {
  const styles = useStyles();
  const t = useTranslations('signin');
  if (mode === 'live') {
    return (
      <form action="/auth/signin" method="get" className={styles.form}>
        <input type="hidden" name="returnTo" value={returnTo} />
        <Button type="submit" appearance="primary">
          {t('withMicrosoft')}
        </Button>
      </form>
    );
  }
  return (
    <ul className={styles.list} aria-label={t('sandboxUsers')} style={{ listStyle: 'none', padding: 0 }}>
      {users.map((user) => (
        <li key={user.upn}>
          <Card>
            <CardHeader header={<Body1>{user.name}</Body1>} description={<Caption1>{`${user.upn} · ${user.role}`}</Caption1>} />
            <form action="/auth/signin" method="get" className={styles.form}>
              <input type="hidden" name="returnTo" value={returnTo} />
              <input type="hidden" name="login_hint" value={user.upn} />
              <Button type="submit" appearance="primary">{t('signInAs', { name: user.name })}</Button>
            </form>
          </Card>
        </li>
      ))}
    </ul>
  );
}
