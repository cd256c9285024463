'use client';

import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarGroup,
  MessageBarTitle,
  Spinner,
  type MessageBarIntent,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

import { registerProviderAction } from '@/app/deploy/actions';
import { CodeText } from '@/components/code-text';
import type { Finding, FindingSeverity } from '@/lib/domain/preflight/types';
import { statusPagePath } from '@/lib/ui/routes';

const INTENT: Record<FindingSeverity, MessageBarIntent> = { error: 'error', warning: 'warning', info: 'info' };
const ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** What a list shows of a finding: the install preflight's and the attach preflight's share this shape. */
export type ListedFinding = Pick<Finding, 'severity' | 'message' | 'fix' | 'action'> & { code: string };

/** Props of {@link FindingList}. */
export interface FindingListProps {
  findings: readonly ListedFinding[];
  /** Called after the portal registered a provider for a finding, so the caller re-runs preflight. */
  onResolved?: () => void;
  /** Accessible name of the group ("Preflight findings"). */
  label: string;
}

/**
 * Preflight findings, errors first, each with its fix beside it and, when the portal can apply
 * the fix itself, a button for it (register a resource provider) or a link (open the extension
 * that is already installed). The attach wizard's findings (lib/domain/attach-preflight.ts) too.
 */
export function FindingList({ findings, onResolved, label }: FindingListProps) {
  const t = useTranslations('deploy.findings');
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <MessageBarGroup aria-label={label} role="list">
      {sorted.map((finding) => (
        <div role="listitem" key={`${finding.code}:${finding.message}`}>
          <MessageBar intent={INTENT[finding.severity]} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t(finding.severity)}</MessageBarTitle>
              <CodeText text={finding.message} /> <strong>{t('fix')}</strong> <CodeText text={finding.fix} />
            </MessageBarBody>
            {finding.action ? (
              <MessageBarActions>
                <FindingAction action={finding.action} onResolved={onResolved} />
              </MessageBarActions>
            ) : null}
          </MessageBar>
        </div>
      ))}
    </MessageBarGroup>
  );
}

function FindingAction({ action, onResolved }: { action: NonNullable<Finding['action']>; onResolved?: () => void }) {
  const t = useTranslations('deploy.findings');
  switch (action.kind) {
    case 'register-provider':
      return <RegisterProviderButton namespace={action.namespace} subscriptionId={action.subscriptionId} onResolved={onResolved} />;
    case 'open-extension':
      return (
        <Link as="a" href={statusPagePath(action.extensionId)}>
          {t('openExtension')}
        </Link>
      );
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

type RegisterState = { status: 'idle' } | { status: 'registering' } | { status: 'failed'; message: string };

/** Registers the provider (the action polls until Registered), then asks for a fresh preflight. */
function RegisterProviderButton({ namespace, subscriptionId, onResolved }: { namespace: string; subscriptionId: string; onResolved?: () => void }) {
  const t = useTranslations('deploy.findings');
  const [state, setState] = useState<RegisterState>({ status: 'idle' });
  const register = async () => {
    setState({ status: 'registering' });
    try {
      const result = await registerProviderAction(subscriptionId, namespace);
      if (result.status === 'registered') {
        setState({ status: 'idle' });
        onResolved?.();
        return;
      }
      setState({ status: 'failed', message: result.status === 'invalid' ? result.errors.map((e) => e.message).join(' ') : result.message });
    } catch {
      setState({ status: 'failed', message: t('unreachable') });
    }
  };
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
      <Button appearance="primary" size="small" onClick={register} disabled={state.status === 'registering'}>
        {t('register', { namespace })}
      </Button>
      {state.status === 'registering' ? <Spinner size="tiny" label={t('registering')} /> : null}
      {state.status === 'failed' ? <span role="alert">{state.message}</span> : null}
    </span>
  );
}
