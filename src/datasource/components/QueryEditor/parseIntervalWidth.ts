export type ParsedWidth = { ok: true; value: number | undefined } | { ok: false; error: string };

/** Reads the interval-width box: blank means "model default", otherwise a number strictly between 0 and 1. */
export function parseIntervalWidth(text: string): ParsedWidth {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: true, value: undefined };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0 || value >= 1) {
    return { ok: false, error: 'Interval width must be a number between 0 and 1, e.g. 0.8' };
  }
  return { ok: true, value };
}
