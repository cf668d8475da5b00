import type { CrossValidationRows } from '../../model/evaluation';
import { performanceMetrics } from '../../model/evaluation';
import { horizonTicks, renderCvPlotSvg } from './cv-plot';
import { renderRankingSvg } from './ranking-plot';

const HOUR = 3_600_000;

describe('ranking plot', () => {
  const base = { title: 't', subtitle: 's', valueName: 'rmse (lower is better)' };

  it('puts the axis at 0, draws a dot per scored candidate, says which failed and colours the winner', () => {
    const svg = renderRankingSvg({
      ...base,
      bars: [
        { label: 'a=1', value: 1 },
        { label: 'a=2', value: 3 },
        { label: 'a=3', value: null },
      ],
      winner: 1,
    });
    const dots = [...svg.matchAll(/<circle data-role="candidate" cx="([\d.]+)"[^>]* fill="([^"]+)"/g)];
    expect(dots).toHaveLength(2);
    expect(dots[1][2]).not.toBe(dots[0][2]);
    expect(Number(dots[1][1])).toBeGreaterThan(Number(dots[0][1]));
    expect(svg).toContain('>3. a=3</text>');
    expect(svg).toContain('>failed</text>');
    expect(svg).toMatch(/>0<\/text>/);
    expect(svg).not.toContain('the axis starts at');
  });

  it('zooms in on values close together and says the axis does not start at 0', () => {
    const svg = renderRankingSvg({
      ...base,
      legend: 'cps = changepoint_prior_scale',
      bars: [
        { label: 'cps=0.1', value: 100 },
        { label: 'cps=1', value: 104 },
      ],
    });
    expect(svg).toMatch(/s; the axis starts at [\d.]+, not 0</);
    expect(svg).toContain('>cps = changepoint_prior_scale</text>');
    const xs = [...svg.matchAll(/data-role="candidate" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 4% apart in value, far apart on the page.
    expect(xs[1] - xs[0]).toBeGreaterThan(400);
  });
});

describe('cv plot', () => {
  /** Ten cutoffs, 24 hourly points each, error 1 everywhere but one wild point; every point inside the band. */
  function rows(): CrossValidationRows {
    const n = 240;
    const cutoff = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 24) * 24 * HOUR);
    const ds = Float64Array.from(cutoff, (c, i) => c + ((i % 24) + 1) * HOUR);
    const y = Float64Array.from({ length: n }, (_, i) => (i === 30 ? 500 : 11));
    const yhat = new Float64Array(n).fill(10);
    return { cutoff, ds, y, yhat, yhat_lower: new Float64Array(n).fill(0), yhat_upper: new Float64Array(n).fill(1000) };
  }

  it('keeps one wild point from flattening the rest, and says it lies above the scale', () => {
    const cv = rows();
    const svg = renderCvPlotSvg({ title: 'x', rows: cv, metrics: performanceMetrics(cv), intervalWidth: 0.8 });
    expect(svg).toContain('240 points from 10 cutoffs');
    expect(svg).toContain('1 point lies above the scale');
    expect(svg).toContain('nominal 80%');
    // Coverage is 100% at every horizon: the line runs along the panel's top edge.
    const coverage = svg.match(/data-role="coverage" d="([^"]+)"/)?.[1] ?? '';
    const ys = new Set([...coverage.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => m[1]));
    expect(ys.size).toBe(1);
  });

  it('labels the horizon axis in round durations', () => {
    expect(horizonTicks(24 * HOUR).map((t) => t.label)).toEqual(['0', '5h', '10h', '15h', '20h']);
    expect(horizonTicks(7 * 24 * HOUR).map((t) => t.label)).toEqual(['0', '1d', '2d', '3d', '4d', '5d', '6d', '7d']);
    expect(horizonTicks(90 * 60_000).map((t) => t.label)).toEqual(['0', '20m', '40m', '1h', '1h20m']);
  });
});
