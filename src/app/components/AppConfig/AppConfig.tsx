import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { Alert, LinkButton, useStyles2 } from '@grafana/ui';

import { ANNOTATION_TAGS } from '../../../shared/constants';
import { EXAMPLE_DASHBOARD_URL, TEST_IDS } from '../../constants';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<object>>;

/** Setup notes for the app; the app has no settings of its own, the datasource holds them. */
export function AppConfig({ plugin }: AppConfigProps) {
  const styles = useStyles2(getStyles);
  const enabled = Boolean(plugin.meta.enabled);

  return (
    <div className={styles.page} data-testid={TEST_IDS.appConfig}>
      {!enabled && (
        <Alert severity="info" title="The app is not enabled yet">
          Enable it with the button above: the Foresight datasource and panel become usable once it is.
        </Alert>
      )}
      <h3>Set up Foresight</h3>
      <ol className={styles.steps}>
        <li>
          Add a <strong>Foresight</strong> datasource under Connections → Data sources. Its default source is the
          built-in demo metric, so Save &amp; test works straight away. Set a Prometheus URL to model PromQL, or pick a
          Grafana datasource in the query editor; for that, an administrator lists the datasources Foresight may read
          under <em>Allowed datasources</em>, and Grafana either gives the plugin a managed service account (feature
          toggle <code>externalServiceAccounts</code>) or you paste a service-account token in the datasource settings
          (see the permissions listed there).
        </li>
        <li>
          Query it from a dashboard: each series comes back with its expected value (<code>yhat</code>), an uncertainty
          band (<code>yhat_lower</code>, <code>yhat_upper</code>), an <code>outlier</code> flag (−1, 0, +1) and a{' '}
          <code>score</code> in [0, 1]. Model settings (seasonalities, holidays, band width, prior scales) are in the
          query editor, with Prophet&apos;s defaults.
        </li>
        <li>
          Draw it with the <strong>Foresight anomalies</strong> panel: the band, outliers coloured by direction, the
          forecast dashed. Choose <em>Exclude</em> above the chart and drag over an incident to leave it out of training
          (an annotation tagged <code>{ANNOTATION_TAGS.exclude}</code>); <em>Incident</em> labels a real incident (
          <code>{ANNOTATION_TAGS.incident}</code>, also left out of training) and <em>False alarm</em> a flag that was
          normal (<code>{ANNOTATION_TAGS.falseAlarm}</code>: the model stops raising it). Cross-validation scores both.
        </li>
        <li>
          Alert on it: set the query&apos;s output to <em>Alert</em>, reduce <code>outlier</code> with Max and fire when
          it is above 0.
        </li>
      </ol>
      <LinkButton href={EXAMPLE_DASHBOARD_URL} icon="apps" variant="secondary" data-testid={TEST_IDS.exampleDashboard}>
        Open the example dashboard
      </LinkButton>
      <p className={styles.note}>
        The example dashboard is provisioned from <code>provisioning/dashboards/foresight-demo.json</code> when Grafana
        runs with this repository&apos;s <code>provisioning/</code> folder.
      </p>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ maxWidth: 760 }),
  steps: css({
    paddingLeft: theme.spacing(3),
    li: { marginBottom: theme.spacing(1) },
  }),
  note: css({ marginTop: theme.spacing(1), color: theme.colors.text.secondary }),
});
