/** Model evaluation: rolling-origin cross-validation, Prophet's metrics, violation scores and grid tuning. */
export { crossValidationCutoffs, planCutoffs } from './cutoffs';
export type { CutoffOptions, CutoffPlan } from './cutoffs';
export type { WindowOptions } from './windows';
export { crossValidate, crossValidateLabelled, DEFAULT_MAX_FITS } from './crossValidation';
export type { CrossValidationOptions, LabelledCrossValidation } from './crossValidation';
export { checkLabels, labelledParams, labelMetrics } from './labels';
export type { EvaluationLabels, JudgedFold, LabelMetrics } from './labels';
export type { CrossValidationRows } from './cvRows';
export { foresightModel } from './forecastModel';
export type { ForecastModel } from './forecastModel';
export {
  mse,
  rmse,
  mae,
  mape,
  mdape,
  smape,
  coverage,
  violations,
  violationMagnitude,
  PERCENT_ERROR_ZERO,
} from './metrics';
export type { ViolationMagnitudeOptions } from './metrics';
export { summarizeRows } from './summary';
export type { MetricSummary } from './summary';
export { performanceMetrics } from './performanceMetrics';
export type { HorizonMetrics, PerformanceMetrics, PerformanceMetricsOptions } from './performanceMetrics';
export { rankByService, serviceCost, DEFAULT_SERVICE_TOLERANCE } from './serviceScore';
export type { ServicePriority, ServiceScoreOptions, ViolationStats } from './serviceScore';
export { tune, expandGrid, DEFAULT_TUNING_GRID, EXTENDED_TUNING_GRID } from './tune';
export type { ParamGrid, TuneCandidate, TuneMetric, TuneOptions, TuneResult } from './tune';
export { feedbackCounts } from './feedback';
export type { FeedbackCounts, FeedbackLabels } from './feedback';
