import { baselineScores, classifyAtThreshold, eventMetrics, weightedScore } from './outcome';
import { PROFILES } from './profiles';
import { LabelledFile, prepareFile, probationLength, rowValues, scaledSigmoid } from './rules';
import { bestThreshold, buildSweepRows, normalisedScore, scoreCorpus } from './scorer';

/** 20 rows, probation floor(0.15 × 20) = 3 rows, one window over rows 10..13 (width 4). */
const ONE_WINDOW: LabelledFile = { name: 'one', rows: 20, windows: [[10, 13]] };

function scoresWith(rows: number, flagged: Record<number, number>): Float64Array {
  const scores = new Float64Array(rows);
  for (const [row, score] of Object.entries(flagged)) {
    scores[Number(row)] = score;
  }
  return scores;
}

function scoreAt(file: LabelledFile, scores: ArrayLike<number>, threshold: number, profile = PROFILES.standard) {
  return weightedScore(classifyAtThreshold(prepareFile(file, scores), threshold), profile);
}

describe('scaledSigmoid(y)', () => {
  it('is 2/(1+e^5y) − 1: ≈0.98661 at the left edge, 0.84828 half-way, 0 at the right edge', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.9866143, 6);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.8482836, 6);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.9866143, 6);
  });

  it('is −1 once y > 3 and just above −1 at y = 3', () => {
    expect(scaledSigmoid(3)).toBeCloseTo(-0.9999994, 6);
    expect(scaledSigmoid(3)).toBeGreaterThan(-1);
    expect(scaledSigmoid(3.0001)).toBe(-1);
    expect(scaledSigmoid(1e9)).toBe(-1);
  });
});

describe('probationLength(rows)', () => {
  it('is min(floor(0.15 N), 750)', () => {
    expect(probationLength(0)).toBe(0);
    expect(probationLength(7)).toBe(1);
    expect(probationLength(20)).toBe(3);
    expect(probationLength(4032)).toBe(604);
    expect(probationLength(5000)).toBe(750);
    expect(probationLength(22695)).toBe(750);
  });
});

describe('rowValues(file)', () => {
  const values = rowValues(ONE_WINDOW);

  it('gives the window first row exactly 1 (tp) and the last row σ(−1/width)/σ(−1)', () => {
    expect(values.value[10]).toBeCloseTo(1, 12);
    expect(values.value[11]).toBeCloseTo(0.9669891, 6);
    expect(values.value[12]).toBeCloseTo(0.8597926, 6);
    expect(values.value[13]).toBeCloseTo(0.5621241, 6);
    expect(Array.from(values.windowOf.slice(9, 15))).toEqual([-1, 0, 0, 0, 0, -1]);
  });

  it('charges −1 before any window and σ((i − last)/(width − 1)) after one, cheaper just after it', () => {
    expect(values.value[5]).toBe(-1);
    expect(values.value[14]).toBeCloseTo(-0.6822618, 6);
    expect(values.value[16]).toBeCloseTo(-0.9866143, 6);
    expect(values.value[19]).toBeCloseTo(-0.9999092, 6);
    expect(values.value[14]).toBeGreaterThan(values.value[5]);
  });

  it('charges the full −1 after a one-row window', () => {
    const v = rowValues({ name: 'narrow', rows: 10, windows: [[5, 5]] });
    expect(v.value[5]).toBeCloseTo(1, 12);
    expect(v.value[6]).toBe(-1);
  });

  it('rejects overlapping, reversed or out-of-range windows with a one-line message', () => {
    expect(() =>
      rowValues({
        name: 'f',
        rows: 10,
        windows: [
          [2, 5],
          [5, 7],
        ],
      })
    ).toThrow(/sorted and disjoint/);
    expect(() => rowValues({ name: 'f', rows: 10, windows: [[5, 2]] })).toThrow(/not a row range/);
    expect(() => rowValues({ name: 'f', rows: 10, windows: [[5, 10]] })).toThrow(/not a row range/);
  });
});

