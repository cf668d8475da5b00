import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';

import { REQUIRED_PANEL_FIELDS } from '../../../shared/constants';
import { TEST_IDS } from '../../constants';
import { splitForesightFrames } from '../../data/foresightFrames';
import type { ForesightPanelOptions } from '../../types';

export type ForesightPanelProps = PanelProps<ForesightPanelOptions>;

/** Placeholder panel: checks that frames carry Foresight fields; drawing comes in a later change. */
export function ForesightPanel({ data, width, height, id, fieldConfig }: ForesightPanelProps) {
  const styles = useStyles2(getStyles);
  const { usable, gaps } = useMemo(() => splitForesightFrames(data.series), [data.series]);

  if (data.series.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} />;
  }

  if (usable.length === 0) {
    return (
      <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.missingFields}>
        <Alert severity="warning" title="No Foresight fields in this data">
          <p>
            This panel draws frames that have a time field and the numeric fields {REQUIRED_PANEL_FIELDS.join(', ')}.
            Query a Foresight datasource, or switch to the Time series panel for raw metrics.
          </p>
          <ul>
            {gaps.map((gap) => (
              <li key={gap.frame}>
                {gap.frame} lacks {gap.missing.join(', ')}
              </li>
            ))}
          </ul>
        </Alert>
      </div>
    );
  }

  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.panel}>
      {usable.length} Foresight series ready
      {gaps.length > 0 && ` (${gaps.length} frame${gaps.length === 1 ? '' : 's'} without Foresight fields skipped)`}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ overflow: 'auto', padding: theme.spacing(1) }),
});
