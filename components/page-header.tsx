'use client';

import { Body1, makeStyles, Title2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBlockEnd: tokens.spacingVerticalL },
  title: { margin: 0 },
});

/** A page's title (its one `h1`) and a line saying what the page shows. */
export function PageHeader({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Title2 as="h1" className={styles.title}>
        {title}
      </Title2>
      {subtitle ? <Body1>{subtitle}</Body1> : null}
    </div>
  );
}
