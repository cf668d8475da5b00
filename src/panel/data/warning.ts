import type { WARNING_FRAME_FIELDS } from '../../shared/constants';
import type { FrameCustomJson } from '../../shared/contract.gen';

/** A series' early warning as the panel draws it. */
export interface SeriesWarning {
  /** The thresholds warned about (null where none). */
  above: number | null;
  below: number | null;
  /** Time of the latest point, where the outlook starts (null when the frame has no breach fields). */
  from: number | null;
  /** Seconds from the latest point until the expectation crosses a threshold; null when it does not in the lead. */
  etaSeconds: number | null;
  /** Chance of a crossing within the lead time, or null when the frame has none. */
  probability: number | null;
  /** Where the marker of the expected crossing goes: its time, and the threshold crossed. */
  crossing: { time: number; value: number } | null;
  /** The drift still on at the latest point: where its run of drift flags began, and its side. */
  drift: { start: number; side: 1 | -1 } | null;
}

/** The per-row early-warning columns of a series by role (null when the frame does not carry the field). */
export type WarningColumns = Record<keyof typeof WARNING_FRAME_FIELDS, Array<number | null> | null>;

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function lastSet(column: Array<number | null> | null): number {
  if (!column) {
    return -1;
  }
  for (let k = column.length - 1; k >= 0; k--) {
    if (column[k] !== null) {
      return k;
    }
  }
  return -1;
}

/** The drift on at the last flagged row: the start of its run of equal non-zero flags. */
function currentDrift(times: readonly number[], drift: Array<number | null> | null): SeriesWarning['drift'] {
  const last = lastSet(drift);
  const side = last >= 0 ? Math.sign(drift![last]!) : 0;
  if (side === 0) {
    return null;
  }
  let start = last;
  while (start > 0 && drift![start - 1] !== null && Math.sign(drift![start - 1]!) === side) {
    start--;
  }
  return { start: times[start], side: side as 1 | -1 };
}

/**
 * Reads a series' early warning from its frame's meta.custom (thresholds) and columns (the breach fields on the
 * latest point, drift per row). `expectation` is the expected value per row (history and forecast), whose value
 * at the crossing picks the threshold crossed when there are two. Null when the frame carries no warning at all.
 */
export function readWarning(
  custom: unknown,
  times: readonly number[],
  expectation: ReadonlyArray<number | null>,
  columns: WarningColumns
): SeriesWarning | null {
  const meta = (custom as FrameCustomJson | undefined)?.warning;
  const drift = currentDrift(times, columns.drift);
  if (!meta && !drift && !columns.breachEta) {
    return null;
  }
  const above = finiteOrNull(meta?.above);
  const below = finiteOrNull(meta?.below);
  const latest = Math.max(lastSet(columns.breachEta), lastSet(columns.breachProbability));
  const etaSeconds = latest >= 0 ? (columns.breachEta?.[latest] ?? null) : null;
  const probability = latest >= 0 ? (columns.breachProbability?.[latest] ?? null) : null;
  let crossing: SeriesWarning['crossing'] = null;
  if (etaSeconds !== null && (above !== null || below !== null)) {
    const time = times[latest] + etaSeconds * 1000;
    const near = expectedNear(times, expectation, time);
    const nearerAbove = below === null || !(Math.abs(near - below) < Math.abs(near - above!));
    const value = above !== null && nearerAbove ? above : below!;
    crossing = { time, value };
  }
  return { above, below, from: latest >= 0 ? times[latest] : null, etaSeconds, probability, crossing, drift };
}

/** The expectation at the last row at or before time (NaN when there is none). */
function expectedNear(times: readonly number[], expectation: ReadonlyArray<number | null>, time: number): number {
  let value = Number.NaN;
  for (let k = 0; k < times.length && times[k] <= time; k++) {
    value = expectation[k] ?? value;
  }
  return value;
}

/** "in 2 h 30 min", "in 45 min", "in 3 d 4 h" for an ETA in seconds. */
export function formatEta(seconds: number): string {
  const minutes = Math.max(0, Math.round(seconds / 60));
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const parts = d > 0 ? [`${d} d`, h > 0 ? `${h} h` : ''] : h > 0 ? [`${h} h`, m > 0 ? `${m} min` : ''] : [`${m} min`];
  return `in ${parts.filter(Boolean).join(' ')}`;
}

const ALREADY_PAST = 'already past the threshold';

/**
 * Tooltip rows of the early warning at a point: on the forecast, when the expectation is expected to cross; on
 * history, the breach chance and ETA at the latest point, and the drift over the rows it covers.
 */
export function warningRows(
  warning: SeriesWarning | undefined,
  point: { time: number; forecast: boolean },
  formatTime: (time: number) => string
): Array<{ label: string; text: string }> {
  if (!warning) {
    return [];
  }
  const rows: Array<{ label: string; text: string }> = [];
  const { crossing, etaSeconds, probability, drift } = warning;
  // The backend answers an ETA of 0 when the latest value is already past the threshold.
  const past = etaSeconds !== null && etaSeconds <= 0;
  if (point.forecast && crossing && etaSeconds !== null) {
    rows.push({
      label: 'Crossing',
      text: past ? ALREADY_PAST : `${formatTime(crossing.time)} (${formatEta(etaSeconds)})`,
    });
  }
  if (!point.forecast && point.time === warning.from && probability !== null) {
    rows.push({
      label: 'Breach',
      text: past
        ? ALREADY_PAST
        : `${Math.round(probability * 100)}% chance, ${etaSeconds === null ? 'not expected in the lead time' : `expected ${formatEta(etaSeconds)}`}`,
    });
  }
  if (!point.forecast && drift && point.time >= drift.start) {
    rows.push({ label: 'Drift', text: `${drift.side > 0 ? 'upward' : 'downward'} since ${formatTime(drift.start)}` });
  }
  return rows;
}
