/**
 * Public entry of the Foresight model: pure functions over typed arrays, no Grafana, DOM or Node APIs.
 */
export type {
  ModelParams,
  Prediction,
  Kernels,
  DesignKernels,
  LinearAlgebraKernels,
  PointKernels,
  HampelKnees,
  LagPairing,
  SeasonalCarry,
  JudgeBand,
  Judgement,
  DesignLayout,
  CustomSeasonality,
  CustomHoliday,
  TimeRange,
  SeasonalityMode,
} from './types';
export { fit, predict, DEFAULT_PARAMS, resolveParams } from './forecaster';
export type { FittedModel } from './forecaster';
export { serialize, deserialize } from './serialize';
export {
  fitModel,
  predictModel,
  withLearnedDaysOnly,
  serializeModel,
  serializeModelParts,
  deserializeModel,
  familyOf,
  updateModel,
} from './families/registry';
export { update, UpdateRefused } from './incremental';
export type { WindowChange, Points } from './incremental';
export { FAMILY_NAMES } from './families/family';
export type { FamilyName, FittedFamily, ModelFamily } from './families/family';
export { selectModel, decideSwap, DEFAULT_SWAP_MARGIN, DEFAULT_SELECTION_MAX_FITS } from './selection';
export type { SelectionOptions, SelectionResult, RankedCandidate, SwapTrailEntry, SelectionSummary } from './selection';
export { ModelInputError } from './errors';
export { MODEL_LIMITS } from './limits';
export { selectTrainingData, MAX_POINTS } from './input';
export { detectOnline, detectBatch, DEFAULT_ONLINE_OPTIONS } from './online';
export type { Detection, OnlineDetection, OnlineOptions } from './online';
export type { LabelFeed, LabelKind, PastVerdicts, TimedLabel } from './onlineLabels';
export { typescriptKernels } from './kernels';
