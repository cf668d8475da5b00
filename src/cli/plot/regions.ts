/**
 * Shaded time ranges drawn under the lines (excluded from training, known incidents, holidays) and
 * their labels, placed in rows so that they do not overlap and dropped when no row has room.
 */

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
  x(t: number): number;
}

export interface RegionStyle {
  fill: string;
  opacity: number;
  /** Narrow ranges are widened to this many pixels, centred, so a one-point incident still shows. */
  minWidth: number;
  /** Edge lines at both ends, drawn stronger than the fill; none when absent. */
  edgeOpacity?: number;
  /** An SVG paint server drawn over the fill, e.g. url(#hatch). */
  overlay?: string;
}

export interface RegionLabel {
  range: [number, number];
  text: string;
}

/** Approximate width of one character of the 11px label font. */
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_ROW_HEIGHT = 13;

export function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One rectangle (plus edges) per range, across the plot's height. */
export function shadeRanges(area: PlotArea, ranges: Array<[number, number]>, style: RegionStyle): string[] {
  const out: string[] = [];
  for (const [start, end] of ranges.filter((range) => isVisible(area, range))) {
    const [x0, x1] = pixelSpan(area, start, end, style.minWidth);
    const attrs = `x="${fmt(x0)}" y="${area.top}" width="${fmt(x1 - x0)}" height="${area.height}"`;
    out.push(`<rect ${attrs} fill="${style.fill}" fill-opacity="${style.opacity}"/>`);
    if (style.overlay !== undefined) {
      out.push(`<rect ${attrs} fill="${style.overlay}"/>`);
    }
    if (style.edgeOpacity !== undefined) {
      const bottom = area.top + area.height;
      for (const x of [x0, x1]) {
        out.push(
          `<line x1="${fmt(x)}" x2="${fmt(x)}" y1="${area.top}" y2="${bottom}" stroke="${style.fill}" stroke-opacity="${style.edgeOpacity}"/>`
        );
      }
    }
  }
  return out;
}

/**
 * Labels at the left edge of their ranges, in up to `maxRows` rows growing down from `firstRowY`
 * (or up, when `direction` is -1); a label goes to the first row where it does not touch the one before.
 */
export function placeLabels(
  area: PlotArea,
  labels: RegionLabel[],
  options: { firstRowY: number; direction: 1 | -1; maxRows: number; color: string }
): string[] {
  const rowEnds: number[] = new Array(options.maxRows).fill(-Infinity);
  const out: string[] = [];
  const sorted = labels.filter((label) => isVisible(area, label.range)).sort((a, b) => a.range[0] - b.range[0]);
  for (const label of sorted) {
    const [x0] = pixelSpan(area, label.range[0], label.range[1], 0);
    const x = Math.max(area.left + 2, x0 + 2);
    const width = label.text.length * LABEL_CHAR_WIDTH;
    if (x + width > area.left + area.width) {
      continue;
    }
    const row = rowEnds.findIndex((end) => end + 6 <= x);
    if (row < 0) {
      continue;
    }
    rowEnds[row] = x + width;
    const y = options.firstRowY + options.direction * row * LABEL_ROW_HEIGHT;
    // A white halo keeps the text readable over lines and shading.
    out.push(
      `<text x="${fmt(x)}" y="${fmt(y)}" font-size="11" fill="${options.color}" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">${escapeXml(label.text)}</text>`
    );
  }
  return out;
}

/** Whether any of the range lies inside the plot's time span. */
function isVisible(area: PlotArea, [start, end]: [number, number]): boolean {
  return area.x(Math.max(start, end)) >= area.left && area.x(Math.min(start, end)) <= area.left + area.width;
}

/** Screen x of a range, clipped to the plot and at least `minWidth` wide. */
function pixelSpan(area: PlotArea, start: number, end: number, minWidth: number): [number, number] {
  let x0 = area.x(Math.min(start, end));
  let x1 = area.x(Math.max(start, end));
  if (x1 - x0 < minWidth) {
    const middle = (x0 + x1) / 2;
    [x0, x1] = [middle - minWidth / 2, middle + minWidth / 2];
  }
  return [Math.max(x0, area.left - 1), Math.min(x1, area.left + area.width + 1)];
}
