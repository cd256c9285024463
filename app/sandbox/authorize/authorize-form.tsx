'use client';

import { Body1, Button, Caption1, Card, CardHeader, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useActionState } from 'react';
import { useTranslations } from 'use-intl';

import { chooseSandboxUserAction, type ChooseSandboxUserResult } from './actions';
import type { SandboxUserChoice } from '../../signin/sign-in-panel';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '520px', padding: 0, listStyleType: 'none' },
});

export interface AuthorizeFormProps {
  /** The authorize request's parameters, sent back with the choice. */
  request: Record<string, string>;
  users: readonly (SandboxUserChoice & { key: string })[];
}

/** One button per sandbox user; choosing one continues the sign-in as that user. */
export function AuthorizeForm({ request, users }: AuthorizeFormProps) {
  const styles = useStyles();
  const t = useTranslations('signin.authorize');
  const [result, formAction, pending] = useActionState<ChooseSandboxUserResult | null, FormData>(
    (_previous, formData) => chooseSandboxUserAction(formData),
    null,
  );
  return (
    <>
      {result ? (
        <MessageBar intent="error">
          <MessageBarBody>{result.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.list} aria-label={t('accounts')}>
        {users.map((user) => (
          <li key={user.key}>
            <Card>
              <CardHeader header={<Body1>{user.name}</Body1>} description={<Caption1>{`${user.upn} · ${user.role}`}</Caption1>} />
              <form action={formAction}>
                {Object.entries(request).map(([name, value]) => (
                  <input key={name} type="hidden" name={name} value={value} />
                ))}
                <input type="hidden" name="user" value={user.key} />
                <Button type="submit" appearance="primary" disabled={pending}>{t('continueAs', { name: user.name })}</Button>
              </form>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
