import { detectBatch } from '../../src/model';
import { makeDetector } from './detectors';

const config = { params: {}, options: {}, gaussianWindow: 1000, seed: 42 };
const HOUR_MS = 3_600_000;

/** Four days of an hourly daily cycle with a spike of 40 at row 60. */
function spikedCycle(): { timestamps: Float64Array; values: Float64Array } {
  const n = 96;
  const timestamps = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * HOUR_MS);
  const values = Float64Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 24) + (i % 3) * 0.3);
  values[60] += 40;
  return { timestamps, values };
}

describe('the foresight-batch detector', () => {
  it('is detectBatch with the run’s params: every row judged, the injected spike highest', () => {
    const { timestamps, values } = spikedCycle();
    const params = { interval_width: 0.9 };
    const out = makeDetector('foresight-batch', { ...config, params }).detect(timestamps, values);
    expect(Array.from(out.score)).toEqual(Array.from(detectBatch(timestamps, values, params).score));
    expect(Array.from(out.score)).not.toEqual(Array.from(detectBatch(timestamps, values, {}).score));
    expect(out.score.indexOf(Math.max(...out.score))).toBe(60);
    // The online detector leaves the first two days unjudged (too little history); one fit judges them.
    const online = makeDetector('foresight', config).detect(timestamps, values);
    const firstTwoDays = Array.from({ length: 48 }, (_, i) => i);
    expect(firstTwoDays.every((i) => Number.isNaN(online.yhat![i]))).toBe(true);
    expect(firstTwoDays.every((i) => Number.isFinite(out.yhat![i]))).toBe(true);
  });

  it('refuses detectOnline’s options instead of ignoring them', () => {
    expect(() => makeDetector('foresight-batch', { ...config, options: { max_history_days: 14 } })).toThrow(
      /takes no --options/
    );
  });
});
