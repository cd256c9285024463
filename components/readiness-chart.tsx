'use client';

import {
  Button,
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';

import {
  asReadinessText,
  componentKey,
  countTicks,
  formatDuration,
  readinessSeries,
  readinessStart,
  recordObservedReady,
  summarizeReadiness,
  timeTicks,
  type ObservedReady,
  type ReadinessComponent,
  type ReadinessPoint,
  type ReadinessText,
} from '@/lib/ui/readiness-series';

/**
 * Drawn by hand rather than with @fluentui/react-charts 9.3.25: its LineChart, loaded with
 * next/dynamic on this page only, added 98 KiB gzip of JavaScript in a production build (three
 * chunks; d3 and the chart code alone 81 KiB), against a budget of about 60 KiB, for one step
 * line. This file and its series module are about 3 KiB. The geometry is in a fixed viewBox; the
 * SVG scales down on narrow screens and never grows past it.
 */
const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 14, right: 20, bottom: 40, left: 44 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const MARKER_RADIUS = 4;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // The chart never grows past its viewBox; the data table below it may use more room.
  svg: { width: '100%', maxWidth: `${WIDTH}px`, height: 'auto', display: 'block', overflow: 'visible' },
  table: { maxWidth: '960px' },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  target: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1, strokeDasharray: '4 4' },
  tickLabel: { fill: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  axisTitle: { fill: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  line: { stroke: tokens.colorBrandForeground1, strokeWidth: 2, fill: 'none', strokeLinejoin: 'round' },
  marker: { fill: tokens.colorBrandForeground1, stroke: tokens.colorNeutralBackground1, strokeWidth: 1.5 },
  observedMarker: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorBrandForeground1, strokeWidth: 2 },
  toggle: { alignSelf: 'flex-start' },
});

/** Props of {@link ReadinessChart}. */
export interface ReadinessChartProps {
  /** The component health rows, as the table shows them. */
  components: ReadonlyArray<ReadinessComponent>;
  /** ARM systemData times (ISO 8601): the x axis counts from the later of the two. */
  createdAt?: string;
  lastModifiedAt?: string;
  /** When the portal read these components (ISO 8601): "now" for the axis and for observations. */
  observedAt: string;
}

/** The x axis runs from `fromMs` (0, or before the start when an update kept components Ready) to `endMs`. */
interface XRange {
  fromMs: number;
  endMs: number;
}
const x = (ms: number, range: XRange) => MARGIN.left + (range.endMs > range.fromMs ? ((ms - range.fromMs) / (range.endMs - range.fromMs)) * PLOT_W : 0);
const y = (count: number, total: number) => MARGIN.top + PLOT_H - (total > 0 ? (count / total) * PLOT_H : 0);

/** The step line: flat until a component becomes Ready, then one step up. */
function stepPath(points: ReadonlyArray<ReadinessPoint>, total: number, range: XRange): string {
  let d = `M${x(range.fromMs, range)},${y(0, total)}`;
  for (const p of points) d += ` H${x(p.afterMs, range)} V${y(p.readyCount, total)}`;
  return `${d} H${x(range.endMs, range)}`;
}

/**
 * Components becoming Ready over time, after the install (or the last update) started: a step
 * line of the Ready count out of all components on the table, a marker per component, and the same
 * data as a table behind "Show data". Times are Kubernetes' own (`readySince`), so the chart is
 * right however late the page is opened; when the cluster gives none, the page's own observations
 * stand in (hollow markers) and the caption says so.
 */
