/**
 * Automatic selection: every candidate (family × its grid) is cross-validated on the same rolling-origin
 * cutoffs over the series' recent history and ranked by the service objective (serviceScore.ts).
 *
 * Violations are counted against a band of one width shared by every candidate at each scored point (the
 * band of the candidate claiming the narrowest one), around each candidate's own expectation: a wide band buys
 * no candidate anything, and a narrow claim only sets the common bar. Counted against
 * each candidate's own band, the objective rewards the widest band: on a daily cycle a model without the
 * cycle, whose band spans it, had fewer and smaller violations than the decomposition (rate 0.170 vs 0.178,
 * 0.05 vs 0.19 band widths) at 8× its error. `band: 'own'` keeps that reading for comparison.
 */
import { crossValidateLabelled } from '../evaluation/crossValidation';
import type { CrossValidationRows } from '../evaluation/cvRows';
import { planCutoffs } from '../evaluation/cutoffs';
import { checkLabels, type EvaluationLabels, type LabelMetrics } from '../evaluation/labels';
import { rankByService, serviceCost, type ServiceScoreOptions, type ViolationStats } from '../evaluation/serviceScore';
import { summarizeRows } from '../evaluation/summary';
import { ModelInputError } from '../errors';
import { AUTO_FAMILIES, FAMILY_NAMES, type FamilyName } from '../families/family';
import { fitModel, predictModel } from '../families/registry';
import { selectTrainingData } from '../input';
import { resolveParams } from '../params';
import { passProgress, type ProgressOption } from '../progress';
import type { Kernels, ModelParams, SelectionObjectiveText } from '../types';
import { type Candidate, candidateKey, type CandidateSpec, describeCandidate, selectionCandidates } from './candidates';
import { labelScore, rankByLabels } from './labelObjective';
import { objectiveText, parseObjective, type SelectionObjective } from './objective';
import { checkedMargin, decideSwap, type SwapTrailEntry } from './swap';

const DAY_MS = 86_400_000;

/** Most fits one selection makes (candidates × cutoffs) unless told otherwise. */
export const DEFAULT_SELECTION_MAX_FITS = 60;
/** Cutoffs per candidate unless the budget allows fewer. */
export const DEFAULT_SELECTION_CUTOFFS = 3;
/** Selection looks at this much recent history (the online detector's training window). */
export const DEFAULT_SELECTION_HISTORY_DAYS = 28;
/** Fewer usable points than this in the history: no selection, the first candidate serves untested. */
export const MIN_SELECTION_POINTS = 24;

/** Which band violations are counted against (see the module comment). */
export type SelectionBand = 'shared' | 'own';

/** `onProgress` hears the fits done (candidates × cutoffs) of all planned. */
export interface SelectionOptions extends ProgressOption {
  /** Families to compare; default every registered family. */
  families?: readonly FamilyName[];
  /** Default the parameters' `selection_objective`. */
  objective?: SelectionObjectiveText;
  /** Forecast window per cutoff in ms; default min(1 day, a quarter of the history's span). */
  horizon?: number;
  /** Training before the first cutoff; default min(3 × horizon, half the span). */
  initial?: number;
  /** Spacing of cutoffs; default horizon / 2. */
  period?: number;
  /** Most cutoffs per candidate, the most recent; default 3. */
  maxCutoffs?: number;
  /** Most fits in all; each candidate gets ⌊maxFits / candidates⌋ cutoffs at most. Default 60. */
  maxFits?: number;
  /** Only points within this many days of the last one take part; default 28. */
  historyDays?: number;
  /** Default 'shared'. */
  band?: SelectionBand;
  /**
   * The serving model, compared too: it keeps serving unless the best candidate beats it by `margin`
   * (decideSwap). Default the first candidate (the first family's defaults), so selection leaves the
   * defaults only for a clear gain; null makes the best-ranked candidate the winner outright.
   */
  incumbent?: CandidateSpec | null;
  /**
   * Compare only these candidates (and the incumbent) instead of every family's grid: a re-evaluation of the
   * serving model against the closest challengers of an earlier full ranking, at a fraction of its cost (the
   * backend's selection service runs one daily between weekly full rankings). Not with `families`. Violations are
   * counted against the narrowest band of the candidates compared, so a re-evaluation's scores are not on the full
   * ranking's scale; the swap still compares incumbent and challengers on one band and the same cutoffs. Without
   * `incumbent`, the first of these candidates is the incumbent.
   */
  candidates?: readonly CandidateSpec[];
  /** Default DEFAULT_SWAP_MARGIN. */
  margin?: number;
  kernels?: Kernels;
  /**
   * Labelled incidents and false alarms: candidates are fitted with them (crossValidation.ts) and ranked by
   * their label score first (labelObjective.ts); a challenger with a higher label score replaces the incumbent
   * whatever the margin, one with a lower score never does.
   */
  labels?: EvaluationLabels;
}

