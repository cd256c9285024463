import NextLink from 'next/link';

import { getTranslations } from '@/lib/i18n/server';

export default async function NotFound() {
  const t = await getTranslations('shell.notFound');
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>
        {t('body')} <NextLink href="/">{t('back')}</NextLink>
      </p>
    </section>
  );
}
