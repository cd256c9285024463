'use client';

import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import { HEALTH_COLOURS, type HealthProblem, type HealthSummary } from '@/lib/domain/health-summary';
import { knownStatus, statusClassOf } from '@/lib/domain/status-vocabulary';

import { useBadgePlacement } from './status-badge';

type SummaryText = ReturnType<typeof useTranslations<'status'>>;

/** Reasons with words of their own; any other reason reads by the component's state. */
const WORDED_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull']);

function problemText(problem: HealthProblem, t: SummaryText): string {
  const key = problem.reasonCode && WORDED_REASONS.has(problem.reasonCode) ? problem.reasonCode : problem.state;
  return t(`summary.problem.${key as 'CrashLoopBackOff'}`, { name: problem.name });
}

/** The one sentence of a summary, in the reader's language ("Healthy: 15 of 15 components ready"). */
export function useHealthSummaryText(): (summary: HealthSummary | null | undefined) => string {
  const t = useTranslations('status');
  return (summary) => {
    if (!summary) return t('summary.notRead');
    const stateKey = knownStatus(summary.provisioningState);
    const state = stateKey ? t(`states.${stateKey}`) : summary.provisioningState;
    const counts = { ready: summary.ready, total: summary.total };
    switch (summary.level) {
      case 'healthy':
        return t('summary.healthy', counts);
      case 'progressing':
        return summary.total > 0 && knownStatus(summary.provisioningState) === 'succeeded' ? t('summary.progressing', counts) : t('summary.provisioning', { state });
      case 'failed':
        return t('summary.failed', { state: state.toLowerCase() });
      case 'degraded': {
        const [first, ...rest] = summary.problems;
        if (!first) return t('summary.canceled');
        const problem = problemText(first, t);
        return rest.length > 0 ? t('summary.degradedMore', { problem, more: rest.length }) : t('summary.degraded', { problem });
      }
      default:
        return statusClassOf(summary.provisioningState) === 'unknown' ? t('summary.unknownState', { state }) : t('summary.unknown');
    }
  };
}

/**
 * The health summary as a badge: the status page's header and the fleet's Health column show
 * the same words and colour for the same extension.
 */
export function HealthSummaryBadge({ summary, size = 'medium', wrap = false }: { summary: HealthSummary | null | undefined; size?: BadgeProps['size']; wrap?: boolean }) {
  const textOf = useHealthSummaryText();
  // In a table column the sentence wraps (a long one must not widen the page); in a header it does not.
  const style = wrap ? { whiteSpace: 'normal', height: 'auto', minHeight: 'fit-content', textAlign: 'start' } as const : { whiteSpace: 'nowrap' } as const;
  const placement = useBadgePlacement();
  return (
    <Badge className={placement.badge} appearance="tint" color={summary ? HEALTH_COLOURS[summary.level] : 'informative'} size={size} shape="rounded" style={style}>
      {textOf(summary)}
    </Badge>
  );
}
