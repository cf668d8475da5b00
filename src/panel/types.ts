/** Which way an outlier left the band. */
export type Direction = 'both' | 'above' | 'below';

/** Where a new exclusion annotation applies. */
export type ExclusionScope = 'panel' | 'organization';

export interface LayerOptions {
  value: boolean;
  expected: boolean;
  band: boolean;
  forecast: boolean;
  outliers: boolean;
  exclusions: boolean;
}

export interface ForesightPanelOptions {
  layers: LayerOptions;
  /** Fill opacity of the band, 0..1. */
  bandOpacity: number;
  /** Outlier marker radius in CSS pixels. */
  markerSize: number;
  /** Which outliers are marked and counted. */
  direction: Direction;
  /** Hide series without a (direction-filtered) outlier in the range. */
  onlyWithOutliers: boolean;
  /** Most charts drawn at once; the picker reaches the rest. */
  maxCharts: number;
  /** Chart only the N most anomalous series (by current significance); 0 charts all. */
  topN: number;
  /** Draw the strip of how many series are outside the band over time (with more than one series). */
  outsideStrip: boolean;
  /** Default scope of exclusions drawn on this panel. */
  exclusionScope: ExclusionScope;
}

export const DEFAULT_LAYERS: LayerOptions = {
  value: true,
  expected: true,
  band: true,
  forecast: true,
  outliers: true,
  exclusions: true,
};

export const DEFAULT_PANEL_OPTIONS: ForesightPanelOptions = {
  layers: DEFAULT_LAYERS,
  bandOpacity: 0.25,
  markerSize: 4,
  direction: 'both',
  onlyWithOutliers: false,
  maxCharts: 12,
  topN: 0,
  outsideStrip: true,
  exclusionScope: 'panel',
};

/** What a drag over a chart does: zoom the dashboard, or mark a region with one of the Foresight tags. */
export type DragMode = 'zoom' | 'exclude' | 'incident' | 'falseAlarm';
