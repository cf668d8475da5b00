import {
  calibrateScores,
  calibratedScore,
  CALIBRATED_HALF,
  fitTail,
  fitTails,
  NORMAL_TAIL,
  tailLog10,
} from './tailCalibration';
import { seededNormal, seededRandom } from '../../src/model/testing/synthetic';

const N = 50000;

/** Signed residuals: Gaussian, or Laplace (exponential tails on both sides) with the same MAD-free unit scale. */
function gaussian(seed: number, n = N): Float64Array {
  const draw = seededNormal(seed);
  return Float64Array.from({ length: n }, () => draw());
}

function laplace(seed: number, n = N): Float64Array {
  const u = seededRandom(seed);
  return Float64Array.from({ length: n }, () => (u() < 0.5 ? -1 : 1) * -Math.log(1 - u()));
}

/** Calibrated scores of residuals judged against an expectation of 0 with unit scales (score_half 3). */
function calibrated(residuals: Float64Array, tails: ReturnType<typeof fitTails>): Float64Array {
  const score = Float64Array.from(residuals, (r) => Math.abs(r) / (Math.abs(r) + 3));
  calibrateScores(residuals, new Float64Array(residuals.length), score, 3, tails);
  return score;
}

function shareAtLeast(scores: Float64Array, level: number): number {
  return scores.filter((s) => s >= level).length / scores.length;
}

describe('fitTail', () => {
  it('recovers an exponential tail', () => {
    const u = seededRandom(7);
    const samples = Float64Array.from({ length: N }, () => -Math.log(1 - u()));
    const fit = fitTail(samples, N)!;
    expect(fit.shape).toBeLessThan(0.05);
    expect(fit.sigma).toBeCloseTo(1, 1);
    expect(fit.rate).toBeCloseTo(0.02, 6);
    // P(X > 9) = e^-9: −log10 is 3.91, read 5 units past the fitted threshold.
    expect(tailLog10(fit, 9)).toBeCloseTo(9 / Math.LN10, 0);
  });

  it('recovers a heavier Pareto tail', () => {
    const u = seededRandom(11);
    const shape = 0.3;
    const samples = Float64Array.from({ length: N }, () => (Math.pow(1 - u(), -shape) - 1) / shape);
    const fit = fitTail(samples, N)!;
    expect(fit.shape).toBeGreaterThan(0.2);
    expect(fit.shape).toBeLessThan(0.4);
    const d = (Math.pow(1e-4, -shape) - 1) / shape; // P(X > d) = 1e-4
    expect(Math.abs(tailLog10(fit, d) - 4)).toBeLessThan(0.3);
  });

  it('gives up with too few points past the threshold', () => {
    expect(fitTail(Float64Array.of(1, 2, 3), 100)).toBeNull();
    expect(fitTails(new Float64Array(100), 1, 1).above).toBe(NORMAL_TAIL);
  });
});

describe('calibrateScores', () => {
  it('gives noise of different shapes the same share of scores over 0.5 on clean data', () => {
    const shapes = [gaussian, laplace].map((draw, k) => {
      const tails = fitTails(draw(k + 1), 1, 1);
      return shareAtLeast(calibrated(draw(k + 100), tails), 0.5);
    });
    // 0.5 is one point in 10^CALIBRATED_HALF per side: 0.2% of points over both sides.
    const nominal = 2 * Math.pow(10, -CALIBRATED_HALF);
    for (const share of shapes) {
      expect(share).toBeGreaterThan(nominal / 2);
      expect(share).toBeLessThan(nominal * 2);
    }
  });

  it('still scores an injected spike high, on light and heavy noise', () => {
    for (const draw of [gaussian, laplace]) {
      const tails = fitTails(draw(3), 1, 1);
      const spike = calibrated(Float64Array.of(25, -25), tails);
      expect(Math.min(...spike)).toBeGreaterThan(0.75);
    }
  });

  it('keeps every score finite and below 1, and values without a score at 0', () => {
    const tails = fitTails(gaussian(5), 1, 1);
    const values = Float64Array.of(NaN, 0, 1e300, -1e300);
    const score = Float64Array.of(0, 0, 1, 1);
    calibrateScores(values, new Float64Array(4), score, 3, tails);
    expect(Array.from(score.subarray(0, 2))).toEqual([0, 0]);
    for (const s of score) {
      expect(Number.isFinite(s) && s < 1).toBe(true);
    }
    expect(calibratedScore(CALIBRATED_HALF)).toBe(0.5);
  });
});
