/**
 * A self-contained SVG picture of a detection: the series, the expectation and its band, outliers
 * coloured by direction, excluded ranges, UTC time axis, value axis, title and legend.
 */
import { decimateBand, decimateLine, decimateMarkers, type Segments } from './decimate';
import { timeTicks, valueTicks, type Tick } from './ticks';

export interface PlotInput {
  title: string;
  /** Any order; drawn sorted by time. */
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
  yhat: ArrayLike<number>;
  yhat_lower: ArrayLike<number>;
  yhat_upper: ArrayLike<number>;
  outlier: ArrayLike<number>;
  /** Ranges left out of training, [start, end] epoch ms. */
  excluded?: Array<[number, number]>;
  /** Ranges to mark as known incidents (e.g. injected in the demo), [start, end] epoch ms. */
  marked?: Array<{ range: [number, number]; label: string }>;
}

export interface PlotSize {
  width: number;
  height: number;
}

const COLORS = {
  series: '#1f2d3d',
  expectation: '#1f77b4',
  band: '#9ecae1',
  above: '#d62728',
  below: '#ff7f0e',
  excluded: '#bdbdbd',
  marked: '#9467bd',
  grid: '#e5e5e5',
  axis: '#555555',
};

const MARGIN = { right: 24, top: 64, bottom: 48 };
/** Approximate width of one label character at the 12px font, for the left margin. */
const CHAR_WIDTH = 7;

/** Where the plot area sits and how data maps into it. */
interface Frame {
  left: number;
  top: number;
  plotW: number;
  plotH: number;
  x(t: number): number;
  y(v: number): number;
}

