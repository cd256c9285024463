'use client';

import { makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

import type { IacExports } from '@/lib/domain/iac-export';
import { exportFileName, type ExportFormat } from '@/lib/ui/export-file';

import { CopyBlock } from './copy-block';

/**
 * The formats the review offers, in the order shown; the CLI first, as the one the docs use. Labels
 * are tool names, the same in every language; titles are `deploy.export.<title>`.
 */
const FORMATS = [
  { value: 'az', label: 'az CLI', title: 'azTitle' },
  { value: 'bicep', label: 'Bicep', title: 'bicepTitle' },
  { value: 'terraform', label: 'Terraform', title: 'terraformTitle' },
] as const satisfies ReadonlyArray<{ value: ExportFormat; label: string; title: string }>;
type Format = (typeof FORMATS)[number]['value'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** Props of {@link ExportChoice}. */
export interface ExportChoiceProps {
  /** The `az k8s-extension create` command. */
  azCommand: string;
  /** The same install as Bicep and Terraform (protected settings are parameters, never values). */
  exports: IacExports;
  /** The extension's and the cluster's names, for the downloaded file's name. */
  extensionName: string;
  clusterName: string;
}

/**
 * The install as code, in the format the user picks, with the copy button of {@link CopyBlock}.
 * Each format also downloads, as the same text. A radio group rather than tabs: the wizard already ships it, so the choice adds no script.
 */
export function ExportChoice({ azCommand, exports, extensionName, clusterName }: ExportChoiceProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.export');
  const [format, setFormat] = useState<Format>('az');
  const chosen = FORMATS.find((item) => item.value === format) ?? FORMATS[0];
  const text = format === 'az' ? azCommand : exports[format];
  return (
    <div className={styles.root}>
      <RadioGroup layout="horizontal" aria-label={t('label')} value={format} onChange={(_, data) => setFormat(data.value as Format)}>
        {FORMATS.map((item) => (
          <Radio key={item.value} value={item.value} label={item.label} />
        ))}
      </RadioGroup>
      <CopyBlock key={format} title={t(chosen.title)} text={text} downloadName={exportFileName({ extensionName, clusterName, format })} />
    </div>
  );
}
