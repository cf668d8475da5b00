export interface NumberBounds {
  /** Lowest accepted value; `exclusiveMin` makes it a strict bound. */
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
  exclusiveMax?: boolean;
  integer?: boolean;
}

export type ParsedNumber = { ok: true; value: number | undefined } | { ok: false; error: string };

function describeBounds(bounds: NumberBounds): string {
  const parts: string[] = [];
  if (bounds.min !== undefined) {
    parts.push(`${bounds.exclusiveMin ? 'above' : 'at least'} ${bounds.min}`);
  }
  if (bounds.max !== undefined) {
    parts.push(`${bounds.exclusiveMax ? 'below' : 'at most'} ${bounds.max}`);
  }
  return parts.join(' and ');
}

/** Reads a number box: blank means "use the default", otherwise a finite number inside the bounds. */
export function parseBoundedNumber(text: string, bounds: NumberBounds = {}): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: true, value: undefined };
  }
  const value = Number(trimmed);
  const kind = bounds.integer ? 'a whole number' : 'a number';
  const range = describeBounds(bounds);
  const error = `Enter ${kind}${range ? ` ${range}` : ''}`;
  if (!Number.isFinite(value) || (bounds.integer && !Number.isInteger(value))) {
    return { ok: false, error };
  }
  const { min, max } = bounds;
  const belowMin = min !== undefined && (bounds.exclusiveMin ? value <= min : value < min);
  const aboveMax = max !== undefined && (bounds.exclusiveMax ? value >= max : value > max);
  return belowMin || aboveMax ? { ok: false, error } : { ok: true, value };
}
