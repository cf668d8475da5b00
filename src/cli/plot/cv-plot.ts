/**
 * `cv --plot`: forecast error and band coverage against the horizon, as Prophet's
 * plot_cross_validation_metric draws them: every scored point's absolute error as a grey dot, the
 * rolling metrics (performance_metrics) as lines; below, the share of points inside the band against
 * the nominal interval width.
 */
import type { CrossValidationRows, PerformanceMetrics } from '../../model/evaluation';
import { formatDuration } from '../../model/evaluation/duration';
import { formatCount } from '../format';
import {
  CHART_COLORS,
  chartHeader,
  leftMargin,
  legendRow,
  linePath,
  panel,
  panelAxes,
  panelHeading,
  swatches,
  type Panel,
} from './chart';
import { fmt } from './regions';
import { valueTicks, type Tick } from './ticks';

export interface CvPlotInput {
  title: string;
  rows: CrossValidationRows;
  metrics: PerformanceMetrics;
  /** The band's nominal coverage (interval_width), drawn as the line coverage should reach. */
  intervalWidth: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Dots closer than this many pixels are drawn once: the picture is the same, the file far smaller. */
const DOT_GRID = 2;

export function renderCvPlotSvg(input: CvPlotInput, size = { width: 1100, height: 720 }): string {
  const { rows, metrics, intervalWidth } = input;
  const h = metrics.byHorizon;
  const n = rows.ds.length;
  const errors = Float64Array.from(rows.ds, (_, i) => Math.abs(rows.y[i] - rows.yhat[i]));
  const horizons = Float64Array.from(rows.ds, (ds, i) => ds - rows.cutoff[i]);
  const xMax = Math.max(maxOf(h.horizon), maxOf(horizons));
  const xTicks = horizonTicks(xMax);

  // The error scale covers the lines and 99% of the dots, so one wild point does not flatten the rest.
  const errorTop = Math.max(maxOf(h.rmse), maxOf(h.mae), quantile(errors, 0.99)) * 1.05 || 1;
  const errorTicks = valueTicks(0, errorTop, 5);
  const coverageLow = Math.max(0, Math.floor(Math.min(minOf(h.coverage), intervalWidth) * 10) / 10 - 0.05);
  const coverageTicks = valueTicks(coverageLow, 1, 4).map((t) => ({ ...t, label: `${Math.round(t.value * 100)}%` }));
  const left = leftMargin([...errorTicks, ...coverageTicks]);
  const width = size.width - left - 24;
  const errorPanel = panel({ left, top: 84, width, height: 330 }, [0, xMax], [0, errorTop]);
  const coveragePanel = panel({ left, top: 474, width, height: 170 }, [0, xMax], [coverageLow, 1]);
  const above = errors.filter((e) => e > errorTop).length;

  const subtitle =
    `${formatCount(n)} points from ${formatCount(new Set(rows.cutoff).size)} cutoffs; lines are means over a ` +
    `rolling window of ${formatCount(metrics.window)} points by horizon` +
    (above === 0 ? '' : `; ${formatCount(above)} ${above === 1 ? 'point lies' : 'points lie'} above the scale`);
  const parts = [
    ...chartHeader(size.width, size.height, input.title, subtitle, left),
    `<defs><clipPath id="error-area"><rect x="${left}" y="${errorPanel.top}" width="${width}" height="${errorPanel.height}"/></clipPath></defs>`,
    panelHeading(errorPanel, 'Forecast error by horizon'),
    ...legendRow(
      [
        { label: '|error| of each point', swatch: swatches.dot(CHART_COLORS.muted, 0.5) },
        { label: 'MAE', swatch: swatches.line(CHART_COLORS.primary) },
        { label: 'RMSE', swatch: swatches.line(CHART_COLORS.secondary) },
      ],
      left + 230,
      errorPanel.top - 14
    ),
    ...panelAxes(errorPanel, xTicks, errorTicks, false),
    '<g clip-path="url(#error-area)">',
    ...errorDots(errorPanel, horizons, errors),
    linePath(errorPanel, h.horizon, h.mae, { color: CHART_COLORS.primary, width: 2, role: 'mae' }),
    linePath(errorPanel, h.horizon, h.rmse, { color: CHART_COLORS.secondary, width: 2, role: 'rmse' }),
    '</g>',
    panelHeading(coveragePanel, 'Band coverage by horizon'),
    ...legendRow(
      [
        { label: 'share of points inside the band', swatch: swatches.line(CHART_COLORS.primary) },
        { label: `nominal ${Math.round(intervalWidth * 100)}%`, swatch: swatches.line(CHART_COLORS.text, '5 4') },
      ],
      left + 230,
      coveragePanel.top - 14
    ),
    ...panelAxes(coveragePanel, xTicks, coverageTicks, true),
    linePath(coveragePanel, [0, xMax], [intervalWidth, intervalWidth], {
      color: CHART_COLORS.text,
      width: 1.5,
      dash: '5 4',
      role: 'nominal',
    }),
    linePath(coveragePanel, h.horizon, h.coverage, { color: CHART_COLORS.primary, width: 2, role: 'coverage' }),
    `<text x="${left + width}" y="${coveragePanel.top + coveragePanel.height + 36}" text-anchor="end" fill="${CHART_COLORS.text}" fill-opacity="0.75">horizon (time after the cutoff)</text>`,
    '</svg>',
  ];
  return parts.join('\n');
}

/** One dot per DOT_GRID-pixel cell that holds any point. */
function errorDots(p: Panel, horizons: Float64Array, errors: Float64Array): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < errors.length; i++) {
    const x = p.x(horizons[i]);
    const y = p.y(Math.min(errors[i], 1e300));
    const cell = `${Math.round(x / DOT_GRID)},${Math.round(y / DOT_GRID)}`;
    if (y < p.top - 4 || seen.has(cell)) {
      continue;
    }
    seen.add(cell);
    out.push(
      `<circle data-role="point" cx="${fmt(x)}" cy="${fmt(y)}" r="2" fill="${CHART_COLORS.muted}" fill-opacity="0.5"/>`
    );
  }
  return out;
}

/** Ticks on a horizon axis from 0 to `max` ms, at round minutes, hours or days. */
export function horizonTicks(max: number): Tick[] {
  const unit = max >= 3 * DAY ? DAY : max >= 3 * HOUR ? HOUR : MINUTE;
  return valueTicks(0, max / unit, 8).map((t) => ({
    value: t.value * unit,
    label: t.value === 0 ? '0' : formatDuration(t.value * unit).replace(/ /g, ''),
  }));
}

function maxOf(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    max = Number.isFinite(a[i]) ? Math.max(max, a[i]) : max;
  }
  return max;
}

function minOf(a: ArrayLike<number>): number {
  let min = 1;
  for (let i = 0; i < a.length; i++) {
    min = Number.isFinite(a[i]) ? Math.min(min, a[i]) : min;
  }
  return min;
}

function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
