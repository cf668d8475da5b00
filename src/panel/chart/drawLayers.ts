import type uPlot from 'uplot';

import type { Region } from '../data/exclusions';
import type { ChartColors } from './colors';

/** Shades regions across the plot's height, under the series; hatched for exclusions. */
export function drawRegions(u: uPlot, regions: readonly Region[], colors: ChartColors): void {
  if (regions.length === 0) {
    return;
  }
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const minWidth = 2 * devicePixelRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const region of regions) {
    const x0 = u.valToPos(region.from, 'x', true);
    const x1 = u.valToPos(region.to, 'x', true);
    if (!Number.isFinite(x0) || !Number.isFinite(x1) || x1 < left || x0 > left + width) {
      continue;
    }
    const w = Math.max(minWidth, x1 - x0);
    ctx.fillStyle = colors.regions[region.kind];
    ctx.fillRect(x0, top, w, height);
    if (region.kind === 'exclude') {
      hatch(ctx, x0, top, w, height, colors.regionEdge);
    }
  }
  ctx.restore();
}

function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, stroke: string): void {
  const gap = 8 * devicePixelRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = devicePixelRatio;
  ctx.beginPath();
  for (let d = -h; d < w; d += gap) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

export interface MarkerLayer {
  times: readonly number[];
  values: ReadonlyArray<number | null>;
  /** −1/0/+1 per row. */
  outlier: Int8Array;
  /** Rows to mark (already direction-filtered). */
  indexes: Int32Array;
  radius: number;
}

/** Draws outlier markers on top of the series: filled circles coloured by direction, outlined for contrast. */
export function drawMarkers(u: uPlot, layer: MarkerLayer, colors: ChartColors): void {
  if (layer.indexes.length === 0) {
    return;
  }
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const r = Math.max(1, layer.radius) * devicePixelRatio;
  const [xMin, xMax] = [u.scales.x.min ?? -Infinity, u.scales.x.max ?? Infinity];
  ctx.save();
  ctx.beginPath();
  ctx.rect(left - r, top - r, width + 2 * r, height + 2 * r);
  ctx.clip();
  for (const direction of [1, -1]) {
    ctx.fillStyle = direction > 0 ? colors.above : colors.below;
    ctx.beginPath();
    for (let k = 0; k < layer.indexes.length; k++) {
      const i = layer.indexes[k];
      const t = layer.times[i];
      const v = layer.values[i];
      if (layer.outlier[i] !== direction || v === null || t < xMin || t > xMax) {
        continue;
      }
      const x = u.valToPos(t, 'x', true);
      const y = u.valToPos(v, 'y', true);
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  ctx.restore();
}