describe('one file at a threshold', () => {
  it('earns only the earliest detection in a window', () => {
    const early = scoreAt(ONE_WINDOW, scoresWith(20, { 11: 1 }), 0.5);
    const earlyAndLate = scoreAt(ONE_WINDOW, scoresWith(20, { 11: 1, 12: 1, 13: 1 }), 0.5);
    expect(early).toBeCloseTo(0.9669891, 6);
    expect(earlyAndLate).toBeCloseTo(early, 12);
  });

  it('adds weighted false positives: 0.96699 − 0.11 (1 + 0.93111) for a hit plus an FP before and one after', () => {
    expect(scoreAt(ONE_WINDOW, scoresWith(20, { 5: 1, 11: 1, 15: 1 }), 0.5)).toBeCloseTo(0.754567, 6);
  });

  it('ignores detections in the probationary period', () => {
    expect(scoreAt(ONE_WINDOW, scoresWith(20, { 0: 1, 2: 1 }), 0.5)).toBe(-1);
    expect(scoreAt(ONE_WINDOW, scoresWith(20, { 3: 1 }), 0.5)).toBeCloseTo(-1.11, 12);
  });

  it('costs −fn for a missed window, doubled in the low-FN profile', () => {
    const none = new Float64Array(20);
    expect(scoreAt(ONE_WINDOW, none, 0.5)).toBe(-1);
    expect(scoreAt(ONE_WINDOW, none, 0.5, PROFILES.reward_low_FN_rate)).toBe(-2);
  });

  it('treats NaN scores as no detection', () => {
    const scores = scoresWith(20, { 11: 1 });
    scores[5] = NaN;
    expect(scoreAt(ONE_WINDOW, scores, 0)).toBeLessThan(0.97);
    expect(classifyAtThreshold(prepareFile(ONE_WINDOW, scores), 0).fpRows).toBe(ONE_WINDOW.rows - 3 - 4 - 1);
  });

  it('scores a window that straddles the probationary period on its later rows, and skips one inside it', () => {
    const straddling: LabelledFile = { name: 's', rows: 100, windows: [[10, 19]] }; // probation 15 rows
    const inside: LabelledFile = { name: 'i', rows: 100, windows: [[2, 9]] };
    const flagged = prepareFile(straddling, scoresWith(100, { 15: 1 }));
    expect(classifyAtThreshold(flagged, 0.5)).toMatchObject({ windows: 1, detected: 1 });
    expect(classifyAtThreshold(flagged, 0.5).tpCredit).toBeCloseTo(
      scaledSigmoid(-(19 - 15 + 1) / 10) / scaledSigmoid(-1),
      12
    );
    expect(classifyAtThreshold(prepareFile(inside, new Float64Array(100)), 0.5)).toMatchObject({
      windows: 0,
      missed: 0,
    });
  });

  it('rejects a score array of the wrong length or with infinite values', () => {
    expect(() => prepareFile(ONE_WINDOW, new Float64Array(19))).toThrow(/19 scores for 20 rows/);
    expect(() => prepareFile(ONE_WINDOW, scoresWith(20, { 4: Infinity }))).toThrow(/row 4 is infinite/);
  });
});

describe('event metrics', () => {
  it('counts runs of consecutive false positives as events and any hit as a detected window', () => {
    const scores = scoresWith(20, { 4: 1, 5: 1, 6: 1, 8: 1, 12: 1, 13: 1, 14: 1 });
    const outcome = classifyAtThreshold(prepareFile(ONE_WINDOW, scores), 0.5);
    expect(outcome).toMatchObject({ detected: 1, missed: 0, fpRows: 5, fpEvents: 3 });
    const metrics = eventMetrics(outcome);
    expect(metrics.precision).toBeCloseTo(1 / 4, 12);
    expect(metrics.recall).toBe(1);
    expect(metrics.meanDelay).toBeCloseTo(2 / 4, 12);
  });

  it('reports null precision when nothing is flagged and null recall without windows', () => {
    const outcome = classifyAtThreshold(prepareFile({ name: 'quiet', rows: 10, windows: [] }, new Float64Array(10)), 1);
    expect(eventMetrics(outcome)).toEqual({ precision: null, recall: null, f1: null, meanDelay: null });
  });
});