export interface CandidateScores {
  /** Share of scored points outside the band. */
  violationRate: number;
  /** Mean distance outside the band over the violating points, in band widths; null when no band has width. */
  violationMagnitudeBand: number | null;
  /** The objective's single number, lower is better (what a swap's margin applies to). */
  objective: number;
  mae: number;
  rmse: number;
  /** Share inside the candidate's own band. */
  coverage: number;
  /** Points scored. */
  n: number;
  /** The cutoffs these scores come from; scores compare only on the same cutoffs. */
  cutoffs: number[];
  /** The objective on each cutoff's points alone (null: none scored there), for the swap rule's majority. */
  perCutoff: Array<number | null>;
  /** With labels: how the held-out alarms met them, and the label score (higher is better, labelObjective.ts). */
  label_metrics?: LabelMetrics;
  label_score?: number;
}

export interface RankedCandidate extends Candidate {
  /** Null when the candidate could not be cross-validated (see `error`). */
  scores: CandidateScores | null;
  error?: string;
}

export interface SelectionResult {
  objective: SelectionObjectiveText;
  band: SelectionBand;
  /** Every candidate, best first; candidates that failed come last. */
  ranking: RankedCandidate[];
  /** What serves: the best-ranked candidate, unless the incumbent is within the margin of it. */
  winner: RankedCandidate;
  /** The incumbent against the best-ranked candidate, when there was an incumbent and a comparison. */
  decision?: SwapTrailEntry;
  cutoffs: number[];
  horizon: number;
  /** Fits made (candidates × cutoffs). */
  fits: number;
  /** Why no comparison was made (too little history); the winner is then the first candidate, untested. */
  fallback?: string;
}

/**
 * Ranks every candidate for a series. Never fails for lack of history or for one candidate: with too little
 * history the first candidate (the first family's defaults) wins with `fallback` saying why, and a candidate
 * whose fit fails ranks last with its error. Throws ModelInputError for bad parameters or options, for a
 * budget smaller than the candidate count, and when every candidate fails.
 */
