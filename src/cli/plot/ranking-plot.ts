/**
 * `tune --plot`: the ranking as horizontal bars, best at the top, each bar the number the ranking
 * went by (lower is better) with its value at the end; the winner in colour, the rest grey.
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
}

const BAR_PITCH = 24;
const BAR_HEIGHT = 16;
const TOP = 64;
const BOTTOM = 56;

export function renderRankingSvg(input: RankingPlotInput, width = 1100): string {
  const { bars } = input;
  const winner = input.winner ?? 0;
  const height = TOP + BAR_PITCH * Math.max(bars.length, 1) + BOTTOM;
  const labels = bars.map((bar, rank) => `${rank + 1}. ${bar.label}`);
  const labelWidth = Math.min(width * 0.5, 16 + CHAR_WIDTH * Math.max(8, ...labels.map((l) => l.length)));
  const values = bars.map((b) => b.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = Math.max(0, ...values) * 1.08 || 1;
  const ticks = valueTicks(0, top, 6);
  const plot = panel(
    { left: labelWidth, top: TOP, width: width - labelWidth - 90, height: BAR_PITCH * Math.max(bars.length, 1) },
    [0, top],
    [0, 1]
  );
  const parts = [
    ...chartHeader(width, height, input.title, input.subtitle, 16),
    ...panelAxes(plot, ticks, [], true),
  ];
  bars.forEach((bar, rank) => {
    const y = TOP + rank * BAR_PITCH + (BAR_PITCH - BAR_HEIGHT) / 2;
    const middle = y + BAR_HEIGHT / 2 + 4;
    const weight = rank === winner ? ' font-weight="bold"' : '';
    parts.push(
      `<text x="${labelWidth - 8}" y="${fmt(middle)}" text-anchor="end"${weight} fill="${CHART_COLORS.text}">${escapeXml(clip(labels[rank], labelWidth))}</text>`
    );
    if (bar.value === null || !Number.isFinite(bar.value)) {
      parts.push(`<text x="${labelWidth + 6}" y="${fmt(middle)}" ${AXIS_FILL}>failed</text>`);
      return;
    }
    const end = plot.x(Math.min(bar.value, top));
    const color = rank === winner ? CHART_COLORS.primary : CHART_COLORS.muted;
    parts.push(
      `<rect data-role="bar" x="${labelWidth}" y="${fmt(y)}" width="${fmt(Math.max(1, end - labelWidth))}" height="${BAR_HEIGHT}" fill="${color}" fill-opacity="${rank === winner ? 0.9 : 0.55}"/>`,
      `<text x="${fmt(end + 6)}" y="${fmt(middle)}"${weight} fill="${CHART_COLORS.text}">${escapeXml(formatMetric(bar.value))}</text>`
    );
  });
  parts.push(
    `<text x="${labelWidth + plot.width}" y="${plot.top + plot.height + 38}" text-anchor="end" ${AXIS_FILL}>${escapeXml(input.valueName)}</text>`,
    '</svg>'
  );
  return parts.join('\n');
}

/** Cuts a label that would not fit its column, marking the cut. */
function clip(label: string, width: number): string {
  const room = Math.floor((width - 16) / CHAR_WIDTH);
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}