describe('threshold choice', () => {
  it('picks the distinct score that maximises the total, here 0.6', () => {
    const file = prepareFile(ONE_WINDOW, scoresWith(20, { 5: 0.9, 11: 0.6, 16: 0.3 }));
    const choice = bestThreshold(buildSweepRows([file]), PROFILES.standard);
    expect(choice.threshold).toBe(0.6);
    expect(choice.score).toBeCloseTo(0.9669891 - 0.11, 6);
  });

  it('chooses per profile: twenty costly FPs are worth a hit only when misses cost double', () => {
    const noisy: LabelledFile = { name: 'noisy', rows: 100, windows: [[60, 69]] };
    const flagged: Record<number, number> = { 60: 0.5 };
    for (let i = 20; i < 40; i++) {
      flagged[i] = 0.7;
    }
    const result = scoreCorpus([{ file: noisy, scores: scoresWith(100, flagged) }]);
    const byProfile = Object.fromEntries(result.map((r) => [r.profile, r]));
    expect(byProfile.standard.threshold).toBe(Infinity);
    expect(byProfile.standard.score).toBe(-1);
    expect(byProfile.reward_low_FP_rate.threshold).toBe(Infinity);
    expect(byProfile.reward_low_FN_rate.threshold).toBe(0.5);
    expect(byProfile.reward_low_FN_rate.score).toBeCloseTo(1 - 20 * 0.11, 12);
  });

  it('matches a brute-force search over every distinct score on random corpora', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 20; trial++) {
      const files = [0, 1, 2].map((k) => {
        const rows = 40 + Math.floor(random() * 60);
        const first = 10 + Math.floor(random() * 20);
        const file: LabelledFile = { name: `f${k}`, rows, windows: [[first, first + 5 + Math.floor(random() * 8)]] };
        // Coarse scores create ties, which the sweep must handle as one threshold.
        const scores = Float64Array.from({ length: rows }, () => Math.round(random() * 20) / 20);
        return prepareFile(file, scores);
      });
      for (const profile of Object.values(PROFILES)) {
        const sweep = bestThreshold(buildSweepRows(files), profile);
        const total = (t: number) => files.reduce((s, f) => s + weightedScore(classifyAtThreshold(f, t), profile), 0);
        const candidates = [Infinity, ...new Set(files.flatMap((f) => Array.from(f.scores)))];
        const brute = Math.max(...candidates.map(total));
        expect(sweep.score).toBeCloseTo(brute, 9);
        expect(total(sweep.threshold)).toBeCloseTo(sweep.score, 9);
      }
    }
  });
});

describe('normalised score', () => {
  const files = [
    { file: ONE_WINDOW, rows: 20 },
    {
      file: {
        name: 'two',
        rows: 200,
        windows: [
          [40, 59],
          [120, 139],
        ],
      } as LabelledFile,
      rows: 200,
    },
  ];

  it('is 0 for the null detector and 100 for the perfect one in every profile', () => {
    const nullRun = scoreCorpus(files.map(({ file, rows }) => ({ file, scores: new Float64Array(rows) })));
    const perfectRun = scoreCorpus(
      files.map(({ file, rows }) => {
        const scores = new Float64Array(rows);
        file.windows.forEach(([first]) => (scores[first] = 1));
        return { file, scores };
      })
    );
    for (const r of nullRun) {
      expect(r.normalised).toBe(0);
    }
    for (const r of perfectRun) {
      expect(r.normalised).toBeCloseTo(100, 10);
      expect(r.perfectScore).toBeCloseTo(3 * PROFILES[r.profile].tp, 12);
      expect(r.nullScore).toBe(-3 * PROFILES[r.profile].fn);
    }
  });

  it('is 100 (S − S_null) / (S_perfect − S_null), and null without windows', () => {
    expect(normalisedScore(0, -116, 116)).toBe(50);
    expect(normalisedScore(-1, 0, 0)).toBeNull();
    const quiet = prepareFile({ name: 'q', rows: 10, windows: [] }, new Float64Array(10));
    expect(baselineScores(classifyAtThreshold(quiet, 0), PROFILES.standard)).toEqual({ nullScore: 0, perfectScore: 0 });
  });

  it('agrees between the sweep total and the per-file outcomes at the chosen threshold', () => {
    const scores = scoresWith(20, { 5: 0.9, 11: 0.6, 16: 0.3 });
    const [standard] = scoreCorpus([{ file: ONE_WINDOW, scores }], ['standard']);
    const sweep = bestThreshold(buildSweepRows([prepareFile(ONE_WINDOW, scores)]), PROFILES.standard);
    expect(standard.score).toBeCloseTo(sweep.score, 12);
    expect(standard.outcomes[0]).toMatchObject({ detected: 1, fpRows: 1 });
  });
});
