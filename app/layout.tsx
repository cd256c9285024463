import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { FluentProviders } from '@/components/fluent-providers';
import { PortalIntlProvider } from '@/components/intl-provider';
import { getSignedInUser } from '@/lib/auth/request-credential';
import { getPortalMode } from '@/lib/azure/environment';
import { getRequestLocale, getTranslations, messagesFor } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('shell');
  return { title: { default: t('brand'), template: `%s · ${t('brand')}` }, description: t('description') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The mode comes from the server's environment at request time, never from the build machine's.
  await connection();
  // Set per request by proxy.ts; Griffel's <style> elements must carry it to pass the CSP.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // Names only for the header; pages check the session (and its tokens) themselves.
  const session = await getSignedInUser();
  const user = session ? { name: session.name, username: session.username } : null;
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body style={{ margin: 0 }}>
        <PortalIntlProvider locale={locale} messages={messagesFor(locale)}>
          <FluentProviders nonce={nonce}>
            <AppShell mode={getPortalMode()} user={user}>{children}</AppShell>
          </FluentProviders>
        </PortalIntlProvider>
      </body>
    </html>
  );
}
