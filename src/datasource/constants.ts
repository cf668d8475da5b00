export const TEST_IDS = {
  querySeries: 'foresight-query-series',
  queryIntervalWidth: 'foresight-query-interval-width',
  configUpstream: 'foresight-config-upstream-uid',
} as const;
