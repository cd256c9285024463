'use client';

import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useFormatter, useTranslations } from 'use-intl';

import type { CertificateNotice } from '@/lib/domain/certificate-expiry';

/**
 * When the HTTPS certificate the portal sent ends (lib/domain/certificate-expiry.ts): an error once
 * expired, a warning within the wizard's window, an informative line otherwise; the first two
 * link to the renewal.
 */
export function CertificateExpiryNotice({ certificate, renewPath }: { certificate: CertificateNotice; renewPath: string }) {
  const t = useTranslations('status.certificate');
  const format = useFormatter();
  const values = { host: certificate.host, date: format.dateTime(new Date(certificate.notAfter), { dateStyle: 'long' }), days: certificate.daysLeft };
  const intent = certificate.state === 'expired' ? 'error' : certificate.state === 'expiring' ? 'warning' : 'info';
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t(`${certificate.state}Title`)}</MessageBarTitle>
        {t(certificate.state, values)}{' '}
        {certificate.state === 'valid' ? null : <Link href={renewPath}>{t('renew')}</Link>}
      </MessageBarBody>
    </MessageBar>
  );
}
