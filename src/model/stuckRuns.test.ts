import { fit, predict } from './forecaster';
import { typescriptKernels } from './kernels';
import { dropStuckRuns, MIN_STUCK_RUN } from './stuckRuns';
import { seededNormal } from './testing/synthetic';

const DAY = 86_400_000;

/** A continuous-valued daily series with a weekly cycle and noise, `days` long. */
function noisyDaily(days: number, seed: number): { timestamps: Float64Array; values: Float64Array } {
  const noise = seededNormal(seed);
  const timestamps = Float64Array.from({ length: days }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY);
  const values = Float64Array.from(timestamps, (_t, i) => 10 + Math.sin((2 * Math.PI * i) / 7) + 0.3 * noise());
  return { timestamps, values };
}

describe('dropStuckRuns', () => {
  it('leaves out a long run of one value in a continuous series, all but its first point', () => {
    const s = noisyDaily(400, 1);
    s.values.fill(5, 200, 260);
    const out = dropStuckRuns(s, typescriptKernels);
    expect(out.stuck).toBe(59);
    expect(out.values.length).toBe(341);
    expect(out.timestamps[200]).toBe(s.timestamps[200]);
    expect(out.timestamps[201]).toBe(s.timestamps[260]);
  });

  it('keeps a run still going at the last point (the present, perhaps a new level), and still drops an earlier one', () => {
    const s = noisyDaily(400, 7);
    s.values.fill(5, 360, 400);
    expect(dropStuckRuns(s, typescriptKernels).stuck).toBe(0);
    s.values.fill(3, 100, 130);
    expect(dropStuckRuns(s, typescriptKernels).stuck).toBe(29);
  });

  it('keeps a value the series sits at in more than one long run (a latency of 0 every night is behaviour)', () => {
    const s = noisyDaily(400, 8);
    for (const from of [50, 150, 250]) {
      s.values.fill(0, from, from + 20);
    }
    expect(dropStuckRuns(s, typescriptKernels).stuck).toBe(0);
    s.values.fill(3, 300, 330); // a one-off stall beside them still goes
    expect(dropStuckRuns(s, typescriptKernels).stuck).toBe(29);
  });

  it('says when training ends in a run it will drop once it ends', () => {
    const s = noisyDaily(400, 9);
    s.values.fill(5, 380, 400);
    expect(dropStuckRuns(s, typescriptKernels).endsStuck).toBe(true);
    s.values.fill(5, 100, 120); // the same value in an earlier long run: behaviour, kept
    expect(dropStuckRuns(s, typescriptKernels).endsStuck).toBe(false);
  });

  it('keeps a run shorter than the minimum', () => {
    const s = noisyDaily(400, 2);
    s.values.fill(5, 200, 200 + MIN_STUCK_RUN - 1);
    expect(dropStuckRuns(s, typescriptKernels).stuck).toBe(0);
  });

  it('keeps series that repeat anyway (counts), that are mostly one value, or that are too short to judge', () => {
    const counts = noisyDaily(400, 3);
    counts.values = counts.values.map((v) => Math.round(v / 3));
    counts.values.fill(0, 100, 140);
    expect(dropStuckRuns(counts, typescriptKernels).stuck).toBe(0);
    const flat = noisyDaily(1000, 4);
    flat.values.fill(7, 0, 600); // 599 pairs in the run, 400 outside it
    expect(dropStuckRuns(flat, typescriptKernels).stuck).toBe(0);
    const short = noisyDaily(150, 5);
    short.values.fill(5, 50, 80);
    expect(dropStuckRuns(short, typescriptKernels).stuck).toBe(0);
  });
});

describe('a fit with a stuck stretch in training', () => {
  it('does not learn the stuck level, and refuses to be updated in place', () => {
    const s = noisyDaily(420, 6);
    const stuck = Float64Array.from(s.values);
    stuck.fill(4, 300, 390);
    const model = fit(s.timestamps, stuck, {});
    const clean = fit(s.timestamps, s.values, {});
    const ahead = Float64Array.from({ length: 30 }, (_, i) => s.timestamps[419] + (i + 1) * DAY);
    const withStuck = predict(model, ahead);
    const without = predict(clean, ahead);
    for (let i = 0; i < ahead.length; i++) {
      expect(Math.abs(withStuck.yhat[i] - without.yhat[i])).toBeLessThan(0.5);
    }
    expect(model.incremental).toBeUndefined();
    expect(clean.incremental).toBeDefined();
    // Training that ends in such a run is not updated either: the update would keep what a refit drops.
    const endsStuck = Float64Array.from(s.values);
    endsStuck.fill(4, 400, 420);
    expect(fit(s.timestamps, endsStuck, {}).incremental).toBeUndefined();
  });
});