export function selectModel(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams> = {},
  options: SelectionOptions = {}
): SelectionResult {
  const resolved = resolveParams(params);
  const objective = parseObjective(options.objective ?? resolved.selection_objective);
  checkedMargin(options.margin);
  const band = options.band ?? 'shared';
  if (band !== 'shared' && band !== 'own') {
    throw new ModelInputError(`band must be "shared" or "own", got ${JSON.stringify(band)}`);
  }
  const labels = options.labels === undefined ? undefined : checkLabels(options.labels);
  const { model: _model, ...base } = params;
  const incumbentSpec = checkedIncumbent(options.incumbent);
  const incumbentExtra = incumbentSpec ? [incumbentSpec] : [];
  const candidates =
    options.candidates === undefined
      ? selectionCandidates(base, checkedFamilies(options.families), incumbentExtra)
      : selectionCandidates(base, [], [...checkedShortlist(options.candidates, options.families), ...incumbentExtra]);
  const incumbentKey = candidateKey(incumbentSpec ?? candidates[0]);
  const maxFits = options.maxFits ?? DEFAULT_SELECTION_MAX_FITS;
  const perCandidate = Math.floor(maxFits / candidates.length);
  if (!(perCandidate >= 1)) {
    throw new ModelInputError(
      `selection has ${candidates.length} candidates, more than maxFits = ${String(maxFits)} allows (one cutoff each)`
    );
  }
  checkWindowOptions(options);
  const historyDays = options.historyDays ?? DEFAULT_SELECTION_HISTORY_DAYS;
  const series = recentHistory(timestamps, values, resolved, historyDays);
  const untested = (fallback: string): SelectionResult => {
    const ranking = candidates.map((c) => ({ ...c, scores: null }));
    const winner = ranking.find((c) => candidateKey(c) === incumbentKey) ?? ranking[0];
    return { objective: objectiveText(objective), band, ranking, winner, cutoffs: [], horizon: 0, fits: 0, fallback };
  };
  if (series.timestamps.length < MIN_SELECTION_POINTS) {
    // Say which window: a long history of coarse points (monthly, say) has few in the days selection ranks on.
    const n = series.timestamps.length;
    return untested(
      `${n} usable point${n === 1 ? '' : 's'} in the last ${historyDays} days, selection needs ${MIN_SELECTION_POINTS}`
    );
  }
  const span = series.timestamps[series.timestamps.length - 1] - series.timestamps[0];
  const horizon = options.horizon ?? Math.min(DAY_MS, span / 4);
  const windows = { horizon, initial: options.initial ?? Math.min(3 * horizon, span / 2), period: options.period };
  let cutoffs: number[];
  try {
    const maxCutoffs = Math.min(perCandidate, options.maxCutoffs ?? DEFAULT_SELECTION_CUTOFFS);
    cutoffs = planCutoffs(series.timestamps, { ...windows, maxCutoffs }).cutoffs;
  } catch (error) {
    if (error instanceof ModelInputError && options.horizon === undefined && options.initial === undefined) {
      return untested(error.message);
    }
    throw error;
  }

  const kernels = options.kernels;
  const model = {
    fit: (ts: Float64Array, ys: Float64Array, p: Partial<ModelParams>) => fitModel(ts, ys, p, kernels),
    predict: (fitted: ReturnType<typeof fitModel>, ts: Float64Array, ys?: Float64Array) =>
      predictModel(fitted, ts, ys, kernels),
  };
  const runs = candidates.map((candidate, k) => {
    try {
      const { rows, label_metrics } = crossValidateLabelled(series.timestamps, series.values, candidate.params, {
        horizon,
        cutoffs,
        maxFits: cutoffs.length,
        model,
        labels,
        onProgress: passProgress(options.onProgress, k, cutoffs.length, candidates.length),
      });
      return rows.ds.length > 0 ? { candidate, rows, label_metrics } : { candidate, error: 'no point was scored' };
    } catch (error) {
      return { candidate, error: error instanceof Error ? error.message : String(error) };
    }
  });
  const scored = runs.filter(
    (r): r is { candidate: Candidate; rows: CrossValidationRows; label_metrics: LabelMetrics | null } => 'rows' in r
  );
  if (scored.length === 0) {
    const first = runs[0] as { candidate: Candidate; error: string };
    throw new ModelInputError(
      `no candidate could be cross-validated: ${describeCandidate(first.candidate)}: ${first.error}`
    );
  }
  const reference = band === 'shared' ? sharedHalfWidths(scored.map((r) => r.rows)) : null;
  const ranked: RankedCandidate[] = scored.map(({ candidate, rows, label_metrics }) => ({
    ...candidate,
    scores: {
      ...scoresOf(rows, reference, objective, cutoffs),
      ...(label_metrics === null ? {} : { label_metrics, label_score: labelScore(label_metrics) }),
    },
  }));
  const byService = rankByService(
    ranked.map((r) => r.scores as CandidateScores),
    serviceOptions(objective)
  );
  const order =
    labels === undefined
      ? byService
      : rankByLabels(
          byService,
          ranked.map((r) => r.scores?.label_score)
        );
  const failed = runs
    .filter((r): r is { candidate: Candidate; error: string } => 'error' in r)
    .map(({ candidate, error }) => ({ ...candidate, scores: null, error }));
  const ranking = [...order.map((i) => ranked[i]), ...failed];
  const incumbent = incumbentSpec === null ? undefined : ranking.find((c) => candidateKey(c) === incumbentKey);
  const decision =
    incumbent === undefined
      ? undefined
      : decideSwap(incumbent, ranking[0], {
          at: series.timestamps[series.timestamps.length - 1],
          margin: options.margin,
        });
  return {
    objective: objectiveText(objective),
    band,
    ranking,
    winner: decision?.serving ?? ranking[0],
    ...(decision !== undefined ? { decision: decision.trail } : {}),
    cutoffs,
    horizon,
    fits: candidates.length * cutoffs.length,
  };
}