export function ReadinessChart({ components, createdAt, lastModifiedAt, observedAt }: ReadinessChartProps) {
  const styles = useStyles();
  const t = useTranslations('status.readiness');
  const text = useMemo(() => asReadinessText(t as never), [t]);
  // When this page first saw each component Ready: the fallback for components without readySince.
  // Updated while rendering (React's "adjust state when a prop changes"), not in an effect, so the
  // first paint already has it.
  const [observed, setObserved] = useState<ObservedReady>(() => recordObservedReady({}, components, observedAt));
  const [showData, setShowData] = useState(false);
  const tableId = useId();
  const latest = recordObservedReady(observed, components, observedAt);
  if (latest !== observed) setObserved(latest);

  const start = readinessStart(createdAt, lastModifiedAt);
  if (!start) return <Text role="status">{t('noStart')}</Text>;

  const series = readinessSeries({ components, start, observed: latest, now: observedAt });
  const summary = summarizeReadiness(series, start, text);
  const range: XRange = { fromMs: series.fromMs, endMs: series.endMs };
  const xTicks = timeTicks(series.endMs, undefined, series.fromMs);
  const yTicks = countTicks(series.total);
  const bottom = MARGIN.top + PLOT_H;

  return (
    <div className={styles.root}>
      <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        {yTicks.map((n) => (
          <g key={`y${n}`}>
            <line className={n === series.total ? styles.target : styles.grid} x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(n, series.total)} y2={y(n, series.total)} />
            <text className={styles.tickLabel} x={MARGIN.left - 8} y={y(n, series.total)} textAnchor="end" dominantBaseline="middle">
              {n}
            </text>
          </g>
        ))}
        <line className={styles.axis} x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={bottom} y2={bottom} />
        {xTicks.map((t) => (
          <text key={`x${t.ms}`} className={styles.tickLabel} x={x(t.ms, range)} y={bottom + 16} textAnchor="middle">
            {t.label}
          </text>
        ))}
        <text className={styles.axisTitle} x={MARGIN.left + PLOT_W / 2} y={HEIGHT - 4} textAnchor="middle">
          {t('axisTitle', { kind: start.kind })}
        </text>
        {series.fromMs < 0 ? (
          // Components an update kept sit left of this line, at the times they became Ready.
          <g>
            <line className={styles.target} x1={x(0, range)} x2={x(0, range)} y1={MARGIN.top} y2={bottom} />
            <text className={styles.tickLabel} x={x(0, range) + 4} y={MARGIN.top + 10} textAnchor="start">
              {t('startMarker', { kind: start.kind })}
            </text>
          </g>
        ) : null}
        <path className={styles.line} d={stepPath(series.points, series.total, range)} />
        {series.points.map((p) => (
          <circle
            key={componentKey(p)}
            className={p.source === 'observed' ? styles.observedMarker : styles.marker}
            cx={x(p.afterMs, range)}
            cy={y(p.readyCount, series.total)}
            r={MARKER_RADIUS}
          >
            <title>{t('marker', { name: p.name, when: whenReady(p, start.kind, text) })}</title>
          </circle>
        ))}
      </svg>
      <Caption1>{caption(series.total, start.kind, series.usesObservations, series.undated, text)}</Caption1>
      <Button
        className={styles.toggle}
        appearance="subtle"
        size="small"
        aria-expanded={showData}
        aria-controls={tableId}
        onClick={() => setShowData((open) => !open)}
      >
        {showData ? t('hideData') : t('showData')}
      </Button>
      {showData ? (
        <Table id={tableId} className={styles.table} aria-label={t('tableLabel')} size="extra-small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('component')}</TableHeaderCell>
              <TableHeaderCell>{t('kind')}</TableHeaderCell>
              <TableHeaderCell>{t('becameReady')}</TableHeaderCell>
              <TableHeaderCell>{t('readyComponents')}</TableHeaderCell>
              <TableHeaderCell>{t('timeFrom')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {series.points.map((p) => (
              <TableRow key={componentKey(p)}>
                <TableCell>{p.name}</TableCell>
                <TableCell>{p.kind}</TableCell>
                <TableCell>{whenReady(p, start.kind, text)}</TableCell>
                <TableCell>{t('readyOf', { ready: p.readyCount, total: series.total })}</TableCell>
                <TableCell>{p.source === 'cluster' ? t('fromCluster') : t('fromPage')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}

function whenReady(p: ReadinessPoint, kind: 'install' | 'update', text: ReadinessText): string {
  return p.beforeStart
    ? text('beforeStartBy', { duration: formatDuration(-p.afterMs, text), kind })
    : text('afterStart', { duration: formatDuration(p.afterMs, text), kind });
}

function caption(total: number, kind: 'install' | 'update', usesObservations: boolean, undated: number, text: ReadinessText): string {
  const parts = [text('caption', { total, kind })];
  if (usesObservations) parts.push(text('captionObserved'));
  if (undated > 0) parts.push(text('captionUndated', { count: undated }));
  return parts.join(' ');
}
