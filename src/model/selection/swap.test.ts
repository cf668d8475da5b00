import { ModelInputError } from '../errors';
import type { RankedCandidate } from './select';
import { decideSwap } from './swap';

const CUTOFFS = [1000, 2000, 3000];

function candidate(
  cps: number,
  objective: number | null,
  cutoffs = CUTOFFS,
  perCutoff: Array<number | null> = cutoffs.map(() => objective)
): RankedCandidate {
  const combination = { changepoint_prior_scale: cps };
  const scores =
    objective === null
      ? null
      : {
          violationRate: objective,
          violationMagnitudeBand: 0.2,
          objective,
          mae: 1,
          rmse: 1,
          coverage: 0.8,
          n: 48,
          cutoffs,
          perCutoff,
        };
  return { family: 'decomposition', combination, params: { ...combination }, scores };
}

describe('decideSwap', () => {
  it('a challenger needs to win by the margin: 29% better keeps the incumbent, 31% better replaces it', () => {
    const incumbent = candidate(0.05, 0.1);
    const close = decideSwap(incumbent, candidate(0.5, 0.071), { at: 5000 });
    expect(close.swapped).toBe(false);
    expect(close.serving).toBe(incumbent);
    const clear = decideSwap(incumbent, candidate(0.5, 0.069), { at: 5000 });
    expect(clear.swapped).toBe(true);
    expect(clear.serving.combination).toEqual({ changepoint_prior_scale: 0.5 });
    // A stated margin of 1% lets a 4% gain through.
    expect(decideSwap(incumbent, candidate(0.5, 0.096), { at: 5000, margin: 0.01 }).swapped).toBe(true);
    expect(decideSwap(incumbent, candidate(0.5, 0.096), { at: 5000 }).swapped).toBe(false);
  });

  it('a challenger must also win on every cutoff: a mean carried by some cutoffs keeps the incumbent', () => {
    const incumbent = candidate(0.05, 0.1, CUTOFFS, [0.1, 0.1, 0.1]);
    // 0.08 on average, but only because of the first cutoff: worse on the other two.
    const lucky = candidate(0.5, 0.08, CUTOFFS, [0.0, 0.12, 0.12]);
    expect(decideSwap(incumbent, lucky, { at: 1 }).swapped).toBe(false);
    const mostly = candidate(0.5, 0.08, CUTOFFS, [0.07, 0.08, 0.11]);
    expect(decideSwap(incumbent, mostly, { at: 1 }).swapped).toBe(false);
    const steady = candidate(0.5, 0.08, CUTOFFS, [0.07, 0.08, 0.09]);
    expect(decideSwap(incumbent, steady, { at: 1, margin: 0.05 }).swapped).toBe(true);
    // Cutoffs where either scored nothing do not count.
    const sparse = candidate(0.5, 0.08, CUTOFFS, [null, 0.08, 0.09]);
    expect(decideSwap(incumbent, sparse, { at: 1, margin: 0.05 }).swapped).toBe(true);
  });

  it('a tie keeps the incumbent, even at margin 0 and at a score of 0', () => {
    expect(decideSwap(candidate(0.05, 0.1), candidate(0.5, 0.1), { at: 1, margin: 0 }).swapped).toBe(false);
    expect(decideSwap(candidate(0.05, 0), candidate(0.5, 0), { at: 1, margin: 0 }).swapped).toBe(false);
  });

  it('leaves a trail entry: which models, both scores, the margin and when', () => {
    const decision = decideSwap(candidate(0.05, 0.2), candidate(0.5, 0.1), { at: 86_400_000 });
    expect(decision.trail).toEqual({
      at: 86_400_000,
      incumbent: { family: 'decomposition', combination: { changepoint_prior_scale: 0.05 }, score: 0.2 },
      challenger: { family: 'decomposition', combination: { changepoint_prior_scale: 0.5 }, score: 0.1 },
      margin: 0.3,
      swapped: true,
    });
  });

  it('a failed challenger never replaces; a failed incumbent gives way to any scored challenger', () => {
    expect(decideSwap(candidate(0.05, 0.3), candidate(0.5, null), { at: 1 }).swapped).toBe(false);
    expect(decideSwap(candidate(0.05, Infinity), candidate(0.5, 0.9), { at: 1 }).swapped).toBe(true);
    expect(decideSwap(candidate(0.05, null), candidate(0.5, 0.9), { at: 1 }).trail.incumbent.score).toBeNull();
  });

  it('refuses scores from different cutoffs, a margin outside [0, 1) and a time that is no number', () => {
    expect(() => decideSwap(candidate(0.05, 0.2), candidate(0.5, 0.1, [1000, 2000]), { at: 1 })).toThrow(
      new ModelInputError('incumbent and challenger were scored on different cutoffs; compare them in one selection')
    );
    expect(() => decideSwap(candidate(0.05, 0.2), candidate(0.5, 0.1), { at: 1, margin: -0.1 })).toThrow(
      /^the swap margin must be in \[0, 1\)/
    );
    expect(() => decideSwap(candidate(0.05, 0.2), candidate(0.5, 0.1), { at: NaN })).toThrow(/needs a finite time/);
  });
});
