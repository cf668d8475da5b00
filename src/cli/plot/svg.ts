/**
 * A self-contained SVG picture of a detection, in the panel's colours: shaded ranges (holidays,
 * excluded ranges, known incidents) under the band, the expectation and the series, outliers
 * coloured by direction (smaller and thinned where they crowd), UTC time axis, value axis, title and
 * legend. An optional window shows one stretch of a long series.
 */
import { bisector } from 'd3-array';
import { DEFAULT_BAND_ALPHA, LIGHT_CHROME, lightThemeColor, REGION_ALPHA } from '../../shared/palette';
import { formatCount, formatUtc } from '../format';
import { decimateBand, decimateLine, decimateMarkers, type Segments } from './decimate';
import type { PlotHolidays } from './holidays';
import { escapeXml, fmt, placeLabels, shadeRanges, type PlotArea } from './regions';
import { timeTicks, valueTicks, type Tick } from './ticks';
import type { PlotWindow } from './window';

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
  /** The holidays the model was given; the title names them and their days are shaded. */
  holidays?: PlotHolidays;
  /** Only this stretch of time is drawn. */
  window?: PlotWindow;
}

export interface PlotSize {
  width: number;
  height: number;
}

const COLORS = {
  series: lightThemeColor('value'),
  expectation: lightThemeColor('expected'),
  above: lightThemeColor('above'),
  below: lightThemeColor('below'),
  incident: lightThemeColor('incident'),
  holiday: lightThemeColor('holiday'),
  text: LIGHT_CHROME.text,
};

/** Attributes for chrome drawn in Grafana's secondary text and weak border colours. */
export const AXIS_FILL = `fill="${COLORS.text}" fill-opacity="${LIGHT_CHROME.axisAlpha}"`;
export const GRID_STROKE = `stroke="${COLORS.text}" stroke-opacity="${LIGHT_CHROME.gridAlpha}"`;

const MARGIN = { right: 24, top: 56, bottom: 64 };
/** Approximate width of one label character at the 12px font, for the left margin and the legend. */
const CHAR_WIDTH = 7;
/** Marker radius when outliers are few; it shrinks as they crowd, down to MIN_MARKER_RADIUS. */
const MARKER_RADIUS = 3.5;
const MIN_MARKER_RADIUS = 2;
/** Up to this many outliers keep the full radius. */
const SPARSE_MARKERS = 40;

/** Where the plot area sits and how data maps into it. */
interface Frame extends PlotArea {
  y(v: number): number;
}

export function renderPlotSvg(input: PlotInput, size: PlotSize = { width: 1400, height: 540 }): string {
  const { width, height } = size;
  const order = sortedOrder(input.timestamps);
  const [lo, hi] = windowBounds(input.timestamps, order, input.window ?? {});
  const picked = order.subarray(lo, hi);
  const pick = (a: ArrayLike<number>): Float64Array => Float64Array.from(picked, (i) => a[i]);
  const sorted = withGapBreaks(pick(input.timestamps), [
    pick(input.values),
    pick(input.yhat),
    pick(input.yhat_lower),
    pick(input.yhat_upper),
    pick(input.outlier),
  ]);
  const { ts } = sorted;
  const [values, yhat, lower, upper, outlier] = sorted.columns;
  const title = input.holidays ? `${input.title}, ${input.holidays.description}` : input.title;

  const header = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const dataRange = finiteRange([ts]);
  const yRangeRaw = finiteRange([values, lower, upper, yhat]);
  if (dataRange === null || yRangeRaw === null) {
    return [
      ...header,
      titleText(title, 72),
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" ${AXIS_FILL}>no data to draw</text>`,
      '</svg>',
    ].join('\n');
  }
  const tRange = { min: input.window?.from ?? dataRange.min, max: input.window?.to ?? dataRange.max };
  const yRange = padRange(yRangeRaw);
  const yTicks = valueTicks(yRange.min, yRange.max, 6);
  const left = Math.max(56, 16 + CHAR_WIDTH * Math.max(...yTicks.map((t) => t.label.length)));
  const plotW = width - left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const tSpan = Math.max(tRange.max - tRange.min, 1);
  const frame: Frame = {
    left,
    top: MARGIN.top,
    width: plotW,
    height: plotH,
    x: (t) => left + ((t - tRange.min) / tSpan) * plotW,
    y: (v) => MARGIN.top + (1 - (v - yRange.min) / (yRange.max - yRange.min)) * plotH,
  };
  const xs = Float64Array.from(ts, frame.x);
  const counts = countOutliers(outlier);
  // The data on top of the expectation; where points crowd, slightly see-through so the expectation shows.
  const crowded = ts.length > 2 * plotW;
  const subtitle =
    `${formatCount(picked.length)}${picked.length < order.length ? ` of ${formatCount(order.length)}` : ''} points, ` +
    `${formatUtc(tRange.min).replace(' UTC', '')} to ${formatUtc(tRange.max)}; ` +
    `${formatCount(counts.above)} above and ${formatCount(counts.below)} below the band` +
    (crowded ? '; crowded: --from/--to show a stretch in detail' : '');

  const parts: string[] = [
    ...header,
    titleText(title, left),
    `<text x="${left}" y="42" ${AXIS_FILL}>${escapeXml(subtitle)}</text>`,
    '<defs>',
    `<clipPath id="plot-area"><rect x="${left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/></clipPath>`,
    `<pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="${COLORS.text}" stroke-opacity="0.35" stroke-width="1"/></pattern>`,
    '</defs>',
    ...axes(frame, tRange, yTicks),
    '<g clip-path="url(#plot-area)">',
    ...regions(frame, input),
  ];
  for (const run of decimateBand(xs, Float64Array.from(upper, frame.y), Float64Array.from(lower, frame.y))) {
    const top = run.map((c) => `${fmt(c.x)},${fmt(c.top)}`);
    const bottom = run.map((c) => `${fmt(c.x)},${fmt(c.bottom)}`).reverse();
    // A run of one column still gets a visible width.
    const points = run.length === 1 ? widen(run[0]) : [...top, ...bottom].join(' ');
    parts.push(
      `<polygon points="${points}" fill="${COLORS.expectation}" fill-opacity="${DEFAULT_BAND_ALPHA}" stroke="none"/>`
    );
  }
  parts.push(pathOf(decimateLine(xs, Float64Array.from(yhat, frame.y)), COLORS.expectation, 1.5, 'expected'));
  parts.push(
    pathOf(decimateLine(xs, Float64Array.from(values, frame.y)), COLORS.series, 1, 'value', crowded ? 0.7 : 1)
  );
  parts.push(...markers(xs, Float64Array.from(values, frame.y), outlier, counts.above + counts.below));
  parts.push('</g>', ...regionLabels(frame, input));
  parts.push(...legend(left, height - 14, input, counts), '</svg>');
  return parts.join('\n');
}

