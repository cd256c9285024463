'use client';

import { makeStyles, Select, tokens, useId } from '@fluentui/react-components';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useLocale, useTranslations } from 'use-intl';

import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  label: { color: tokens.colorNeutralForegroundOnBrand, fontSize: tokens.fontSizeBase200 },
});

/**
 * The language switcher. The choice goes into a cookie (a year, SameSite=Lax) that wins over the
 * browser's Accept-Language on every later visit; the page re-renders on the server in the new
 * language without a reload, so nothing typed in a form is lost.
 */
export function LocaleSwitcher() {
  const styles = useStyles();
  const t = useTranslations('shell.language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const id = useId('language');
  return (
    <div className={styles.root}>
      <label htmlFor={id} className={styles.label}>
        {t('label')}
      </label>
      <Select
        id={id}
        size="small"
        value={locale}
        disabled={pending}
        onChange={(_, data) => {
          if (!isLocale(data.value)) return;
          const secure = window.location.protocol === 'https:' ? '; Secure' : '';
          document.cookie = `${LOCALE_COOKIE}=${data.value}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE_SECONDS}; SameSite=Lax${secure}`;
          startTransition(() => router.refresh());
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </Select>
    </div>
  );
}
