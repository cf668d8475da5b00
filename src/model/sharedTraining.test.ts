import { typescriptKernels } from './kernels';
import { resolveParams } from './params';
import { SharedTraining } from './sharedTraining';
import { ensembleOf } from './families/ensembleMembers';
import { decompositionFamily } from './families/decomposition';
import type { FittedFamily, ModelFamily } from './families/family';
import { pastFamily } from './families/past';
import { fitModel, serializeModel } from './families/registry';
import { DAY_MS, makeSeries, seededNormal } from './testing/synthetic';
import type { Kernels, ModelParams } from './types';

const MINUTE_MS = 60_000;

/** Four weeks of 5-minute data with a daily cycle; `edit` may put gross values, stuck runs or gaps in it. */
function series(edit: (values: Float64Array) => void = () => undefined) {
  const noise = seededNormal(11);
  const s = makeSeries(28 * 288, 5 * MINUTE_MS, (d) => 500 + 100 * Math.sin(2 * Math.PI * d) + 5 * noise());
  edit(s.values);
  return s;
}

/** Kernels that count their calls by name. */
function counting(): { kernels: Kernels; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const kernels = new Proxy(typescriptKernels, {
    get(target, name: string) {
      const kernel = (target as unknown as Record<string, unknown>)[name];
      if (typeof kernel !== 'function') {
        return kernel;
      }
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (kernel as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { kernels, calls };
}

/** The default pair fitted member by member, each preparing its own training (what the ensemble did before). */
function pairAlone(
  s: { timestamps: Float64Array; values: Float64Array },
  params: Partial<ModelParams>,
  kernels: Kernels
): FittedFamily {
  const resolved = resolveParams({ ...params, model: 'ensemble' });
  const members = [decompositionFamily, pastFamily].map((family) =>
    (family as unknown as ModelFamily).fit(s.timestamps, s.values, { ...resolved, model: family.name }, kernels, {
      updatable: true,
    })
  );
  return ensembleOf(resolved, members, []);
}

describe('training shared by the members of an ensemble fit', () => {
  const gapped = series((v) => v.fill(NaN, 100, 200));
  const cases: Array<[string, ReturnType<typeof series>, Partial<ModelParams>]> = [
    ['an ordinary series', series(), {}],
    [
      'gross values and a stuck run',
      series((v) => {
        v[3000] = 1e9;
        v.fill(512, 5000, 5040);
      }),
      {},
    ],
    ['missing values and exclusions', gapped, { exclude: [[gapped.timestamps[4000], gapped.timestamps[4100]]] }],
    ['holidays, which only the past comparison leaves out', series(), { country_holidays: ['KR'] }],
  ];

  it.each(cases)('fits %s exactly as members preparing their own training', (_name, s, params) => {
    const fitted = fitModel(s.timestamps, s.values, params);
    expect(serializeModel(fitted)).toBe(serializeModel(pairAlone(s, params, typescriptKernels)));
  });

  it('fits a first weekend in progress, which the decomposition leaves out, exactly as before', () => {
    // Starts on a Monday and ends on a Saturday: the decomposition has not seen a whole weekend day.
    const monday = Date.UTC(2026, 10, 2);
    const noise = seededNormal(3);
    const n = 5 * 24 * 12 + 6 * 12;
    const timestamps = Float64Array.from({ length: n }, (_, i) => monday + i * 5 * MINUTE_MS);
    const values = timestamps.map((t) => 50 + 10 * Math.sin((2 * Math.PI * t) / DAY_MS) + noise());
    const s = { timestamps, values };
    expect(serializeModel(fitModel(timestamps, values, {}))).toBe(serializeModel(pairAlone(s, {}, typescriptKernels)));
  });

  it('selects and screens the training once for both members', () => {
    const s = series();
    const shared = counting();
    fitModel(s.timestamps, s.values, {}, shared.kernels);
    const alone = counting();
    pairAlone(s, {}, alone.kernels);
    // One selection of the fit's points fewer, and fewer quantile passes (the gross-value screen's, among others).
    expect(shared.calls.get('trainingRows')).toBe((alone.calls.get('trainingRows') ?? 0) - 1);
    expect(shared.calls.get('quantiles')).toBeLessThan(alone.calls.get('quantiles') ?? 0);
  });

  it('gives nothing for other points or exclusions, and remembers only what it prepared', () => {
    const s = series();
    const shared = new SharedTraining(s.timestamps, s.values, [[1, 2]], typescriptKernels);
    expect(shared.select(s.timestamps.slice(), s.values, [[1, 2]], typescriptKernels)).toBeNull();
    expect(shared.select(s.timestamps, s.values, [[1, 3]], typescriptKernels)).toBeNull();
    const selected = shared.select(s.timestamps, s.values, [[1, 2]], typescriptKernels);
    expect(selected).not.toBeNull();
    expect(shared.select(s.timestamps, s.values, [[1, 2]], typescriptKernels)).toBe(selected);
    const screened = shared.screen(selected!);
    expect(shared.screen(selected!)).toBe(screened);
    const other = { timestamps: selected!.timestamps.slice(1), values: selected!.values.slice(1) };
    expect(shared.screen(other)).not.toBe(shared.screen(other));
    let computed = 0;
    const count = () => ++computed;
    shared.statistic('n', screened.values, count);
    shared.statistic('n', screened.values, count);
    shared.statistic('n', other.values, count);
    expect(computed).toBe(2);
  });
});
