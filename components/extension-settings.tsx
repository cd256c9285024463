'use client';

import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

/**
 * The extension's non-protected settings, sorted by key. Protected settings never appear: ARM
 * does not return them and the portal never has them.
 */
export function ExtensionSettings({ settings }: { settings: Readonly<Record<string, string>> }) {
  const t = useTranslations('status.settings');
  const entries = Object.entries(settings).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Table aria-label={t('label')} size="extra-small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('setting')}</TableHeaderCell>
          <TableHeaderCell>{t('value')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell>{key}</TableCell>
            <TableCell style={{ wordBreak: 'break-all' }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
