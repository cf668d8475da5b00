/**
 * Scoring warnings: per-row booleans become episodes (warnings at most `GAP_MS` apart are one), episodes on clean
 * series are false warnings, and on a drifting series the lead time is how long before the first crossing the
 * episode running into it began.
 */
export const GAP_MS = 30 * 60_000;

export interface Span {
  start: number;
  end: number;
}

/** Episodes of rows where `on(i)` holds, within [from, to). */
export function episodes(timestamps: Float64Array, on: (i: number) => boolean, from: number, to: number): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (t < from || t >= to || !on(i)) {
      continue;
    }
    const open = out[out.length - 1];
    if (open !== undefined && t - open.end <= GAP_MS) {
      open.end = t;
    } else {
      out.push({ start: t, end: t });
    }
  }
  return out;
}

/**
 * Lead before `crossing`: from the start of the episode that reaches it (its last warning at most GAP_MS before
 * the crossing, or after it) to the crossing; 0 when no warning runs into it (the static rule's lead).
 */
export function leadTime(spans: Span[], crossing: number): number {
  const running = spans.find((s) => s.start <= crossing && s.end >= crossing - GAP_MS);
  return running === undefined ? 0 : crossing - running.start;
}
