export const TEST_IDS = {
  appConfig: 'foresight-app-config',
} as const;
