'use client';

import { Badge, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import { HA_MIN_NODES, settingEntry } from '@/lib/domain/settings-catalog';

type AnyText = (key: string, values?: Record<string, string | number>) => string;

/**
 * What a setting means, in one line, from the one catalog: a person's choice by its wizard
 * label, a key the CLI computes by why it writes it (and marked as such); a key the catalog does
 * not know, nothing.
 */
function useSettingMeaning(): (key: string) => { meaning?: string; computed: boolean } {
  const t = useTranslations() as unknown as AnyText;
  return (key) => {
    const entry = settingEntry(key);
    if (!entry) return { computed: false };
    if (entry.source === 'cli') {
      return { computed: true, ...(entry.computedByCli ? { meaning: t(`domain.${entry.computedByCli}`, { min: HA_MIN_NODES }) } : {}) };
    }
    return { computed: false, ...(entry.labelKey ? { meaning: t(entry.labelKey, { min: HA_MIN_NODES }) } : {}) };
  };
}

/**
 * The extension's non-protected settings, sorted by key, each with its meaning. Protected
 * settings never appear: ARM does not return them and the portal never has them.
 */
export function ExtensionSettings({ settings }: { settings: Readonly<Record<string, string>> }) {
  const t = useTranslations('status.settings');
  const meaningOf = useSettingMeaning();
  const entries = Object.entries(settings).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Table aria-label={t('label')} size="extra-small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('setting')}</TableHeaderCell>
          <TableHeaderCell>{t('value')}</TableHeaderCell>
          <TableHeaderCell>{t('meaning')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map(([key, value]) => {
          const { meaning, computed } = meaningOf(key);
          return (
            <TableRow key={key}>
              <TableCell>{key}</TableCell>
              <TableCell style={{ wordBreak: 'break-all' }}>{value}</TableCell>
              <TableCell>
                {computed ? (
                  <Badge appearance="outline" size="small" color="informative" style={{ marginInlineEnd: 4 }}>
                    {t('computedByCli')}
                  </Badge>
                ) : null}
                {meaning ? <Caption1>{meaning}</Caption1> : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