function titleText(title: string, left: number): string {
  return `<text x="${left}" y="22" font-size="16" font-weight="bold" fill="${COLORS.series}">${escapeXml(title)}</text>`;
}

/** Shading under everything else: holidays, then excluded ranges (hatched), then known incidents. */
function regions(frame: Frame, input: PlotInput): string[] {
  return [
    ...shadeRanges(
      frame,
      (input.holidays?.spans ?? []).map((span) => span.range),
      { fill: COLORS.holiday, opacity: REGION_ALPHA.holiday, minWidth: 2 }
    ),
    ...shadeRanges(frame, input.excluded ?? [], {
      fill: COLORS.text,
      opacity: REGION_ALPHA.exclude,
      minWidth: 2,
      overlay: 'url(#hatch)',
    }),
    ...shadeRanges(
      frame,
      (input.marked ?? []).map((m) => m.range),
      { fill: COLORS.incident, opacity: REGION_ALPHA.incident, minWidth: 6, edgeOpacity: 0.6 }
    ),
  ];
}

/** Incident labels along the top, holiday labels along the bottom of the plot area. */
function regionLabels(frame: Frame, input: PlotInput): string[] {
  const bottom = frame.top + frame.height;
  return [
    ...placeLabels(
      frame,
      (input.marked ?? []).map((m) => ({ range: m.range, text: m.label })),
      { firstRowY: frame.top + 13, direction: 1, maxRows: 2, color: COLORS.incident }
    ),
    ...placeLabels(
      frame,
      (input.holidays?.spans ?? []).map((span) => ({ range: span.range, text: span.label })),
      { firstRowY: bottom - 6, direction: -1, maxRows: 3, color: '#b35400' }
    ),
  ];
}

/**
 * Outliers as dots coloured by direction. Crowded dots shrink (radius falls with the square root
 * of their number) and are thinned to the most extreme one per direction in each dot-wide bin.
 */
function markers(xs: Float64Array, ys: Float64Array, outlier: Float64Array, total: number): string[] {
  const radius = Math.max(
    MIN_MARKER_RADIUS,
    Math.min(MARKER_RADIUS, MARKER_RADIUS * Math.sqrt(SPARSE_MARKERS / total))
  );
  const outline = radius >= 2.5 ? ' stroke="#ffffff" stroke-width="0.8"' : '';
  return decimateMarkers(xs, ys, outlier, Math.max(1, 1.5 * radius)).map(
    (m) =>
      `<circle data-role="outlier" cx="${fmt(m.x)}" cy="${fmt(m.y)}" r="${fmt(radius)}" fill="${m.direction === 1 ? COLORS.above : COLORS.below}"${outline}/>`
  );
}

