import { detectBatch, detectOnline, DEFAULT_PARAMS } from './index';
import { makeSeries, seededNormal, seededRandom } from './testing/synthetic';

const STEP = 5 * 60_000;

/** 28 days of 5-minute data: a daily sine of ±20 around 100 plus Gaussian noise of sd 5. */
function cleanSine(seed: number) {
  const noise = seededNormal(seed);
  return makeSeries(28 * 288, STEP, (d) => 100 + 20 * Math.sin(2 * Math.PI * d) + 5 * noise());
}

function flaggedShare(outlier: Int8Array, from = 0): number {
  let flagged = 0;
  for (let i = from; i < outlier.length; i++) {
    flagged += outlier[i] !== 0 ? 1 : 0;
  }
  return flagged / (outlier.length - from);
}

describe('detection defaults', () => {
  it('decide outliers at 99.5%, apart from the 80% band drawn for forecasting', () => {
    expect(DEFAULT_PARAMS.interval_width).toBe(0.8);
    expect(DEFAULT_PARAMS.outlier_width).toBe(0.995);
  });

  it.each([1, 2, 3])('flag about 0.5%% of a clean sine plus Gaussian noise, batch and online (seed %i)', (seed) => {
    const { timestamps, values } = cleanSine(seed);
    const batch = detectBatch(timestamps, values);
    expect(flaggedShare(batch.outlier)).toBeLessThan(0.01);
    // Most of the 80% band's misses are not outliers.
    let outsideBand = 0;
    for (let i = 0; i < values.length; i++) {
      outsideBand += values[i] < batch.yhat_lower[i] || values[i] > batch.yhat_upper[i] ? 1 : 0;
    }
    expect(outsideBand / values.length).toBeGreaterThan(0.15);
    const online = detectOnline(timestamps, values);
    expect(flaggedShare(online.outlier)).toBeLessThan(0.01);
  });

  it('the band drawn does not change the verdicts; outlier_width does', () => {
    const { timestamps, values } = cleanSine(4);
    const base = detectBatch(timestamps, values);
    const wideBand = detectBatch(timestamps, values, { interval_width: 0.95 });
    expect(Array.from(wideBand.outlier)).toEqual(Array.from(base.outlier));
    const strict = detectBatch(timestamps, values, { outlier_width: 0.9999 });
    expect(flaggedShare(strict.outlier)).toBeLessThan(flaggedShare(base.outlier));
    // Both members of the default ensemble must flag a point, so a 95% band flags fewer than 5% (2.0-2.4% on
    // seeds 1-4, the decomposition alone 4.4-4.8%).
    const loose = detectBatch(timestamps, values, { outlier_width: 0.95 });
    expect(flaggedShare(loose.outlier)).toBeGreaterThan(0.015);
    expect(flaggedShare(loose.outlier)).toBeGreaterThan(5 * flaggedShare(base.outlier));
  });

  it('an outage in training does not hide the next one', () => {
    const { timestamps, values } = cleanSine(5);
    const outage = (from: number) => {
      for (let i = from; i < from + 9; i++) {
        values[i] *= 0.08;
      }
    };
    outage(10 * 288 + 100);
    outage(26 * 288 + 100);
    for (const d of [detectBatch(timestamps, values), detectOnline(timestamps, values)]) {
      for (let i = 26 * 288 + 100; i < 26 * 288 + 109; i++) {
        expect(d.outlier[i]).toBe(-1);
      }
    }
  });

  it('flag few points of a sparse count series whose bursts are ordinary', () => {
    // Mostly zeros, ones and twos, an occasional handful: a tweet or error count.
    const uniform = seededRandom(6);
    const { timestamps, values } = makeSeries(28 * 288, STEP, () => {
      const u = uniform();
      return u < 0.75 ? 0 : u < 0.92 ? 1 : u < 0.98 ? 2 : u < 0.995 ? 3 + Math.floor(uniform() * 3) : 6;
    });
    expect(flaggedShare(detectBatch(timestamps, values).outlier)).toBeLessThan(0.02);
    expect(flaggedShare(detectOnline(timestamps, values).outlier)).toBeLessThan(0.02);
  });
});
