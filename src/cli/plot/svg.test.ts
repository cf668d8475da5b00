import { lightThemeColor } from '../../shared/palette';
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
    expect(svg.match(/<circle data-role="outlier" cx="[\d.]+" cy="[\d.]+" r="3.5"/g)).toHaveLength(2);
    expect(svg).toContain(`fill="${lightThemeColor('above')}" stroke="#ffffff"`);
    expect(svg).toContain(`fill="${lightThemeColor('below')}" stroke="#ffffff"`);
    for (const label of [
      'value',
      'expected',
      'band',
      'above band (1)',
      'below band (1)',
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
    const valuePath = /<path data-role="value" d="([^"]+)"/.exec(svg)?.[1] ?? '';
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
    const labels = [
      ...renderPlotSvg(flat).matchAll(/text-anchor="end" fill="[^"]+" fill-opacity="[\d.]+">([\d.]+)</g),
    ].map((m) => m[1]);
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

  it('draws only the window, on a time axis spanning exactly the window', () => {
    const outlier = new Int8Array(24 * 14);
    outlier[10] = 1;
    outlier[24 * 5] = -1;
    const svg = renderPlotSvg({
      ...input(24 * 14, { outlier }),
      window: { from: START + 4 * 24 * HOUR, to: START + 6 * 24 * HOUR },
    });
    expect(svg).toContain('49 of 336 points, 2025-01-10 00:00 to 2025-01-12 00:00 UTC; 0 above and 1 below the band');
    expect(svg.match(/<circle data-role="outlier"/g)).toHaveLength(1);
    const ticks = [...svg.matchAll(/text-anchor="middle" [^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(ticks[0]).toBe('2025-01-10');
    expect(ticks[ticks.length - 1]).toBe('2025-01-12');
    const xs = [...(/<path data-role="value" d="([^"]+)"/.exec(svg)?.[1] ?? '').matchAll(/[ML]([\d.]+),/g)].map((m) =>
      Number(m[1])
    );
    expect(xs).toHaveLength(49);
  });

  it('names the modelled holidays in the title and shades and labels their days under the lines', () => {
    const holidays = {
      description: 'KR holidays',
      spans: [{ range: [START + 24 * HOUR, START + 48 * HOUR] as [number, number], label: 'Seollal' }],
    };
    const svg = renderPlotSvg(input(72, { holidays }));
    expect(svg).toContain('>cpu &#60;host &#34;a&#34; &#38; b&#62;, KR holidays</text>');
    const shade = svg.indexOf(`fill="${lightThemeColor('holiday')}" fill-opacity="0.12"`);
    expect(shade).toBeGreaterThan(0);
    expect(shade).toBeLessThan(svg.indexOf('<polygon'));
    expect(svg).toMatch(/paint-order="stroke">Seollal<\/text>/);
    expect(svg).toContain('>holiday (model calendar)</text>');
    const without = renderPlotSvg(input(72));
    expect(without).not.toContain('holiday');
    expect(without).toContain('>cpu &#60;host &#34;a&#34; &#38; b&#62;</text>');
  });

  it('widens a short incident to a visible strip with edges and labels it', () => {
    const marked = [{ range: [START + 100 * HOUR, START + 100 * HOUR + 60_000] as [number, number], label: 'spike' }];
    const svg = renderPlotSvg(input(24 * 60, { marked }));
    const strip = new RegExp(
      `<rect x="[\\d.]+" y="\\d+" width="([\\d.]+)" height="\\d+" fill="${lightThemeColor('incident')}"`
    );
    expect(Number(strip.exec(svg)?.[1])).toBeGreaterThanOrEqual(6);
    expect(svg.match(/<line [^>]*stroke-opacity="0.6"/g)).toHaveLength(2);
    expect(svg).toMatch(/>spike<\/text>/);
    expect(svg).toContain('>injected incident</text>');
  });

  it('shrinks and thins crowded outlier markers and counts them all in the legend', () => {
    const n = 16_128;
    const data = input(n);
    const outlier = new Int8Array(n);
    for (let i = 0; i < n; i += 4) {
      outlier[i] = i % 8 === 0 ? 1 : -1;
    }
    const svg = renderPlotSvg({ ...data, outlier });
    const radii = [...svg.matchAll(/<circle data-role="outlier" [^>]*r="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(radii.length).toBeGreaterThan(100);
    expect(radii.length).toBeLessThan(2 * 1400);
    expect(Math.max(...radii)).toBeLessThan(3.5);
    expect(svg).toContain('>above band (2,016)</text>');
    expect(svg).toContain('>below band (2,016)</text>');
    expect(svg).toContain('crowded: --from/--to show a stretch in detail');
  });
});
