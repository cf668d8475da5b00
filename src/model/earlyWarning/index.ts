/** Early warning: forecast to threshold (`breachOutlook`) and sustained slow change (`detectDrift`). */
export { breachOutlook } from './outlook';
export type { BreachOutlook, BreachSide, OutlookInput } from './outlook';
export { detectDrift, resolveDriftOptions, DEFAULT_DRIFT_OPTIONS } from './drift';
export type { DriftInput, DriftOptions, DriftResult } from './drift';
export { checkThresholds } from './inputs';
export type { ForecastArrays, Thresholds } from './inputs';
export { anchorAt } from './rows';
export type { RecentSeries } from './rows';
