import { ModelInputError } from '../errors';
import { describeCandidate, selectionCandidates } from './candidates';
import { decompositionFamily } from '../families/decomposition';
import { deserializeModel, fitModel, predictModel, serializeModel } from '../families/registry';
import { resolveParams } from '../params';
import { HOUR_MS, makeSeries, seededNormal } from '../testing/synthetic';
import { selectModel as selectAnyFamily } from './select';
import { AUTO_FAMILIES } from '../families/family';

/** Selection's mechanics on the decomposition's grid alone; the other families' candidates have tests of their own. */
const selectModel: typeof selectAnyFamily = (timestamps, values, params, options = {}) =>
  selectAnyFamily(timestamps, values, params, { families: ['decomposition'], ...options });

/** Four weeks, hourly: a daily cycle whose amplitude grows with a rising level (a multiplicative series). */
function growingCycle(seed = 11) {
  const noise = seededNormal(seed);
  return makeSeries(28 * 24, HOUR_MS, (d) => (50 + 20 * d) * (1 + 0.5 * Math.sin(2 * Math.PI * d)) + 2 * noise());
}

/** Four weeks, hourly: a steady daily cycle plus noise, nothing to choose between. */
function steadyCycle(seed = 5) {
  const noise = seededNormal(seed);
  return makeSeries(28 * 24, HOUR_MS, (d) => 100 + 30 * Math.sin(2 * Math.PI * d) + 3 * noise());
}

afterEach(() => jest.restoreAllMocks());

