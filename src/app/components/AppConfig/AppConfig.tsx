import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../constants';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<object>>;

/** Setup notes for the app; the app has no settings of its own yet. */
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
          Add a <strong>Foresight</strong> datasource under Connections → Data sources. With no upstream set it serves
          the built-in demo source, so Save &amp; test works straight away.
        </li>
        <li>
          Query it from a dashboard: each series comes back with its expected value (<code>yhat</code>), an uncertainty
          band (<code>yhat_lower</code>, <code>yhat_upper</code>) and an <code>outlier</code> flag.
        </li>
        <li>
          Draw it with the <strong>Foresight anomalies</strong> panel, or alert on it: reduce <code>outlier</code> with
          Max and fire when it is above 0.
        </li>
      </ol>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ maxWidth: 720 }),
  steps: css({
    paddingLeft: theme.spacing(3),
    li: { marginBottom: theme.spacing(1) },
  }),
});
