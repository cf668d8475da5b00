/**
 * `tune --plot`: the ranking as a dot plot, best at the top, each dot the number the ranking went by
 * (lower is better) with its value beside it; the winner in colour, the rest grey. The axis starts at
 * 0 unless every value is close to the others, when it spans just them (and says so), so that
 * differences of a few percent stay visible.
 */
import { formatMetric } from '../format';
import { CHAR_WIDTH, CHART_COLORS, chartHeader, panel, panelAxes } from './chart';
import { escapeXml, fmt } from './regions';
import { AXIS_FILL } from './svg';
import { valueTicks } from './ticks';

export interface RankingBar {
  /** The candidate, e.g. "changepoint_prior_scale=0.1 seasonality_prior_scale=10". */
  label: string;
  /** Null when the candidate could not be scored. */
  value: number | null;
}

export interface RankingPlotInput {
  title: string;
  subtitle: string;
  /** What the bars measure, e.g. "rmse (lower is better)". */
  valueName: string;
  /** Best first. */
  bars: RankingBar[];
  /** Index of the bar drawn as the winner (default 0). */
  winner?: number;
  /** A second line under the subtitle, e.g. what abbreviations stand for. */
  legend?: string;
}

const ROW_PITCH = 24;
const DOT_RADIUS = 5;
const BOTTOM = 56;
/** The axis leaves out 0 when the smallest value is above this share of the largest. */
const ZOOM_ABOVE = 0.5;

export function renderRankingSvg(input: RankingPlotInput, width = 1100): string {
  const { bars } = input;
  const winner = input.winner ?? 0;
  const top = input.legend === undefined ? 64 : 80;
  const rowsHeight = ROW_PITCH * Math.max(bars.length, 1);
  const height = top + rowsHeight + BOTTOM;
  const labels = bars.map((bar, rank) => `${rank + 1}. ${bar.label}`);
  const labelWidth = Math.min(width * 0.5, 24 + CHAR_WIDTH * Math.max(8, ...labels.map((l) => l.length)));
  const values = bars.map((b) => b.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const [low, high] = axisRange(values);
  const ticks = valueTicks(low, high, 6);
  const plot = panel(
    { left: labelWidth, top, width: width - labelWidth - 90, height: rowsHeight },
    [low, high],
    [0, 1]
  );
  const zoomed = low > 0 ? `; the axis starts at ${formatMetric(low)}, not 0` : '';
  const parts = [
    ...chartHeader(width, height, input.title, input.subtitle + zoomed, 16),
    ...(input.legend === undefined ? [] : [`<text x="16" y="58" ${AXIS_FILL}>${escapeXml(input.legend)}</text>`]),
    ...panelAxes(plot, ticks, [], true),
  ];
  bars.forEach((bar, rank) => {
    const middle = top + rank * ROW_PITCH + ROW_PITCH / 2;
    const best = rank === winner;
    const weight = best ? ' font-weight="bold"' : '';
    parts.push(
      `<text x="${labelWidth - 8}" y="${fmt(middle + 4)}" text-anchor="end"${weight} fill="${CHART_COLORS.text}">${escapeXml(clip(labels[rank], labelWidth))}</text>`,
      `<line x1="${labelWidth}" x2="${labelWidth + plot.width}" y1="${fmt(middle)}" y2="${fmt(middle)}" stroke="${CHART_COLORS.text}" stroke-opacity="0.1" stroke-dasharray="2 3"/>`
    );
    if (bar.value === null || !Number.isFinite(bar.value)) {
      parts.push(`<text x="${labelWidth + 6}" y="${fmt(middle + 4)}" ${AXIS_FILL}>failed</text>`);
      return;
    }
    const x = plot.x(bar.value);
    parts.push(
      `<circle data-role="candidate" cx="${fmt(x)}" cy="${fmt(middle)}" r="${DOT_RADIUS}" fill="${best ? CHART_COLORS.primary : CHART_COLORS.muted}"/>`,
      `<text x="${fmt(x + DOT_RADIUS + 5)}" y="${fmt(middle + 4)}"${weight} fill="${CHART_COLORS.text}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(formatMetric(bar.value))}</text>`
    );
  });
  parts.push(
    `<text x="${labelWidth + plot.width}" y="${plot.top + plot.height + 38}" text-anchor="end" ${AXIS_FILL}>${escapeXml(input.valueName)}</text>`,
    '</svg>'
  );
  return parts.join('\n');
}

/** From 0 to a little past the largest value, or around the values alone when they lie close together. */
function axisRange(values: number[]): [number, number] {
  if (values.length === 0) {
    return [0, 1];
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (!(min > ZOOM_ABOVE * max) || max === min) {
    return [Math.min(0, min), max > 0 ? max * 1.05 : 1];
  }
  const pad = (max - min) * 0.08;
  return [min - pad, max + pad];
}

/** Cuts a label that would not fit its column, marking the cut. */
function clip(label: string, width: number): string {
  const room = Math.floor((width - 16) / CHAR_WIDTH);
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}
