/**
 * Runs inside the harness page: redraws every chart of the panel (paths rebuilt, axes recomputed) and times each
 * full draw, from the redraw call to the last chart's draw hook. Self-contained: page.evaluate sends its source.
 */
export interface DrawTimes {
  charts: number;
  points: number;
  /** Points outside their band, each drawn as an outlier marker. */
  markers: number;
  samplesMs: number[];
}

export async function measureRedraws({ repeats, warmup }: { repeats: number; warmup: number }): Promise<DrawTimes> {
  const charts = Array.from(window.foresightHarness.charts.values());
  let lastDraw = 0;
  for (const chart of charts) {
    chart.hooks.draw = [...(chart.hooks.draw ?? []), () => (lastDraw = performance.now())];
  }
  const samplesMs: number[] = [];
  for (let r = 0; r < warmup + repeats; r++) {
    const started = performance.now();
    for (const chart of charts) {
      chart.redraw(true, true);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (r >= warmup) {
      samplesMs.push(lastDraw - started);
    }
  }
  const points = charts.reduce((sum, chart) => sum + chart.data[0].length, 0);
  let markers = 0;
  for (const chart of charts) {
    const [, value, , , lower, upper] = chart.data as unknown as Array<Array<number | null>>;
    value.forEach((v, i) => {
      const lo = lower[i];
      const hi = upper[i];
      markers += v !== null && lo !== null && hi !== null && (v < lo || v > hi) ? 1 : 0;
    });
  }
  return { charts: charts.length, points, markers, samplesMs };
}
