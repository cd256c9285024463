import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { FluentProviders } from '@/components/fluent-providers';
import { getSignedInUser } from '@/lib/auth/request-credential';
import { getPortalMode } from '@/lib/azure/environment';

export const metadata: Metadata = {
  title: { default: 'AzureML Extension Portal', template: '%s · AzureML Extension Portal' },
  description: 'Install, watch and manage the Azure Machine Learning extension on AKS and Arc-enabled Kubernetes.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The mode comes from the server's environment at request time, never from the build machine's.
  await connection();
  // Set per request by proxy.ts; Griffel's <style> elements must carry it to pass the CSP.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // Names only for the header; pages check the session (and its tokens) themselves.
  const session = await getSignedInUser();
  const user = session ? { name: session.name, username: session.username } : null;
  return (
    <html lang="en">
      <body style={{ margin: 0 }}>
        <FluentProviders nonce={nonce}>
          <AppShell mode={getPortalMode()} user={user}>{children}</AppShell>
        </FluentProviders>
      </body>
    </html>
  );
}
