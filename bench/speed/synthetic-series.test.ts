import { generateSeries, POINTS_PER_DAY, seededRandom, STEP_MS } from './synthetic-series';

describe('generateSeries', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateSeries(500, 7).values).toEqual(generateSeries(500, 7).values);
    expect(generateSeries(500, 7).values).not.toEqual(generateSeries(500, 8).values);
  });

  it('makes evenly spaced 5-minute points with a daily cycle of the planted amplitude', () => {
    const { timestamps, values } = generateSeries(4032);
    expect(timestamps[1] - timestamps[0]).toBe(STEP_MS);
    expect(timestamps[4031] - timestamps[0]).toBe(4031 * STEP_MS);
    // Correlating with sin(day phase) recovers the planted amplitude 10 (noise and spikes average out).
    let sum = 0;
    let count = 0;
    values.forEach((v, i) => {
      if (!Number.isNaN(v)) {
        sum += v * Math.sin((2 * Math.PI * i) / POINTS_PER_DAY);
        count++;
      }
    });
    expect((2 * sum) / count).toBeGreaterThan(9);
    expect((2 * sum) / count).toBeLessThan(11);
  });

  it('leaves a few values missing', () => {
    const missing = generateSeries(20000).values.filter(Number.isNaN).length;
    expect(missing).toBeGreaterThan(10);
    expect(missing).toBeLessThan(100);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => generateSeries(0)).toThrow(/positive integer/);
    expect(() => generateSeries(1.5)).toThrow(/positive integer/);
  });
});

describe('seededRandom', () => {
  it('stays in [0, 1)', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const u = random();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});
