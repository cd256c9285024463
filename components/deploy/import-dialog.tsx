'use client';

import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  Textarea,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';

import { useDomainText } from '@/components/intl-provider';

import type { DeployForm } from '@/lib/domain/deploy-schema';
import { importPlan } from '@/lib/domain/import-answers';
import { applyImportFix, importSettings, type ImportFix, type ImportProblem } from '@/lib/domain/import-settings';

import type { DeployCluster } from './deploy-types';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  text: { fontFamily: tokens.fontFamilyMonospace, minHeight: '160px' },
  problem: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, marginBlockEnd: tokens.spacingVerticalXS },
  answers: { marginBlock: 0 },
  // In the dialog's scrolling column a bar must not shrink below its content: shrunk, the next bar
  // overlapped its fix buttons and took their clicks.
  bar: { flexShrink: 0 },
  actions: { alignItems: 'center' },
});

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  open: boolean;
  clusters: readonly DeployCluster[];
  /** Receives the imported values (only what the paste said); the wizard merges them into the form. */
  onApply: (values: Partial<DeployForm>) => void;
  onClose: () => void;
}

/** Errors or warnings, each with its one-click fix when the import offers one. */
function ProblemList({ problems, label, onFix }: { problems: ImportProblem[]; label: string; onFix: (fix: ImportFix) => void }) {
  const styles = useStyles();
  return (
    <ul aria-label={label}>
      {problems.map(({ key, message, fix }) => (
        <li key={`${key}:${message}`} className={styles.problem}>
          <span>{message}</span>
          {fix ? (
            <Button size="small" onClick={() => onFix(fix)}>
              {fix.label}
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Prefills the wizard from what people already have: an `az k8s-extension create` command, a
 * `--config` list or settings JSON. Lists exactly which answers it will set (import-answers.ts)
 * and what it leaves out; a miscased or legacy key (the documented `InferenceRouterHA` typo) has
 * a one-click fix, and "Use these settings" stays unavailable, with the reason, while an error stands.
 */
export function ImportDialog({ open, clusters, onApply, onClose }: ImportDialogProps) {
  const styles = useStyles();
  const t = useTranslations('deploy.importDialog');
  const common = useTranslations('common');
  const domainText = useDomainText();
  const reasonId = useId('import-blocked');
  const applyRef = useRef<HTMLButtonElement>(null);
  const answersRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  // The text as last read and the fixes made since: the result is derived from both, so it follows a change of language.
  const [readText, setReadText] = useState<string | null>(null);
  const [fixes, setFixes] = useState<ImportFix[]>([]);
  const result = useMemo(
    () => (readText === null ? null : fixes.reduce((current, fix) => applyImportFix(current, fix, domainText), importSettings(readText, domainText))),
    [readText, fixes, domainText],
  );
  const plan = useMemo(() => (result ? importPlan(result, clusters, domainText) : null), [result, clusters, domainText]);
  const lastFix = fixes.at(-1);

  // A fix button goes with its problem: focus moves on, to the button the fix may have enabled or else to the answers.
  const focusAfterFix = useRef(false);
  useEffect(() => {
    if (!focusAfterFix.current) return;
    focusAfterFix.current = false;
    (plan?.canApply ? applyRef.current : answersRef.current)?.focus();
  }, [fixes, plan?.canApply]);
  const makeFix = (fix: ImportFix) => {
    focusAfterFix.current = true;
    setFixes([...fixes, fix]);
  };

  const read = () => {
    setReadText(text);
    setFixes([]);
  };
  const apply = () => {
    if (!plan?.canApply) return;
    onApply(plan.values);
    setText('');
    setReadText(null);
    setFixes([]);
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label={t('textLabel')} hint={t('textHint')}>
              <Textarea
                className={styles.text}
                value={text}
                resize="vertical"
                onChange={(_, data) => {
                  setText(data.value);
                  setReadText(null);
                  setFixes([]);
                }}
              />
            </Field>
            {result && plan ? (
              <>
                {lastFix ? <Text role="status">{t('fixed', { fix: lastFix.label })}</Text> : null}
                {result.errors.length > 0 ? (
                  <MessageBar intent="error" layout="multiline" className={styles.bar}>
                    <MessageBarBody>
                      <MessageBarTitle>{t('errors')}</MessageBarTitle>
                      <ProblemList problems={result.errors} label={t('errorsLabel')} onFix={makeFix} />
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
                {result.warnings.length > 0 ? (
                  <MessageBar intent="warning" layout="multiline" className={styles.bar}>
                    <MessageBarBody>
                      <MessageBarTitle>{t('warnings')}</MessageBarTitle>
                      <ProblemList problems={result.warnings} label={t('warningsLabel')} onFix={makeFix} />
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
                <div ref={answersRef} tabIndex={-1}>
                  <Subtitle2 as="h3">{t('answersTitle')}</Subtitle2>
                  {plan.answers.length > 0 ? (
                    <ul aria-label={t('answersLabel')} className={styles.answers}>
                      {plan.answers.map((answer) => (
                        <li key={answer}>{answer}</li>
                      ))}
                    </ul>
                  ) : (
                    <Text as="p">{t('noAnswers')}</Text>
                  )}
                </div>
                {plan.clusterNote ? <Caption1>{plan.clusterNote}</Caption1> : null}
                {plan.notCarriedOver.length > 0 ? (
                  <Caption1 aria-label={t('unknownKeysLabel')}>{t('unknownKeys', { keys: plan.notCarriedOver.join(', ') })}</Caption1>
                ) : null}
              </>
            ) : null}
          </DialogContent>
          <DialogActions className={styles.actions}>
            {plan && !plan.canApply ? <Caption1 id={reasonId}>{t('blocked', { count: result?.errors.length ?? 0 })}</Caption1> : null}
            <Button onClick={onClose}>{common('cancel')}</Button>
            <Button onClick={read} disabled={text.trim() === ''}>
              {t('read')}
            </Button>
            {/* Focusable while unavailable, so its reason (described-by) is heard. */}
            <Button
              ref={applyRef}
              appearance="primary"
              onClick={apply}
              disabledFocusable={!plan?.canApply}
              aria-describedby={plan && !plan.canApply ? reasonId : undefined}
            >
              {t('apply')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
