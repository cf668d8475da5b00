export interface ForesightPanelOptions {
  /** Shade the area between yhat_lower and yhat_upper. */
  showBand: boolean;
  /** Mark points whose outlier flag is set. */
  showOutliers: boolean;
}

export const DEFAULT_PANEL_OPTIONS: ForesightPanelOptions = {
  showBand: true,
  showOutliers: true,
};
