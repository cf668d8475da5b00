export const TEST_IDS = {
  panel: 'foresight-panel',
  missingFields: 'foresight-panel-missing-fields',
} as const;
