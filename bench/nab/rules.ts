/**
 * The Numenta Anomaly Benchmark's scoring rules, written from their restatement in
 * shared/data/README.md. Rows are addressed by index; a file's windows are inclusive
 * [first, last] row ranges.
 *
 * Where the restatement is loose we follow NAB's reference scorer (facts, not code):
 * - The position of row i inside window [a, b] is y = −(b − i + 1) / (b − a + 1): −1 at the first
 *   row, −1/width at the last (never exactly 0).
 * - A window's credit is σ(y) / σ(−1), so a detection at the window's first row earns exactly `tp`;
 *   that is why the perfect detector (each window's first row) scores tp × windows.
 * - A window wholly inside the probationary period is not scored at all; one that straddles it is
 *   scored on its rows after the period.
 * - Detections inside a window after its earliest one neither earn nor cost anything.
 */
export const PROBATION_FRACTION = 0.15;
export const MAX_PROBATION_ROWS = 750;
/** Past this relative distance after a window a false positive costs the full −fp. */
const FAR_PAST_WINDOW = 3;

/** NAB's scaled sigmoid: 2 / (1 + e^(5y)) − 1, and −1 once y > 3. */
export function scaledSigmoid(y: number): number {
  if (y > FAR_PAST_WINDOW) {
    return -1;
  }
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

const LEFT_EDGE_SIGMOID = scaledSigmoid(-1);

/** Rows at the start of a file whose detections are ignored: min(floor(0.15 N), 750). */
export function probationLength(rows: number): number {
  return Math.min(Math.floor(PROBATION_FRACTION * rows), MAX_PROBATION_ROWS);
}

export interface LabelledFile {
  name: string;
  rows: number;
  /** Inclusive [first, last] row ranges, sorted and disjoint. */
  windows: ReadonlyArray<readonly [number, number]>;
}

/** Throws a one-line error when a file's windows are out of range, reversed, unsorted or overlapping. */
export function validateLabelledFile(file: LabelledFile): void {
  if (!Number.isInteger(file.rows) || file.rows < 0) {
    throw new Error(`${file.name}: row count must be a non-negative integer, got ${file.rows}`);
  }
  let previousLast = -1;
  for (const [first, last] of file.windows) {
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last >= file.rows || first > last) {
      throw new Error(`${file.name}: window [${first}, ${last}] is not a row range inside 0..${file.rows - 1}`);
    }
    if (first <= previousLast) {
      throw new Error(`${file.name}: windows must be sorted and disjoint (window starting at row ${first})`);
    }
    previousLast = last;
  }
}

/** What each row would be worth if it were a detection; independent of threshold and profile. */
export interface RowValues {
  probation: number;
  /** Index into `file.windows` for rows inside a window, −1 outside every window. */
  windowOf: Int32Array;
  /**
   * Inside a window: the share of `tp` earned if this row is the window's earliest detection, in (0, 1].
   * Outside: the multiple of `fp` added per detection, in [−1, 0).
   */
  value: Float64Array;
}

export function rowValues(file: LabelledFile): RowValues {
  validateLabelledFile(file);
  const windowOf = new Int32Array(file.rows).fill(-1);
  const value = new Float64Array(file.rows).fill(-1);
  file.windows.forEach(([first, last], w) => {
    const width = last - first + 1;
    for (let i = first; i <= last; i++) {
      windowOf[i] = w;
      value[i] = scaledSigmoid(-(last - i + 1) / width) / LEFT_EDGE_SIGMOID;
    }
    const nextFirst = w + 1 < file.windows.length ? file.windows[w + 1][0] : file.rows;
    // A one-row window has width − 1 = 0: every later row is "far past" it and costs the full −fp.
    for (let i = last + 1; i < nextFirst; i++) {
      value[i] = scaledSigmoid((i - last) / (width - 1));
    }
  });
  return { probation: probationLength(file.rows), windowOf, value };
}

/** Throws unless there is one score per row, each finite or NaN (NaN = never a detection). */
export function validateScores(file: LabelledFile, scores: ArrayLike<number>): void {
  if (scores.length !== file.rows) {
    throw new Error(`${file.name}: ${scores.length} scores for ${file.rows} rows`);
  }
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === Infinity || scores[i] === -Infinity) {
      throw new Error(`${file.name}: score at row ${i} is infinite; scores must be finite numbers or NaN`);
    }
  }
}

/** True when a window has at least one row after the probationary period. */
export function isScorableWindow(window: readonly [number, number], probation: number): boolean {
  return window[1] >= probation;
}

export interface PreparedFile {
  file: LabelledFile;
  scores: ArrayLike<number>;
  values: RowValues;
}

export function prepareFile(file: LabelledFile, scores: ArrayLike<number>): PreparedFile {
  const values = rowValues(file);
  validateScores(file, scores);
  return { file, scores, values };
}
