import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { FluentProviders } from '@/components/fluent-providers';
import { getPortalMode } from '@/lib/azure/environment';

export const metadata: Metadata = {
  title: { default: 'AzureML Extension Portal', template: '%s · AzureML Extension Portal' },
  description: 'Install, watch and manage the Azure Machine Learning extension on AKS and Arc-enabled Kubernetes.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The mode comes from the server's environment at request time, never from the build machine's.
  await connection();
  return (
    <html lang="en">
      <body style={{ margin: 0 }}>
        <FluentProviders>
          <AppShell mode={getPortalMode()}>{children}</AppShell>
        </FluentProviders>
      </body>
    </html>
  );
}