/** The candidates a re-evaluation compares: at least one, each of a known family with a combination object. */
function checkedShortlist(
  candidates: readonly CandidateSpec[],
  families: readonly FamilyName[] | undefined
): readonly CandidateSpec[] {
  if (families !== undefined) {
    throw new ModelInputError('give either families or candidates, not both');
  }
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new ModelInputError('candidates must be a non-empty list of {family, combination}');
  }
  for (const c of candidates) {
    checkSpec(c, 'a candidate');
  }
  return candidates;
}

/** A candidate spec as JSON may give it: a known family and a combination object. */
function checkSpec(c: unknown, what: string): asserts c is CandidateSpec {
  const spec = c as Partial<CandidateSpec> | null;
  const known = typeof spec?.family === 'string' && (FAMILY_NAMES as readonly string[]).includes(spec.family);
  const combination = spec?.combination;
  if (!known || typeof combination !== 'object' || combination === null || Array.isArray(combination)) {
    throw new ModelInputError(
      `${what} needs a family (${FAMILY_NAMES.join(', ')}) and a combination object, got ${JSON.stringify(c)}`
    );
  }
}

/** The serving model as options give it: absent, null (no incumbent) or a checked spec. */
function checkedIncumbent(incumbent: unknown): CandidateSpec | null | undefined {
  if (incumbent === undefined || incumbent === null) {
    return incumbent;
  }
  checkSpec(incumbent, 'the incumbent');
  return incumbent;
}

/**
 * Period and cutoff limit are checked before cutoffs are planned: a planning error is otherwise read as too little
 * history, and a bad option would pass as an untested fallback.
 */
function checkWindowOptions(options: SelectionOptions): void {
  if (options.period != null && !(Number.isFinite(options.period) && options.period > 0)) {
    throw new ModelInputError(`period must be a positive duration in ms, got ${JSON.stringify(options.period)}`);
  }
  if (options.maxCutoffs != null && !(typeof options.maxCutoffs === 'number' && options.maxCutoffs >= 1)) {
    throw new ModelInputError(`maxCutoffs must be a number ≥ 1, got ${JSON.stringify(options.maxCutoffs)}`);
  }
}

function checkedFamilies(families: readonly FamilyName[] | undefined): readonly FamilyName[] {
  if (families === undefined) {
    return AUTO_FAMILIES;
  }
  if (!Array.isArray(families)) {
    throw new ModelInputError(`families must be a list of family names, got ${JSON.stringify(families)}`);
  }
  if (families.length === 0) {
    throw new ModelInputError('selection needs at least one family');
  }
  for (const name of families) {
    if (!(FAMILY_NAMES as readonly string[]).includes(name)) {
      throw new ModelInputError(`unknown family ${JSON.stringify(name)} (known: ${FAMILY_NAMES.join(', ')})`);
    }
  }
  return families;
}

