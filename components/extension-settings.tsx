'use client';

import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';

/**
 * The extension's non-protected settings, sorted by key. Protected settings never appear: ARM
 * does not return them and the portal never has them.
 */
export function ExtensionSettings({ settings }: { settings: Readonly<Record<string, string>> }) {
  const entries = Object.entries(settings).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Table aria-label="Settings" size="extra-small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Setting</TableHeaderCell>
          <TableHeaderCell>Value</TableHeaderCell>
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
