/**
 * Corpus-level NAB scoring: one threshold per profile for the whole corpus, chosen by an exact
 * sweep, and the score normalised between the null and the perfect detector. The per-row rules live
 * in rules.ts.
 */
import { baselineScores, classifyAtThreshold, FileOutcome, totalOutcome, weightedScore } from './outcome';
import { CostProfile, PROFILES, ProfileName, PROFILE_NAMES } from './profiles';
import { isScorableWindow, LabelledFile, PreparedFile, prepareFile } from './rules';

/** Every scorable row of a corpus, sorted by score, highest first, ready for the threshold sweep. */
export interface SweepRows {
  score: Float64Array;
  /** Corpus-wide window id, −1 outside every window. */
  window: Int32Array;
  value: Float64Array;
  windowCount: number;
}

export function buildSweepRows(files: readonly PreparedFile[]): SweepRows {
  let total = 0;
  for (const { file, scores, values } of files) {
    for (let i = values.probation; i < file.rows; i++) {
      if (!Number.isNaN(scores[i])) {
        total++;
      }
    }
  }
  const unsortedScore = new Float64Array(total);
  const unsortedWindow = new Int32Array(total);
  const unsortedValue = new Float64Array(total);
  let row = 0;
  let windowBase = 0;
  for (const { file, scores, values } of files) {
    const globalIds = file.windows.map((w, k) => (isScorableWindow(w, values.probation) ? windowBase + k : -1));
    windowBase += file.windows.length;
    for (let i = values.probation; i < file.rows; i++) {
      if (Number.isNaN(scores[i])) {
        continue;
      }
      unsortedScore[row] = scores[i];
      unsortedWindow[row] = values.windowOf[i] >= 0 ? globalIds[values.windowOf[i]] : -1;
      unsortedValue[row] = values.value[i];
      row++;
    }
  }
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) {
    order[i] = i;
  }
  order.sort((a, b) => unsortedScore[b] - unsortedScore[a]);
  const sorted: SweepRows = {
    score: new Float64Array(total),
    window: new Int32Array(total),
    value: new Float64Array(total),
    windowCount: windowBase,
  };
  for (let k = 0; k < total; k++) {
    sorted.score[k] = unsortedScore[order[k]];
    sorted.window[k] = unsortedWindow[order[k]];
    sorted.value[k] = unsortedValue[order[k]];
  }
  return sorted;
}

export interface ThresholdChoice {
  /** Rows with score ≥ threshold are detections; Infinity means "flag nothing" was best. */
  threshold: number;
  score: number;
}

/**
 * The threshold that maximises the corpus score, by an exact sweep: every distinct score is a
 * candidate, visited from the highest down while the score is updated incrementally (a false
 * positive adds its cost, a window's credit rises when an earlier row of it becomes a detection).
 * O(n) after the O(n log n) sort, and exact, where a grid could step over the optimum. Ties keep
 * the highest threshold (fewest detections).
 */
export function bestThreshold(rows: SweepRows, profile: CostProfile): ThresholdChoice {
  const credit = new Float64Array(rows.windowCount).fill(-1);
  let scorableWindows = 0;
  const seen = new Uint8Array(rows.windowCount);
  for (let k = 0; k < rows.window.length; k++) {
    const w = rows.window[k];
    if (w >= 0 && !seen[w]) {
      seen[w] = 1;
      scorableWindows++;
    }
  }
  let score = -profile.fn * scorableWindows;
  let best: ThresholdChoice = { threshold: Infinity, score };
  const n = rows.score.length;
  let k = 0;
  while (k < n) {
    const threshold = rows.score[k];
    for (; k < n && rows.score[k] === threshold; k++) {
      const w = rows.window[k];
      const v = rows.value[k];
      if (w < 0) {
        score += profile.fp * v;
      } else if (credit[w] < 0) {
        score += profile.fn + profile.tp * v;
        credit[w] = v;
      } else if (v > credit[w]) {
        score += profile.tp * (v - credit[w]);
        credit[w] = v;
      }
    }
    if (score > best.score) {
      best = { threshold, score };
    }
  }
  return best;
}

/** 100 (S − S_null) / (S_perfect − S_null); null when there is no window to score. */
export function normalisedScore(score: number, nullScore: number, perfectScore: number): number | null {
  if (perfectScore === nullScore) {
    return null;
  }
  return (100 * (score - nullScore)) / (perfectScore - nullScore);
}

export interface ProfileResult {
  profile: ProfileName;
  threshold: number;
  score: number;
  nullScore: number;
  perfectScore: number;
  normalised: number | null;
  /** Per file, at the chosen threshold, in input order. */
  outcomes: FileOutcome[];
}

/** Scores a corpus under each profile with the one threshold that is best for that profile. */
export function scoreCorpus(
  input: ReadonlyArray<{ file: LabelledFile; scores: ArrayLike<number> }>,
  profiles: readonly ProfileName[] = PROFILE_NAMES
): ProfileResult[] {
  const files = input.map(({ file, scores }) => prepareFile(file, scores));
  const rows = buildSweepRows(files);
  return profiles.map((name) => {
    const profile = PROFILES[name];
    const { threshold } = bestThreshold(rows, profile);
    const outcomes = files.map((f) => classifyAtThreshold(f, threshold));
    // Recomputed from the outcomes rather than taken from the sweep, so both paths are checked against each other in tests.
    const total = totalOutcome(outcomes);
    const score = weightedScore(total, profile);
    const { nullScore, perfectScore } = baselineScores(total, profile);
    return {
      profile: name,
      threshold,
      score,
      nullScore,
      perfectScore,
      normalised: normalisedScore(score, nullScore, perfectScore),
      outcomes,
    };
  });
}