function countOutliers(outlier: ArrayLike<number>): { above: number; below: number } {
  let above = 0;
  let below = 0;
  for (let i = 0; i < outlier.length; i++) {
    above += outlier[i] === 1 ? 1 : 0;
    below += outlier[i] === -1 ? 1 : 0;
  }
  return { above, below };
}

function axes(frame: Frame, tRange: { min: number; max: number }, yTicks: Tick[]): string[] {
  const { left, top, width: plotW, height: plotH } = frame;
  const out: string[] = [];
  const bottom = top + plotH;
  for (const tick of yTicks) {
    const py = fmt(frame.y(tick.value));
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${py}" y2="${py}" ${GRID_STROKE}/>`);
    out.push(`<text x="${left - 6}" y="${py}" dy="4" text-anchor="end" ${AXIS_FILL}>${tick.label}</text>`);
  }
  for (const tick of timeTicks(tRange.min, tRange.max, Math.max(2, Math.floor(plotW / 110)))) {
    const px = fmt(frame.x(tick.value));
    out.push(`<line x1="${px}" x2="${px}" y1="${top}" y2="${bottom}" ${GRID_STROKE}/>`);
    out.push(`<text x="${px}" y="${bottom + 18}" text-anchor="middle" ${AXIS_FILL}>${tick.label}</text>`);
  }
  out.push(
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="${COLORS.text}" stroke-opacity="0.3"/>`,
    `<text x="${left + plotW}" y="${bottom + 18}" dy="16" text-anchor="end" ${AXIS_FILL}>time (UTC)</text>`
  );
  return out;
}

function legend(left: number, y: number, input: PlotInput, counts: { above: number; below: number }): string[] {
  const box = (fill: string, opacity: number, extra = ''): string =>
    `<rect x="0" y="-6" width="18" height="12" fill="${fill}" fill-opacity="${opacity}"${extra}/>`;
  const line = (color: string): string => `<line x1="0" x2="18" y1="0" y2="0" stroke="${color}" stroke-width="2"/>`;
  const dot = (color: string): string => `<circle cx="9" cy="0" r="4" fill="${color}"/>`;
  const items: Array<{ label: string; swatch: string }> = [
    { label: 'value', swatch: line(COLORS.series) },
    { label: 'expected', swatch: line(COLORS.expectation) },
    { label: 'band', swatch: box(COLORS.expectation, DEFAULT_BAND_ALPHA) },
    { label: `above band (${formatCount(counts.above)})`, swatch: dot(COLORS.above) },
    { label: `below band (${formatCount(counts.below)})`, swatch: dot(COLORS.below) },
  ];
  if ((input.excluded ?? []).length > 0) {
    items.push({
      label: 'excluded from training',
      swatch: box(COLORS.text, REGION_ALPHA.exclude) + box('url(#hatch)', 1),
    });
  }
  if ((input.marked ?? []).length > 0) {
    items.push({ label: 'injected incident', swatch: box(COLORS.incident, REGION_ALPHA.incident * 2) });
  }
  if (input.holidays !== undefined) {
    items.push({ label: 'holiday (model calendar)', swatch: box(COLORS.holiday, REGION_ALPHA.holiday * 2) });
  }
  const out: string[] = [];
  let cursor = left;
  for (const item of items) {
    out.push(
      `<g transform="translate(${fmt(cursor)},${y})">${item.swatch}<text x="24" y="4" ${AXIS_FILL}>${escapeXml(item.label)}</text></g>`
    );
    cursor += 36 + item.label.length * CHAR_WIDTH;
  }
  return out;
}

function pathOf(segments: Segments, color: string, strokeWidth: number, role: string, opacity = 1): string {
  const d = segments
    .map((segment) =>
      segment.length === 1
        ? `M${fmt(segment[0][0] - 0.5)},${fmt(segment[0][1])}h1`
        : segment.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${fmt(px)},${fmt(py)}`).join('')
    )
    .join('');
  const see = opacity < 1 ? ` stroke-opacity="${opacity}"` : '';
  return `<path data-role="${role}" d="${d}" fill="none" stroke="${color}" stroke-width="${strokeWidth}"${see} stroke-linejoin="round"/>`;
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

/** [lo, hi) positions in `order` of the rows inside the window (bounds inclusive). */
function windowBounds(timestamps: ArrayLike<number>, order: Int32Array, window: PlotWindow): [number, number] {
  const byTime = bisector((row: number) => timestamps[row]);
  const firstAtOrAfter = (t: number): number => byTime.left(order, t);
  const lo = window.from === undefined ? 0 : firstAtOrAfter(window.from);
  const hi = window.to === undefined ? order.length : firstAtOrAfter(window.to + 1);
  return [lo, Math.max(lo, hi)];
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
