import { renderPlotSvg, type PlotInput } from './svg';

const HOUR = 3_600_000;
const START = Date.UTC(2025, 0, 6);

function input(n: number, overrides: Partial<PlotInput> = {}): PlotInput {
  const timestamps = Float64Array.from({ length: n }, (_, i) => START + i * HOUR);
  const yhat = Float64Array.from(timestamps, (_, i) => 100 + 10 * Math.sin(i / 4));
  const values = Float64Array.from(yhat, (v, i) => v + (i === 10 ? 50 : i === 20 ? -50 : 0));
  const outlier = new Int8Array(n);
  outlier[10] = 1;
  outlier[20] = -1;
  return {
    title: 'cpu <host "a" & b>',
    timestamps,
    values,
    yhat,
    yhat_lower: Float64Array.from(yhat, (v) => v - 5),
    yhat_upper: Float64Array.from(yhat, (v) => v + 5),
    outlier,
    ...overrides,
  };
}

describe('renderPlotSvg', () => {
  it('draws the series, band, expectation, both marker colours, axes and legend', () => {
    const svg = renderPlotSvg(input(48, { excluded: [[START + 30 * HOUR, START + 35 * HOUR]] }));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('cpu &#60;host &#34;a&#34; &#38; b&#62;');
    expect(svg).toContain('<polygon');
    expect(svg.match(/<circle cx="[\d.]+" cy="[\d.]+" r="3.5"/g)).toHaveLength(2);
    expect(svg).toContain('fill="#d62728" stroke="#ffffff"');
    expect(svg).toContain('fill="#ff7f0e" stroke="#ffffff"');
    for (const label of [
      'value',
      'expected',
      'band',
      'above band',
      'below band',
      'excluded from training',
      'time (UTC)',
    ]) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).toContain('>2025-01-07</text>');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('stays small for 100k points', () => {
    const svg = renderPlotSvg(input(100_000));
    expect(svg.length).toBeLessThan(400_000);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('draws unsorted input the same as sorted input', () => {
    const sorted = input(30);
    const order = Array.from({ length: 30 }, (_, i) => 29 - i);
    const pick = (a: ArrayLike<number>) => Float64Array.from(order, (i) => a[i]);
    const reversed = {
      ...sorted,
      timestamps: pick(sorted.timestamps),
      values: pick(sorted.values),
      yhat: pick(sorted.yhat),
      yhat_lower: pick(sorted.yhat_lower),
      yhat_upper: pick(sorted.yhat_upper),
      outlier: pick(sorted.outlier),
    };
    expect(renderPlotSvg(reversed)).toBe(renderPlotSvg(sorted));
  });

  it('breaks lines at gaps longer than 5 spacings', () => {
    const data = input(40);
    const timestamps = Float64Array.from(data.timestamps, (t, i) => (i >= 20 ? t + 10 * HOUR : t));
    const svg = renderPlotSvg({ ...data, timestamps });
    const valuePath = /<path d="([^"]+)" fill="none" stroke="#1f2d3d"/.exec(svg)?.[1] ?? '';
    expect(valuePath.match(/M/g)).toHaveLength(2);
    expect(svg.match(/<polygon/g)).toHaveLength(2);
  });

  it('widens a flat line to a readable range around its level', () => {
    const flat = input(10, {
      values: new Float64Array(10).fill(45),
      yhat: new Float64Array(10).fill(45),
      yhat_lower: new Float64Array(10).fill(45 - 5e-8),
      yhat_upper: new Float64Array(10).fill(45 + 5e-8),
      outlier: new Int8Array(10),
    });
    const labels = [...renderPlotSvg(flat).matchAll(/text-anchor="end" fill="#555555">([\d.]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['43', '44', '45', '46', '47']);
  });

  it('handles a constant series, missing expectations and an empty series', () => {
    const constant = input(10, { values: new Float64Array(10).fill(3), yhat: new Float64Array(10).fill(NaN) });
    constant.yhat_lower = new Float64Array(10).fill(NaN);
    constant.yhat_upper = new Float64Array(10).fill(NaN);
    const svg = renderPlotSvg(constant);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).not.toContain('<polygon');
    const empty = renderPlotSvg({ ...input(0) });
    expect(empty).toContain('no data to draw');
  });
});
