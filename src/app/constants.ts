export const TEST_IDS = {
  appConfig: 'foresight-app-config',
  exampleDashboard: 'foresight-example-dashboard-link',
} as const;

/** UID of the example dashboard in provisioning/dashboards/foresight-demo.json. */
export const EXAMPLE_DASHBOARD_UID = 'foresight-demo';
export const EXAMPLE_DASHBOARD_URL = `/d/${EXAMPLE_DASHBOARD_UID}`;
