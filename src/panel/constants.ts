export const TEST_IDS = {
  panel: 'foresight-panel',
  missingFields: 'foresight-panel-missing-fields',
  noData: 'foresight-panel-no-data',
  noSeries: 'foresight-panel-no-series',
  chart: 'foresight-chart',
  chartKeyStatus: 'foresight-chart-key-status',
  tooltip: 'foresight-tooltip',
  legend: 'foresight-legend',
  seriesHeader: 'foresight-series-header',
  dragMode: 'foresight-drag-mode',
  onlyOutliers: 'foresight-only-outliers',
  regionDialog: 'foresight-region-dialog',
  regionNote: 'foresight-region-note',
  regionSave: 'foresight-region-save',
  exclusionList: 'foresight-exclusion-list',
  modelView: 'foresight-model-view',
  outsideStrip: 'foresight-outside-strip',
  hiddenSeries: 'foresight-hidden-series',
  outsideStripCaption: 'foresight-outside-strip-caption',
} as const;

/** Smallest chart height in small multiples; below it the panel scrolls. */
export const MIN_CHART_HEIGHT = 140;
