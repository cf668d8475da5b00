const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Reads a span such as `90m`, `12h`, `14d` or `2w` into milliseconds; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/.exec(text);
  if (!match) {
    return undefined;
  }
  const ms = Number(match[1]) * UNITS[match[2]];
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : undefined;
}
