import type uPlot from 'uplot';

import type { SeriesWarning } from '../data/warning';
import type { ChartColors } from './colors';

/** The y span to show: the data's, widened to the thresholds so their lines stay in view. */
export function withThresholds(
  min: number | null,
  max: number | null,
  warning: SeriesWarning | undefined
): [number | null, number | null] {
  const levels = [warning?.above, warning?.below].filter((v): v is number => typeof v === 'number');
  if (levels.length === 0 || min === null || max === null) {
    return [min, max];
  }
  return [Math.min(min, ...levels), Math.max(max, ...levels)];
}

/**
 * Draws the early warning over the plot: a dashed line per threshold, a diamond where the expectation is expected
 * to cross one, and a dotted line at the start of a drift with a triangle pointing its way.
 */
export function drawWarning(u: uPlot, warning: SeriesWarning | undefined, colors: ChartColors): void {
  if (!warning) {
    return;
  }
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const px = devicePixelRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.lineWidth = px;
  for (const [level, color] of [
    [warning.above, colors.above],
    [warning.below, colors.below],
  ] as const) {
    if (level === null) {
      continue;
    }
    const y = u.valToPos(level, 'y', true);
    ctx.strokeStyle = color;
    ctx.setLineDash([4 * px, 4 * px]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (warning.crossing) {
    const x = u.valToPos(warning.crossing.time, 'x', true);
    const y = u.valToPos(warning.crossing.value, 'y', true);
    const r = 6 * px;
    ctx.fillStyle = warning.crossing.value === warning.below ? colors.below : colors.above;
    ctx.beginPath();
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
    ctx.closePath();
    ctx.fill();
  }
  if (warning.drift) {
    const x = u.valToPos(warning.drift.start, 'x', true);
    const color = warning.drift.side > 0 ? colors.above : colors.below;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.setLineDash([2 * px, 3 * px]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    const s = 5 * px;
    const tip = warning.drift.side > 0 ? top : top + 2 * s;
    const base = warning.drift.side > 0 ? top + 2 * s : top;
    ctx.beginPath();
    ctx.moveTo(x, tip);
    ctx.lineTo(x + s, base);
    ctx.lineTo(x - s, base);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
