/**
 * How far one global threshold is from the best threshold per file, in event F1: the diagnosis for
 * "do scores mean the same on every series". The per-file optimum is an oracle for measuring, never a
 * setting. F1 here is event-level (see outcome.ts); files without windows count only through their
 * false-positive events in the pooled figure.
 */
import { classifyAtThreshold, eventMetrics, totalOutcome, type FileOutcome } from './outcome';
import type { PreparedFile } from './rules';

export interface ThresholdGap {
  /** The threshold maximising the mean per-file F1 over files with windows. */
  globalThreshold: number;
  /** Mean per-file F1 at that one threshold. */
  globalF1: number;
  /** Event F1 of all files pooled at that threshold (FP events of window-free files included). */
  pooledF1: number;
  /** Mean per-file F1 with each file at its own best threshold (oracle). */
  perFileF1: number;
  files: number;
  /** What a score means: per file, the share of rows outside windows (after probation) scoring ≥ 0.5. */
  quietAtHalf: ShareSpread;
  /** The same at the global threshold. */
  quietAtGlobal: ShareSpread;
}

/** Median, 90th percentile and largest of a per-file share, over every file. */
export interface ShareSpread {
  median: number;
  p90: number;
  max: number;
}

/** Per file, the share of rows outside every window (after probation) scoring at least `threshold`. */
export function quietShares(files: readonly PreparedFile[], threshold: number): ShareSpread {
  const shares = files
    .map(({ file, scores, values }) => {
      let quiet = 0;
      let over = 0;
      for (let i = values.probation; i < file.rows; i++) {
        if (values.windowOf[i] < 0) {
          quiet++;
          over += scores[i] >= threshold ? 1 : 0;
        }
      }
      return quiet > 0 ? over / quiet : 0;
    })
    .sort((a, b) => a - b);
  const at = (q: number) => shares[Math.min(shares.length - 1, Math.floor(q * shares.length))] ?? 0;
  return { median: at(0.5), p90: at(0.9), max: shares[shares.length - 1] ?? 0 };
}

/** Candidate thresholds: `levels` quantiles of the finite scores after each file's probation. */
function candidates(files: readonly PreparedFile[], levels: number): number[] {
  const all: number[] = [];
  for (const f of files) {
    for (let i = f.values.probation; i < f.file.rows; i++) {
      if (Number.isFinite(f.scores[i])) {
        all.push(f.scores[i]);
      }
    }
  }
  all.sort((a, b) => a - b);
  const out = new Set<number>();
  for (let k = 0; k < levels; k++) {
    const q = 1 - Math.pow(10, -4 * (k / (levels - 1))) + 1e-12; // dense near the top, where alerts live
    const v = all[Math.min(all.length - 1, Math.floor(Math.min(q, 1) * all.length))];
    if (v !== undefined && v > 0) {
      out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

function f1(outcome: FileOutcome): number {
  return eventMetrics(outcome).f1 ?? 0;
}

export function thresholdGap(files: readonly PreparedFile[], levels = 240): ThresholdGap {
  const thresholds = candidates(files, levels);
  const outcomes = thresholds.map((t) => files.map((f) => classifyAtThreshold(f, t)));
  const labelled = files.map((_file, i) => i).filter((i) => outcomes[0]?.[i]?.windows > 0);
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  let best = { threshold: NaN, f1: -1, row: -1 };
  outcomes.forEach((row, k) => {
    const m = mean(labelled.map((i) => f1(row[i])));
    if (m > best.f1) {
      best = { threshold: thresholds[k], f1: m, row: k };
    }
  });
  const oracle = labelled.map((i) => Math.max(...outcomes.map((row) => f1(row[i]))));
  return {
    globalThreshold: best.threshold,
    globalF1: Math.max(0, best.f1),
    pooledF1: best.row >= 0 ? f1(totalOutcome(outcomes[best.row])) : 0,
    perFileF1: mean(oracle),
    files: labelled.length,
    quietAtHalf: quietShares(files, 0.5),
    quietAtGlobal: quietShares(files, best.threshold),
  };
}