describe('selectModel', () => {
  it('picks the candidate that fits a multiplicative series over the additive default, by more than the margin', () => {
    const s = growingCycle();
    const result = selectModel(s.timestamps, s.values, { changepoint_prior_scale: 0.05 });
    expect(result.ranking.map((c) => c.combination)).toEqual([
      { seasonality_mode: 'multiplicative' },
      { seasonality_mode: 'additive' },
    ]);
    expect(result.winner.combination).toEqual({ seasonality_mode: 'multiplicative' });
    const [best, other] = result.ranking.map((c) => c.scores!);
    expect(best.objective).toBeLessThan(0.5 * other.objective);
    expect(best.mae).toBeLessThan(other.mae);
    expect(result.decision).toMatchObject({
      incumbent: { combination: { seasonality_mode: 'additive' } },
      challenger: { combination: { seasonality_mode: 'multiplicative' } },
      swapped: true,
      at: s.timestamps[s.timestamps.length - 1],
    });
  });

  it("counted against each candidate's own band a wide band would win; the shared band does not reward it", () => {
    const s = steadyCycle();
    // The defaults against the same model without seasonalities, whose band spans the daily cycle.
    const fixed = { changepoint_prior_scale: 0.05, seasonality_mode: 'additive' as const };
    const flat = { daily_seasonality: false, weekly_seasonality: false };
    const rank = (band: 'own' | 'shared') =>
      selectModel(s.timestamps, s.values, fixed, { band, incumbent: { family: 'decomposition', combination: flat } });
    const own = rank('own');
    expect(own.ranking.map((c) => c.combination)).toEqual([flat, {}]);
    const [flatOwn, defaultsOwn] = own.ranking.map((c) => c.scores!);
    expect(flatOwn.mae).toBeGreaterThan(5 * defaultsOwn.mae);
    expect(flatOwn.violationRate).toBeLessThan(defaultsOwn.violationRate);
    const shared = rank('shared');
    expect(shared.ranking.map((c) => c.combination)).toEqual([{}, flat]);
    expect(shared.winner.combination).toEqual({});
    expect(shared.decision?.swapped).toBe(true);
  });

  it('keeps the defaults when no candidate beats them by the margin', () => {
    const s = steadyCycle();
    const result = selectModel(s.timestamps, s.values, {});
    expect(result.ranking).toHaveLength(6);
    expect(result.decision?.swapped).toBe(false);
    expect(result.winner.combination).toEqual({ changepoint_prior_scale: 0.05, seasonality_mode: 'additive' });
    // Without an incumbent the best-ranked candidate wins outright.
    const outright = selectModel(s.timestamps, s.values, {}, { incumbent: null });
    expect(outright.winner).toBe(outright.ranking[0]);
    expect(outright.decision).toBeUndefined();
  });

  it('holds a grid key the caller set, and validates every candidate before fitting', () => {
    const s = steadyCycle();
    const fit = jest.spyOn(decompositionFamily, 'fit');
    const result = selectModel(s.timestamps, s.values, { seasonality_mode: 'multiplicative' }, { maxFits: 6 });
    expect(result.ranking.map((c) => c.params.seasonality_mode)).toEqual(Array(3).fill('multiplicative'));
    fit.mockClear();
    expect(() =>
      selectModel(
        s.timestamps,
        s.values,
        {},
        { incumbent: { family: 'decomposition', combination: { n_changepoints: -1 } } }
      )
    ).toThrow(/^candidate decomposition \{n_changepoints: -1\}: n_changepoints must be/);
    expect(fit).not.toHaveBeenCalled();
  });

  it('makes at most maxFits fits, the most recent cutoffs shared by every candidate', () => {
    const s = steadyCycle();
    const fit = jest.spyOn(decompositionFamily, 'fit');
    const result = selectModel(s.timestamps, s.values, {}, { maxFits: 13 });
    // 6 candidates: ⌊13 / 6⌋ = 2 cutoffs each.
    expect(result.cutoffs).toHaveLength(2);
    expect(result.fits).toBe(12);
    expect(fit).toHaveBeenCalledTimes(12);
    for (const c of result.ranking) {
      expect(c.scores!.cutoffs).toEqual(result.cutoffs);
    }
    expect(() => selectModel(s.timestamps, s.values, {}, { maxFits: 5 })).toThrow(
      new ModelInputError('selection has 6 candidates, more than maxFits = 5 allows (one cutoff each)')
    );
  });

  it('ranks a candidate whose fits fail last, with its error, and fails only when every candidate fails', () => {
    const s = steadyCycle();
    const real = decompositionFamily.fit;
    jest.spyOn(decompositionFamily, 'fit').mockImplementation((ts, ys, p, k) => {
      if (p.changepoint_prior_scale === 0.5) {
        throw new ModelInputError('cannot fit this variant');
      }
      return real(ts, ys, p, k);
    });
    const result = selectModel(s.timestamps, s.values, {}, { maxFits: 12 });
    const failed = result.ranking.slice(-2);
    expect(failed.map((c) => [c.combination.changepoint_prior_scale, c.scores])).toEqual([
      [0.5, null],
      [0.5, null],
    ]);
    expect(failed[0].error).toMatch(/cannot fit this variant/);
    expect(() => selectModel(s.timestamps, s.values, { changepoint_prior_scale: 0.5 })).toThrow(
      /^no candidate could be cross-validated: decomposition \{seasonality_mode: "additive"\}: .*cannot fit this variant/
    );
  });

  it('with too little history, the defaults serve untested and say why', () => {
    const s = makeSeries(20, HOUR_MS, (d) => d);
    const result = selectModel(s.timestamps, s.values, {});
    expect(result.fits).toBe(0);
    expect(result.fallback).toBe('20 usable points in the last 28 days, selection needs 24');
    expect(result.winner.combination).toEqual({ changepoint_prior_scale: 0.05, seasonality_mode: 'additive' });
    expect(result.winner.scores).toBeNull();
  });

  it('only the recent history takes part', () => {
    const s = steadyCycle();
    const result = selectModel(s.timestamps, s.values, {}, { historyDays: 3, maxFits: 6 });
    const first = s.timestamps[s.timestamps.length - 1] - 3 * 86_400_000;
    // Horizon min(1 day, span / 4), initial half the span: the earliest cutoff leaves half of 3 days to train on.
    expect(result.horizon).toBe((3 * 86_400_000) / 4);
    expect(result.cutoffs[0]).toBeGreaterThanOrEqual(first + 1.5 * 86_400_000);
  });

  it.each([
    [{ objective: 'fewest' }, /^selection_objective must be "violations", "magnitude" or "weighted:W"/],
    [{ objective: 'weighted:1.5' }, /^selection_objective must be/],
    [{ families: [] }, /^selection needs at least one family$/],
    [{ families: ['prophet'] }, /^unknown family "prophet" \(known: decomposition/],
    [{ band: 'wide' }, /^band must be "shared" or "own"/],
    [{ margin: 1 }, /^the swap margin must be in \[0, 1\), got 1$/],
    [{ historyDays: 0 }, /^historyDays must be a positive number/],
    // Options as JSON may give them: each once gave a raw TypeError, or passed as an untested fallback.
    [{ families: 'past' }, /^families must be a list of family names, got "past"$/],
    [{ incumbent: 5 }, /^the incumbent needs a family \(decomposition, .*\) and a combination object, got 5$/],
    [{ incumbent: { family: 'past', combination: 5 } }, /^the incumbent needs a family/],
    [{ period: 'x' }, /^period must be a positive duration in ms, got "x"$/],
    [{ maxCutoffs: 0 }, /^maxCutoffs must be a number ≥ 1, got 0$/],
  ])('refuses %j', (options, message) => {
    const s = steadyCycle();
    expect(() => selectModel(s.timestamps, s.values, {}, options as never)).toThrow(message);
  });

  it('ranks by the objective the parameters name', () => {
    const s = growingCycle();
    for (const objective of ['magnitude', 'weighted:0.5'] as const) {
      const result = selectModel(s.timestamps, s.values, {
        changepoint_prior_scale: 0.05,
        selection_objective: objective,
      });
      expect(result.objective).toBe(objective);
      expect(result.winner.combination).toEqual({ seasonality_mode: 'multiplicative' });
    }
    const magnitude = selectModel(
      s.timestamps,
      s.values,
      { changepoint_prior_scale: 0.05 },
      { objective: 'magnitude' }
    );
    expect(magnitude.winner.scores!.objective).toBe(magnitude.winner.scores!.violationMagnitudeBand);
  });
});

describe("fitModel with model 'auto'", () => {
  it('fits the winner and records that it was chosen, with the ranking; the summary survives serialisation', () => {
    const s = growingCycle();
    const fitted = fitModel(s.timestamps, s.values, { model: 'auto', changepoint_prior_scale: 0.05 });
    // Every registered family takes part: the decomposition's two modes plus the others' grids.
    const candidates = selectionCandidates({ changepoint_prior_scale: 0.05 }, AUTO_FAMILIES).length;
    // The decomposition won, and serves inside the ensemble, whose expectation and band are its decomposition's.
    expect(fitted.family).toBe('ensemble');
    expect(fitted.params.model).toBe('ensemble');
    expect(fitted.params.seasonality_mode).toBe('multiplicative');
    const alone = fitModel(s.timestamps, s.values, {
      model: 'decomposition',
      changepoint_prior_scale: 0.05,
      seasonality_mode: 'multiplicative',
    });
    const ahead = Float64Array.from(
      { length: 48 },
      (_, i) => s.timestamps[s.timestamps.length - 1] + (i + 1) * HOUR_MS
    );
    const served = predictModel(fitted, ahead);
    const decomposition = predictModel(alone, ahead);
    expect(Array.from(served.yhat)).toEqual(Array.from(decomposition.yhat));
    expect(Array.from(served.yhat_upper)).toEqual(Array.from(decomposition.yhat_upper));
    expect(fitted.selection).toMatchObject({
      automatic: true,
      objective: 'violations',
      candidates,
      fits: 3 * candidates,
      cutoffs: 3,
      winner: { family: 'decomposition', combination: { seasonality_mode: 'multiplicative' } },
    });
    expect(fitted.selection!.ranking).toHaveLength(Math.min(candidates, 10));
    const restored = deserializeModel(serializeModel(fitted));
    expect(restored.selection).toEqual(fitted.selection);
    const plain = fitModel(s.timestamps, s.values, {});
    expect(plain.selection).toBeUndefined();
  });

  it('serves a winning decomposition alone when the ensemble would not hold it', () => {
    const s = growingCycle();
    const params = {
      model: 'auto',
      changepoint_prior_scale: 0.05,
      ensemble_members: ['past', 'autoregressive'],
    } as const;
    const fitted = fitModel(s.timestamps, s.values, { ...params, ensemble_members: [...params.ensemble_members] });
    expect(fitted.selection!.winner.family).toBe('decomposition');
    expect(fitted.family).toBe('decomposition');
  });

  it('takes a selection made earlier instead of selecting again', () => {
    const s = growingCycle();
    const selection = selectModel(s.timestamps, s.values, { changepoint_prior_scale: 0.05 });
    const fit = jest.spyOn(decompositionFamily, 'fit');
    const fitted = fitModel(
      s.timestamps,
      s.values,
      { model: 'auto', changepoint_prior_scale: 0.05 },
      undefined,
      selection
    );
    expect(fit).toHaveBeenCalledTimes(1);
    expect(fitted.params.seasonality_mode).toBe('multiplicative');
  });

  it('refuses a malformed saved selection summary', () => {
    const s = steadyCycle();
    const text = serializeModel(fitModel(s.timestamps, s.values, {}));
    const broken = JSON.stringify({ ...JSON.parse(text), selection: { automatic: true } });
    expect(() => deserializeModel(broken)).toThrow(
      new ModelInputError('serialized model has a malformed selection summary')
    );
  });
});

describe("'auto' and selection_objective as parameters", () => {
  it('re-evaluates the incumbent against a shortlist: only those candidates are fitted, on the same cutoffs', () => {
    const s = growingCycle();
    const full = selectAnyFamily(s.timestamps, s.values, {}, { incumbent: null });
    expect(full.ranking.length).toBeGreaterThan(4);
    const serving = full.ranking[0];
    const shortlist = full.ranking.slice(1, 3).map(({ family, combination }) => ({ family, combination }));
    const short = selectAnyFamily(
      s.timestamps,
      s.values,
      {},
      { candidates: shortlist, incumbent: { family: serving.family, combination: serving.combination } }
    );
    const compared = short.ranking.map(describeCandidate).sort();
    expect(compared).toEqual([serving, ...shortlist].map(describeCandidate).sort());
    expect(short.fits).toBe(3 * short.cutoffs.length);
    expect(short.cutoffs).toEqual(full.cutoffs);
    expect(short.fits).toBeLessThan(full.fits / 3);
    // The full ranking's leader keeps serving: the shortlist holds no candidate that beats it by the margin.
    expect(describeCandidate(short.winner)).toBe(describeCandidate(serving));
    expect(short.decision?.swapped).toBe(false);
  });

  it('refuses a shortlist that is empty, names an unknown family, or comes with families', () => {
    const s = steadyCycle();
    const run = (options: Parameters<typeof selectAnyFamily>[3]) => () =>
      selectAnyFamily(s.timestamps, s.values, {}, options);
    expect(run({ candidates: [] })).toThrow(/^candidates must be a non-empty list/);
    expect(run({ candidates: [{ family: 'prophet' as never, combination: {} }] })).toThrow(
      /^a candidate needs a family \(decomposition, .*\) and a combination object, got \{"family":"prophet"/
    );
    expect(run({ candidates: [{ family: 'past', combination: null as never }] })).toThrow(/combination object/);
    expect(run({ candidates: [{ family: 'past', combination: {} }], families: ['past'] })).toThrow(
      'give either families or candidates, not both'
    );
    expect(run({ candidates: [{ family: 'past', combination: { past_periods: -1 } }] })).toThrow(/past_periods/);
  });

  it("accepts 'auto', keeps the ensemble of decomposition and past as the default, and names the choices in errors", () => {
    expect(resolveParams({ model: 'auto' }).model).toBe('auto');
    expect(resolveParams({}).model).toBe('ensemble');
    expect(resolveParams({}).ensemble_members).toEqual(['decomposition', 'past']);
    expect(resolveParams({}).selection_objective).toBe('violations');
    expect(resolveParams({ selection_objective: 'weighted:0.25' }).selection_objective).toBe('weighted:0.25');
    expect(() => resolveParams({ model: 'best' as never })).toThrow(
      /^model must be auto or one of decomposition.*, got "best"$/
    );
    expect(() => resolveParams({ selection_objective: 'weighted:' as never })).toThrow(/^selection_objective must be/);
  });
});
