'use client';

import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import NextLink from 'next/link';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';

import { DOCS } from '@/lib/ui/docs-links';

import { LocaleSwitcher } from './locale-switcher';

import { UserMenu, type SignedInUser } from './user-menu';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXL,
    paddingInline: tokens.spacingHorizontalXXL,
    height: '48px',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: {
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    textDecorationLine: 'none',
  },
  nav: { display: 'flex', gap: tokens.spacingHorizontalL },
  navLink: { color: tokens.colorNeutralForegroundOnBrand, textDecorationLine: 'none' },
  main: {
    paddingInline: tokens.spacingHorizontalXXL,
    paddingBlock: tokens.spacingVerticalL,
    maxWidth: '1400px',
  },
});

export interface AppShellProps {
  /** `sandbox` shows the simulated-Azure banner on every page. */
  mode: 'live' | 'sandbox';
  /** Who is signed in (null on the sign-in pages and for visitors without a session). */
  user: SignedInUser | null;
  children: ReactNode;
}

/** The frame of every page: the portal's header, its navigation, the signed-in user and, in sandbox mode, the banner. */
export function AppShell({ mode, user, children }: AppShellProps) {
  const styles = useStyles();
  const t = useTranslations('shell');
  return (
    <>
      <header className={styles.header}>
        <NextLink href="/" className={styles.brand}>
          {t('brand')}
        </NextLink>
        <nav aria-label={t('nav.label')} className={styles.nav}>
          <NextLink href="/" className={styles.navLink}>
            {t('nav.clusters')}
          </NextLink>
          <NextLink href="/deploy" className={styles.navLink}>{t('nav.deploy')}</NextLink>
          <NextLink href="/fleet" className={styles.navLink}>{t('nav.fleet')}</NextLink>
          <NextLink href="/audit" className={styles.navLink}>{t('nav.audit')}</NextLink>
        </nav>
        <LocaleSwitcher />
        <UserMenu user={user} />
      </header>
      {mode === 'sandbox' ? (
        <MessageBar intent="warning" layout="singleline" aria-label={t('sandbox.label')}>
          <MessageBarBody>
            <MessageBarTitle>{t('sandbox.title')}</MessageBarTitle>
            {t('sandbox.body')}{' '}
            <Link href={DOCS.deployExtension} inline>
              {t('sandbox.about')}
            </Link>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <main className={styles.main}>{children}</main>
    </>
  );
}
