/**
 * Building blocks for the CLI's summary charts (cv by horizon, tune's ranking), drawn like the
 * detection plot (svg.ts): white ground, Grafana's light-theme colours and chrome, 12px text.
 */
import { LIGHT_CHROME, lightThemeColor } from '../../shared/palette';
import { escapeXml, fmt } from './regions';
import { AXIS_FILL, GRID_STROKE } from './svg';
import type { Tick } from './ticks';

export const CHART_COLORS = {
  text: LIGHT_CHROME.text,
  primary: lightThemeColor('expected'),
  secondary: lightThemeColor('holiday'),
  muted: '#8e8e8e',
};

/** Approximate width of one character at the 12px font. */
export const CHAR_WIDTH = 7;

/** A rectangle of the picture and how data maps into it. */
export interface Panel {
  left: number;
  top: number;
  width: number;
  height: number;
  x(v: number): number;
  y(v: number): number;
}

export function panel(
  box: { left: number; top: number; width: number; height: number },
  xRange: [number, number],
  yRange: [number, number]
): Panel {
  const xSpan = xRange[1] - xRange[0] || 1;
  const ySpan = yRange[1] - yRange[0] || 1;
  return {
    ...box,
    x: (v) => box.left + ((v - xRange[0]) / xSpan) * box.width,
    y: (v) => box.top + (1 - (v - yRange[0]) / ySpan) * box.height,
  };
}

/** The opening tag, the white ground, a bold title and a one-line subtitle under it. */
export function chartHeader(width: number, height: number, title: string, subtitle: string, left: number): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="16" font-weight="bold" fill="${CHART_COLORS.text}">${escapeXml(title)}</text>`,
    `<text x="${left}" y="42" ${AXIS_FILL}>${escapeXml(subtitle)}</text>`,
  ];
}

/** Grid lines and labels for the ticks given (x labels only when `xLabels`), and the panel's frame. */
export function panelAxes(p: Panel, xTicks: Tick[], yTicks: Tick[], xLabels: boolean): string[] {
  const out: string[] = [];
  const bottom = p.top + p.height;
  for (const tick of yTicks) {
    const py = fmt(p.y(tick.value));
    out.push(`<line x1="${p.left}" x2="${p.left + p.width}" y1="${py}" y2="${py}" ${GRID_STROKE}/>`);
    out.push(`<text x="${p.left - 6}" y="${py}" dy="4" text-anchor="end" ${AXIS_FILL}>${escapeXml(tick.label)}</text>`);
  }
  for (const tick of xTicks) {
    const px = fmt(p.x(tick.value));
    out.push(`<line x1="${px}" x2="${px}" y1="${p.top}" y2="${bottom}" ${GRID_STROKE}/>`);
    if (xLabels) {
      out.push(`<text x="${px}" y="${bottom + 18}" text-anchor="middle" ${AXIS_FILL}>${escapeXml(tick.label)}</text>`);
    }
  }
  out.push(
    `<rect x="${p.left}" y="${p.top}" width="${p.width}" height="${p.height}" fill="none" stroke="${CHART_COLORS.text}" stroke-opacity="0.3"/>`
  );
  return out;
}

/** A line through the points in data units; points with a non-finite coordinate break it. */
export function linePath(
  p: Panel,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  style: { color: string; width: number; dash?: string; role: string }
): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fmt(p.x(xs[i]))},${fmt(p.y(ys[i]))}`;
    pen = true;
  }
  const dash = style.dash === undefined ? '' : ` stroke-dasharray="${style.dash}"`;
  return `<path data-role="${style.role}" d="${d}" fill="none" stroke="${style.color}" stroke-width="${style.width}"${dash} stroke-linejoin="round"/>`;
}

export interface LegendItem {
  label: string;
  /** SVG drawn in an 18 × 12 box centred on y = 0. */
  swatch: string;
}

export const swatches = {
  line: (color: string, dash?: string): string =>
    `<line x1="0" x2="18" y1="0" y2="0" stroke="${color}" stroke-width="2"${dash === undefined ? '' : ` stroke-dasharray="${dash}"`}/>`,
  dot: (color: string, opacity = 1): string =>
    `<circle cx="9" cy="0" r="3" fill="${color}" fill-opacity="${opacity}"/>`,
  box: (color: string, opacity = 1): string =>
    `<rect x="0" y="-6" width="18" height="12" fill="${color}" fill-opacity="${opacity}"/>`,
};

/** Legend items in a row from `left`, at baseline `y`. */
export function legendRow(items: LegendItem[], left: number, y: number): string[] {
  let cursor = left;
  return items.map((item) => {
    const g = `<g transform="translate(${fmt(cursor)},${fmt(y)})">${item.swatch}<text x="24" y="4" ${AXIS_FILL}>${escapeXml(item.label)}</text></g>`;
    cursor += 36 + item.label.length * CHAR_WIDTH;
    return g;
  });
}

/** A bold heading over a panel. */
export function panelHeading(p: Panel, text: string): string {
  return `<text x="${p.left}" y="${p.top - 10}" font-weight="bold" fill="${CHART_COLORS.text}">${escapeXml(text)}</text>`;
}

/** Left margin wide enough for the longest y tick label. */
export function leftMargin(ticks: Tick[]): number {
  return Math.max(56, 16 + CHAR_WIDTH * Math.max(0, ...ticks.map((t) => t.label.length)));
}
