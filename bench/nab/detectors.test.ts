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
  it('judges every row with one fit on the whole file and scores the injected spike highest', () => {
    const { timestamps, values } = spikedCycle();
    const out = makeDetector('foresight-batch', config).detect(timestamps, values);
    expect(out.score).toHaveLength(values.length);
    // Unlike the online detector, no warm-up is left unjudged: the first rows have an expectation.
    expect(Number.isFinite(out.yhat![0])).toBe(true);
    const top = out.score.indexOf(Math.max(...out.score));
    expect(top).toBe(60);
  });

  it('leaves the first two days unjudged online, where the batch fit judges them', () => {
    const { timestamps, values } = spikedCycle();
    const online = makeDetector('foresight', config).detect(timestamps, values);
    expect(Number.isNaN(online.yhat![0])).toBe(true);
  });
});