/** Usable points (a value, not excluded) within `days` of the last one, sorted. */
function recentHistory(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: ModelParams,
  days: number
): { timestamps: Float64Array; values: Float64Array } {
  if (!(Number.isFinite(days) && days > 0)) {
    throw new ModelInputError(`historyDays must be a positive number, got ${String(days)}`);
  }
  const all = selectTrainingData(timestamps, values, params.exclude);
  const n = all.timestamps.length;
  if (n === 0) {
    return all;
  }
  const from = all.timestamps[n - 1] - days * DAY_MS;
  let first = 0;
  while (first < n && all.timestamps[first] < from) {
    first++;
  }
  return { timestamps: all.timestamps.subarray(first), values: all.values.subarray(first) };
}

/**
 * The common bar: per scored point, the half-width of the band of the candidate that claims the narrowest band
 * (smallest median half-width; bands of zero width are passed over while another has width). Rows align: every
 * candidate scored the same points at the same cutoffs.
 */
function sharedHalfWidths(runs: CrossValidationRows[]): Float64Array {
  const n = runs[0].ds.length;
  let tightest = -1;
  let tightestWidth = Infinity;
  runs.forEach((rows, c) => {
    if (rows.ds.length !== n) {
      throw new Error(`candidates scored different points (${rows.ds.length} vs ${n})`);
    }
    const half = halfWidths(rows);
    const median = half.sort()[n >> 1];
    if (tightest < 0 || (median > 0 && (median < tightestWidth || tightestWidth === 0))) {
      tightest = c;
      tightestWidth = median;
    }
  });
  return halfWidths(runs[tightest]);
}

function halfWidths(rows: CrossValidationRows): Float64Array {
  return rows.yhat_upper.map((upper, i) => (upper - rows.yhat_lower[i]) / 2);
}

function scoresOf(
  rows: CrossValidationRows,
  reference: Float64Array | null,
  objective: SelectionObjective,
  cutoffs: number[]
): CandidateScores {
  const own = summarizeRows(rows);
  // Violations are counted against the shared band when there is one, the candidate's own otherwise.
  const banded =
    reference === null
      ? rows
      : {
          ...rows,
          yhat_lower: rows.yhat.map((v, i) => v - reference[i]),
          yhat_upper: rows.yhat.map((v, i) => v + reference[i]),
        };
  const judged = reference === null ? own : summarizeRows(banded);
  const stats = { violationRate: judged.violationRate, violationMagnitudeBand: judged.violationMagnitudeBand };
  return {
    ...stats,
    objective: objectiveValue(stats, objective),
    perCutoff: cutoffs.map((cutoff) => {
      const keep = (_v: number, i: number) => banded.cutoff[i] === cutoff;
      const one = summarizeRows({
        cutoff: banded.cutoff.filter(keep),
        ds: banded.ds.filter(keep),
        y: banded.y.filter(keep),
        yhat: banded.yhat.filter(keep),
        yhat_lower: banded.yhat_lower.filter(keep),
        yhat_upper: banded.yhat_upper.filter(keep),
      });
      return one.n > 0 ? objectiveValue(one, objective) : null;
    }),
    mae: own.mae,
    rmse: own.rmse,
    coverage: own.coverage,
    n: own.n,
    cutoffs,
  };
}

/** The objective's single number for one candidate (lower is better). */
export function objectiveValue(stats: ViolationStats, objective: SelectionObjective): number {
  switch (objective.kind) {
    case 'violations':
      return stats.violationRate;
    case 'magnitude':
      return stats.violationMagnitudeBand ?? Infinity;
    case 'weighted':
      return serviceCost(stats, objective.weight);
  }
}

function serviceOptions(objective: SelectionObjective): ServiceScoreOptions {
  return objective.kind === 'weighted'
    ? { priority: 'count', weight: objective.weight }
    : { priority: objective.kind === 'violations' ? 'count' : 'magnitude' };
}
