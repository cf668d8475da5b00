/**
 * Public entry of the Foresight model: pure functions over typed arrays, no Grafana, DOM or Node APIs.
 * (Being implemented; the signatures below are the contract.)
 */
export type {
  ModelParams,
  Prediction,
  Kernels,
  DesignLayout,
  CustomSeasonality,
  CustomHoliday,
  TimeRange,
  SeasonalityMode,
} from './types';
export { fit, predict, DEFAULT_PARAMS, resolveParams } from './forecaster';
export type { FittedModel } from './forecaster';
export { serialize, deserialize } from './serialize';
export { ModelInputError } from './errors';
