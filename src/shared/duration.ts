/**
 * The product's one duration grammar (panel, query editor, CLI): one or more parts `<number><unit>`, e.g. 14d,
 * 12h, 90m, 1.5d, 1d12h or "1d 2h" (as error messages print spans); units ms, s, m, h, d, w, any case, spaces
 * allowed around parts. The result is whole milliseconds and at least 1. The backend reads the same grammar
 * (pkg/models/duration.go, for a warning's lead time); both test the cases in testdata/durations/cases.json.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

// `ms` before `m` so 5ms is five milliseconds; sticky, so parts must follow each other with only spaces between.
const PART = /\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*/y;

/** Bad duration text; the message is one line and quotes the text. */
export class DurationError extends Error {
  constructor(readonly text: string) {
    super(`"${text}" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)`);
    this.name = 'DurationError';
  }
}

/** Milliseconds in `text`; throws DurationError when it is not a duration or is under 1 ms. */
export function parseDuration(text: string): number {
  const lower = text.toLowerCase();
  PART.lastIndex = 0;
  let total = 0;
  let parts = 0;
  let match: RegExpExecArray | null;
  while (PART.lastIndex < lower.length && (match = PART.exec(lower)) !== null) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    parts++;
  }
  const ms = Math.round(total);
  if (parts === 0 || PART.lastIndex !== lower.length || !(ms >= 1) || !Number.isFinite(ms)) {
    throw new DurationError(text);
  }
  return ms;
}
