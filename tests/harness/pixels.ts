/** Colour arithmetic for pixel checks: parse the theme's hex colours, blend alpha, compare with a tolerance. */
export type Rgb = [number, number, number];

export function parseColor(text: string): { rgb: Rgb; alpha: number } {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(text.trim());
  if (hex) {
    const n = parseInt(hex[1], 16);
    return { rgb: [(n >> 16) & 255, (n >> 8) & 255, n & 255], alpha: hex[2] ? parseInt(hex[2], 16) / 255 : 1 };
  }
  const rgba = /^rgba?\(([^)]+)\)$/i.exec(text.trim());
  if (rgba) {
    const [r, g, b, a] = rgba[1].split(',').map((p) => Number(p.trim()));
    return { rgb: [r, g, b], alpha: a === undefined ? 1 : a };
  }
  throw new Error(`unsupported colour ${text}`);
}

/** What a translucent colour looks like over an opaque background. */
export function over(color: string, background: string): Rgb {
  const top = parseColor(color);
  const bottom = parseColor(background).rgb;
  return top.rgb.map((c, i) => Math.round(c * top.alpha + bottom[i] * (1 - top.alpha))) as Rgb;
}

export function near(a: Rgb, b: Rgb, tolerance: number): boolean {
  return a.every((c, i) => Math.abs(c - b[i]) <= tolerance);
}

/** A canvas pixel (RGBA, straight alpha) as seen over the page background. */
export function flatten(rgba: readonly number[], background: string): Rgb {
  const alpha = rgba[3] / 255;
  const bottom = parseColor(background).rgb;
  return [0, 1, 2].map((i) => Math.round(rgba[i] * alpha + bottom[i] * (1 - alpha))) as Rgb;
}