export function renderPlotSvg(input: PlotInput, size: PlotSize = { width: 1400, height: 520 }): string {
  const { width, height } = size;
  const order = sortedOrder(input.timestamps);
  const pick = (a: ArrayLike<number>): Float64Array => Float64Array.from(order, (i) => a[i]);
  const sorted = withGapBreaks(pick(input.timestamps), [
    pick(input.values),
    pick(input.yhat),
    pick(input.yhat_lower),
    pick(input.yhat_upper),
    pick(input.outlier),
  ]);
  const { ts } = sorted;
  const [values, yhat, lower, upper, outlier] = sorted.columns;

  const header = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const tRange = finiteRange([ts]);
  const yRangeRaw = finiteRange([values, lower, upper, yhat]);
  if (tRange === null || yRangeRaw === null) {
    return [
      ...header,
      titleText(input.title, 72),
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="${COLORS.axis}">no data to draw</text>`,
      '</svg>',
    ].join('\n');
  }
  const yRange = padRange(yRangeRaw);
  const yTicks = valueTicks(yRange.min, yRange.max, 6);
  const left = Math.max(56, 16 + CHAR_WIDTH * Math.max(...yTicks.map((t) => t.label.length)));
  const plotW = width - left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const tSpan = Math.max(tRange.max - tRange.min, 1);
  const frame: Frame = {
    left,
    top: MARGIN.top,
    plotW,
    plotH,
    x: (t) => left + ((t - tRange.min) / tSpan) * plotW,
    y: (v) => MARGIN.top + (1 - (v - yRange.min) / (yRange.max - yRange.min)) * plotH,
  };
  const xs = Float64Array.from(ts, frame.x);

  const parts: string[] = [
    ...header,
    titleText(input.title, left),
    `<defs><clipPath id="plot-area"><rect x="${left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/></clipPath></defs>`,
    ...axes(frame, tRange, yTicks),
    '<g clip-path="url(#plot-area)">',
  ];
  for (const [start, end] of input.excluded ?? []) {
    parts.push(rangeRect(frame, start, end, COLORS.excluded, 0.35));
  }
  for (const { range } of input.marked ?? []) {
    parts.push(rangeRect(frame, range[0], range[1], COLORS.marked, 0.12));
  }
  for (const run of decimateBand(xs, Float64Array.from(upper, frame.y), Float64Array.from(lower, frame.y))) {
    const top = run.map((c) => `${fmt(c.x)},${fmt(c.top)}`);
    const bottom = run.map((c) => `${fmt(c.x)},${fmt(c.bottom)}`).reverse();
    // A run of one column still gets a visible width.
    const points = run.length === 1 ? widen(run[0]) : [...top, ...bottom].join(' ');
    parts.push(`<polygon points="${points}" fill="${COLORS.band}" fill-opacity="0.55" stroke="none"/>`);
  }
  parts.push(pathOf(decimateLine(xs, Float64Array.from(values, frame.y)), COLORS.series, 1));
  parts.push(pathOf(decimateLine(xs, Float64Array.from(yhat, frame.y)), COLORS.expectation, 1.5));
  for (const m of decimateMarkers(xs, Float64Array.from(values, frame.y), outlier)) {
    const color = m.direction === 1 ? COLORS.above : COLORS.below;
    parts.push(
      `<circle cx="${fmt(m.x)}" cy="${fmt(m.y)}" r="3.5" fill="${color}" stroke="#ffffff" stroke-width="0.8"/>`
    );
  }
  parts.push('</g>');
  for (const { range, label } of input.marked ?? []) {
    parts.push(
      `<text x="${fmt(frame.x(range[0]))}" y="${MARGIN.top + 12}" font-size="11" fill="${COLORS.marked}">${escapeXml(label)}</text>`
    );
  }
  parts.push(...legend(width, input), '</svg>');
  return parts.join('\n');
}

function titleText(title: string, left: number): string {
  return `<text x="${left}" y="24" font-size="16" font-weight="bold" fill="${COLORS.series}">${escapeXml(title)}</text>`;
}

function axes(frame: Frame, tRange: { min: number; max: number }, yTicks: Tick[]): string[] {
  const { left, top, plotW, plotH } = frame;
  const out: string[] = [];
  const bottom = top + plotH;
  for (const tick of yTicks) {
    const py = fmt(frame.y(tick.value));
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${py}" y2="${py}" stroke="${COLORS.grid}"/>`);
    out.push(`<text x="${left - 6}" y="${py}" dy="4" text-anchor="end" fill="${COLORS.axis}">${tick.label}</text>`);
  }
  for (const tick of timeTicks(tRange.min, tRange.max, Math.max(2, Math.floor(plotW / 110)))) {
    const px = fmt(frame.x(tick.value));
    out.push(`<line x1="${px}" x2="${px}" y1="${top}" y2="${bottom}" stroke="${COLORS.grid}"/>`);
    out.push(`<text x="${px}" y="${bottom + 18}" text-anchor="middle" fill="${COLORS.axis}">${tick.label}</text>`);
  }
  out.push(
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="${COLORS.axis}"/>`,
    `<text x="${left + plotW}" y="${bottom + 38}" text-anchor="end" fill="${COLORS.axis}">time (UTC)</text>`
  );
  return out;
}

function legend(width: number, input: PlotInput): string[] {
  const items: Array<{ label: string; swatch: string }> = [
    { label: 'value', swatch: `<line x1="0" x2="18" y1="0" y2="0" stroke="${COLORS.series}" stroke-width="2"/>` },
    {
      label: 'expected',
      swatch: `<line x1="0" x2="18" y1="0" y2="0" stroke="${COLORS.expectation}" stroke-width="2"/>`,
    },
    { label: 'band', swatch: `<rect x="0" y="-6" width="18" height="12" fill="${COLORS.band}" fill-opacity="0.55"/>` },
    { label: 'above band', swatch: `<circle cx="9" cy="0" r="4" fill="${COLORS.above}"/>` },
    { label: 'below band', swatch: `<circle cx="9" cy="0" r="4" fill="${COLORS.below}"/>` },
  ];
  if ((input.excluded ?? []).length > 0) {
    items.push({
      label: 'excluded from training',
      swatch: `<rect x="0" y="-6" width="18" height="12" fill="${COLORS.excluded}" fill-opacity="0.6"/>`,
    });
  }
  if ((input.marked ?? []).length > 0) {
    items.push({
      label: 'injected incident',
      swatch: `<rect x="0" y="-6" width="18" height="12" fill="${COLORS.marked}" fill-opacity="0.25"/>`,
    });
  }
  const out: string[] = [];
  // Right-aligned row under the title; widths estimated from the label length.
  const widths = items.map((item) => 30 + item.label.length * 7);
  let cursor = width - MARGIN.right - widths.reduce((a, b) => a + b, 0);
  items.forEach((item, i) => {
    out.push(
      `<g transform="translate(${fmt(cursor)},46)">${item.swatch}<text x="24" y="4" fill="${COLORS.axis}">${item.label}</text></g>`
    );
    cursor += widths[i];
  });
  return out;
}

function pathOf(segments: Segments, color: string, strokeWidth: number): string {
  const d = segments
    .map((segment) =>
      segment.length === 1
        ? `M${fmt(segment[0][0] - 0.5)},${fmt(segment[0][1])}h1`
        : segment.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${fmt(px)},${fmt(py)}`).join('')
    )
    .join('');
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="${strokeWidth}" stroke-linejoin="round"/>`;
}

function rangeRect(frame: Frame, start: number, end: number, color: string, opacity: number): string {
  const x0 = frame.x(Math.min(start, end));
  const w = Math.max(frame.x(Math.max(start, end)) - x0, 1);
  return `<rect x="${fmt(x0)}" y="${frame.top}" width="${fmt(w)}" height="${frame.plotH}" fill="${color}" fill-opacity="${opacity}"/>`;
}

function widen(c: { x: number; top: number; bottom: number }): string {
  return `${fmt(c.x - 1)},${fmt(c.top)} ${fmt(c.x + 1)},${fmt(c.top)} ${fmt(c.x + 1)},${fmt(c.bottom)} ${fmt(c.x - 1)},${fmt(c.bottom)}`;
}

function sortedOrder(timestamps: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: timestamps.length }, (_, i) => i);
  for (let i = 1; i < timestamps.length; i++) {
    if (timestamps[i] < timestamps[i - 1]) {
      return order.sort((a, b) => timestamps[a] - timestamps[b] || a - b);
    }
  }
  return order;
}

function finiteRange(arrays: Array<ArrayLike<number>>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  return min <= max ? { min, max } : null;
}

/** Adds 5% on each side; a range too thin to read (a flat line) widens to ±5% of its level, or ±1. */
function padRange({ min, max }: { min: number; max: number }): { min: number; max: number } {
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  if (max - min <= magnitude * 1e-3) {
    const half = magnitude > 0 ? magnitude * 0.05 : 1;
    const middle = (min + max) / 2;
    return { min: middle - half, max: middle + half };
  }
  const pad = (max - min) * 0.05;
  return { min: min - pad, max: max + pad };
}

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Inserts a NaN row into every column where consecutive times are more than 5 median spacings
 * apart, so lines and the band break at gaps in the data instead of bridging them.
 */
function withGapBreaks(ts: Float64Array, columns: Float64Array[]): { ts: Float64Array; columns: Float64Array[] } {
  const gaps: number[] = [];
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] > ts[i - 1]) {
      gaps.push(ts[i] - ts[i - 1]);
    }
  }
  if (gaps.length === 0) {
    return { ts, columns };
  }
  gaps.sort((a, b) => a - b);
  const limit = 5 * gaps[Math.floor(gaps.length / 2)];
  const breaks: number[] = [];
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] - ts[i - 1] > limit) {
      breaks.push(i);
    }
  }
  if (breaks.length === 0) {
    return { ts, columns };
  }
  const n = ts.length + breaks.length;
  const outTs = new Float64Array(n);
  const outColumns = columns.map(() => new Float64Array(n));
  let k = 0;
  let b = 0;
  for (let i = 0; i < ts.length; i++) {
    if (b < breaks.length && breaks[b] === i) {
      outTs[k] = (ts[i - 1] + ts[i]) / 2;
      outColumns.forEach((column) => (column[k] = NaN));
      k++;
      b++;
    }
    outTs[k] = ts[i];
    outColumns.forEach((column, c) => (column[k] = columns[c][i]));
    k++;
  }
  return { ts: outTs, columns: outColumns };
}
