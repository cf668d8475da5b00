/**
 * One interface for every model family (decomposition, past comparison, state-space, autoregressive, ...).
 * A family fits a series and predicts the per-point output the rest of the product uses (expectation, band,
 * outlier, score, components where it has them), and round-trips through JSON with a version of its own.
 *
 * Every family judges points the same way: its band and scores come from `bandFromResiduals` over residuals
 * the fit did not see where it can (one-step-ahead errors, a holdout), and `judgedPrediction`, so one alert
 * threshold means the same whichever family serves a series.
 */
import type { ParamGrid } from '../evaluation/tune';
import type { WindowChange } from '../incremental';
import type { SelectionSummary } from '../selection/summary';
import type { SharedTraining } from '../sharedTraining';
import type { Kernels, ModelParams, Prediction } from '../types';
import type { AlarmMark, AlarmRaise } from '../uncertainty';
import type { RecentPeaks } from './recentRepeats';

/** How a fit is to be kept. */
export interface FitOptions {
  /**
   * false: the fit will never be updated (a member of an ensemble that cannot be), so a family that can update
   * skips the statistics an update reads (the decomposition's `incremental`, a third of its text). Default true.
   */
  updatable?: boolean;
  /** The training preparation the members of one ensemble fit share (sharedTraining.ts); absent for a fit alone. */
  shared?: SharedTraining;
}

/** Families a query may name in `model`; each is registered in registry.ts. */
export const FAMILY_NAMES = ['decomposition', 'past', 'autoregressive', 'holt_winters', 'neural', 'ensemble'] as const;

export type FamilyName = (typeof FAMILY_NAMES)[number];

/**
 * The families `auto` ranks when none are named: not the ensemble, which is made of them, nor the neural family,
 * whose fit costs some 66 times a decomposition's per cutoff (bench/results/family-neural.md). Named, it is
 * ranked.
 */
export const AUTO_FAMILIES: readonly FamilyName[] = FAMILY_NAMES.filter(
  (name) => name !== 'ensemble' && name !== 'neural'
);

/** What every fitted model carries, whatever its family; the rest is the family's own plain data. */
export interface FittedFamily {
  family: FamilyName;
  /** The family's own serialisation version; a model of an older version is refused (refit it). */
  version: number;
  params: ModelParams;
  history_start: number;
  history_end: number;
  n_train: number;
  /**
   * Present when `model: 'auto'` chose the model: what was compared and how it scored (selection/). The winner it
   * names is the family ranked; a winning decomposition serves inside the ensemble (selection/serving.ts).
   */
  selection?: SelectionSummary;
  /** Older models only: labelled false alarms raised a whole side's threshold (judgeBand applies it). */
  false_alarm_raise?: AlarmRaise;
  /**
   * Present when labelled false alarms were flagged in training, or held a shift the sustained step would have
   * raised (falseAlarms.ts): each quiets its own repeats.
   */
  false_alarm_marks?: AlarmMark[];
  /**
   * With a false-alarm label among its training points: the peaks of training's last day, which quiet repeats
   * (recentRepeats.ts).
   */
  false_alarm_recent_peaks?: RecentPeaks;
}

export interface ModelFamily<F extends FittedFamily = FittedFamily> {
  readonly name: FamilyName;
  /** The version `fit` writes and `fromJson` accepts. */
  readonly version: number;
  /**
   * The few parameter variants automatic selection tries for this family (a grid of the family's own keys,
   * the default value first in each list); absent: the family is tried once with the caller's parameters.
   */
  readonly selectionGrid?: ParamGrid;
  /**
   * Online detection (detectOnline) refits this family (or an ensemble holding it) once per this many
   * milliseconds of series time instead of on the adaptive schedule, for a family whose fit is costly; a label
   * that becomes known still refits sooner, and an explicit `refit_every` wins. Absent: the adaptive schedule.
   */
  readonly onlineRefitMs?: number;
  /** Fits on points in any order; NaN values and `params.exclude` ranges are left out. Throws ModelInputError. */
  fit(
    timestamps: ArrayLike<number>,
    values: ArrayLike<number>,
    params: Partial<ModelParams>,
    kernels: Kernels,
    options?: FitOptions
  ): F;
  /**
   * Expectation and band at the given times; with `values`, each point is judged (`outlier`, `score`).
   * Families without a component leave it empty: `seasonal` {} and `holidays` zeros; `trend` is the level.
   */
  predict(
    fitted: F,
    timestamps: ArrayLike<number>,
    values: ArrayLike<number> | undefined,
    kernels: Kernels
  ): Prediction;
  /**
   * Adds the points after the fit's history and drops those leaving its training window, at a cost in
   * proportion to them (incremental.ts); throws UpdateRefused when the fit is due for a full refit or cannot
   * represent the new window. Absent: the family cannot update a fit, and callers fit again.
   */
  update?(fitted: F, change: WindowChange, params: Partial<ModelParams> | undefined, kernels: Kernels): F;
  /**
   * Plain JSON data (typed arrays as number arrays, or as text through the kernels' encodeFloat64s),
   * `family` and `version` included.
   */
  toJson(fitted: F, kernels: Kernels): Record<string, unknown>;
  /** Validates and restores what `toJson` wrote; throws ModelInputError naming what is wrong. */
  fromJson(data: Record<string, unknown>, kernels: Kernels): F;
}
